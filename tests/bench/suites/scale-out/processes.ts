/**
 * A real server process for the scale-out bench: `npx tsx server/main.ts` with DATABASE_URL and
 * its own PORT, in its own process group; `stop()` sends SIGTERM to that group (SIGKILL after 10 s).
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '../../../support/free-port';

const ROOT = resolve(import.meta.dirname, '../../../..');

export type ServerProcess = { url: string; pid: number; stop(): Promise<void> };

export async function startServerProcess(databaseUrl: string, options: { demo: boolean; timeoutMs: number }): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn('npx', ['tsx', 'server/main.ts'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', ASTRAL_DEMO: options.demo ? 'true' : 'false', LOG_LEVEL: 'warn' },
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not spawn the server process');
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      return;
    }
    const force = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 10_000);
    await exited;
    clearTimeout(force);
  };
  try {
    await new Promise<void>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`server on port ${port} not listening after ${options.timeoutMs} ms:\n${output.slice(-2000)}`)), options.timeoutMs);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('listening on')) {
          clearTimeout(timer);
          ok();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`server process exited (${code}):\n${output.slice(-2000)}`));
      });
    });
  } catch (err) {
    await stop();
    throw err;
  }
  // Keep draining its output so a full pipe never blocks it.
  child.stdout.resume();
  child.stderr.resume();
  return { url: `http://127.0.0.1:${port}`, pid, stop };
}
