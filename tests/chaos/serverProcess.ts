/**
 * The sync server as a real child process (`node --import tsx server/main.ts`, the same entry as
 * `npm run server`), so the chaos run can SIGKILL it mid-push and start it again on the same port
 * and the same PGlite data folder. Not through `npx tsx`: the tsx CLI runs the script in a second
 * process, and a SIGKILL of the CLI would leave the real server running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const START_TIMEOUT_MS = 180_000;

export type ServerProcess = {
  url: string;
  /** Kills without warning (SIGKILL) and waits for the exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  running(): boolean;
  /** Last lines of its output, for a failure report. */
  tail(): string;
};

export function serverProcess(options: { port: number; dataDir: string; log?: (line: string) => void }): ServerProcess {
  const url = `http://127.0.0.1:${options.port}`;
  let child: ChildProcess | null = null;
  const lines: string[] = [];
  const remember = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(line);
    if (lines.length > 60) lines.splice(0, lines.length - 60);
  };

  const start = () =>
    new Promise<void>((resolveStart, reject) => {
      const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        cwd: ROOT,
        env: {
          ...process.env,
          PORT: String(options.port),
          HOST: '127.0.0.1',
          ASTRAL_DATA_DIR: options.dataDir,
          DATABASE_URL: '',
          ASTRAL_DEMO: '0',
          SMTP_URL: '',
          PUBLIC_URL: url,
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        reject(new Error(`server did not start within ${START_TIMEOUT_MS / 1000} s:\n${lines.join('\n')}`));
      }, START_TIMEOUT_MS);
      proc.stdout?.on('data', (chunk: Buffer) => {
        remember(chunk);
        if (chunk.toString('utf8').includes('listening on')) {
          clearTimeout(timer);
          resolveStart();
        }
      });
      proc.stderr?.on('data', remember);
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (child === proc) child = null;
        reject(new Error(`server exited (${code ?? signal}) before it listened:\n${lines.join('\n')}`));
      });
    });

  return {
    url,
    start,
    running: () => child !== null,
    tail: () => lines.join('\n'),
    kill: async () => {
      const proc = child;
      if (!proc) return;
      const exited = new Promise<void>((r) => proc.once('exit', () => r()));
      proc.kill('SIGKILL');
      await exited;
      child = null;
    },
  };
}
