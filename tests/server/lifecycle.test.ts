import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createPgDatabase, login, postgresAvailable, request, startTestServer } from './helpers';
import { openSse } from './sse';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function runMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

for (const backend of ['pglite', 'postgres'] as const) {
  it.skipIf(backend === 'postgres' && !postgresAvailable())(`sends a heartbeat comment on the live stream, and close() ends open streams promptly [${backend}]`, async () => {
    const s = await startTestServer(backend, { heartbeatMs: 150, demo: true });
    const session = await login(s, 'coach1@demo.local');
    const stream = await openSse(`${s.url}/sync/v2/orgs/${session.orgId}/stream`, { authorization: `Bearer ${session.token}` });
    await stream.next((e) => e.event === 'ready');
    await expect.poll(() => stream.comments.length, { timeout: 5000 }).toBeGreaterThan(0);
    expect(stream.comments[0]).toBe('heartbeat');
    const started = Date.now();
    await s.close();
    expect(Date.now() - started).toBeLessThan(3000);
    stream.close();
  });
}

it('npm run server: prints how to sign in to the demo, serves, and stops cleanly on SIGTERM', async () => {
  const port = await freePort();
  let dataDir: string | null = null;
  let drop: (() => Promise<void>) | null = null;
  const env: Record<string, string> = { PORT: String(port), HOST: '127.0.0.1', ASTRAL_DEMO: '1', ASTRAL_DEMO_PASSWORD: 'demo-secret-1' };
  if (postgresAvailable()) {
    const db = await createPgDatabase();
    env.DATABASE_URL = db.url;
    drop = db.drop;
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'astral-main-'));
    env.ASTRAL_DATA_DIR = dataDir;
    env.DATABASE_URL = '';
  }
  const proc = runMain(env);
  try {
    await expect
      .poll(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status).catch(() => 0)), { timeout: 60_000, interval: 200 })
      .toBe(200);
    const out = proc.output();
    for (const text of [`http://127.0.0.1:${port}`, 'headcoach@demo.local', 'coach1@demo.local', 'coach2@demo.local', 'demo-secret-1']) expect(out).toContain(text);
    expect((await request({ url: `http://127.0.0.1:${port}` }, 'POST', '/api/v1/auth/login', { json: { email: 'coach2@demo.local', password: 'demo-secret-1' } })).status).toBe(200);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  } finally {
    if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
    if (drop) await drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
});

it('a bad environment value names the variable and exits 1', async () => {
  const proc = runMain({ PORT: 'eighty', DATABASE_URL: '' });
  expect(await proc.exited).toBe(1);
  expect(proc.output()).toMatch(/Invalid environment:\s+PORT="eighty": must be a port number/);
});
