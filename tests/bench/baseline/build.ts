/**
 * Builds the baseline harness (index.html + main.tsx) with Vite's JS API into
 * node_modules/.cache/bench/baseline, and serves it with its data on a loopback port.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const HERE = import.meta.dirname;
export const BASELINE_OUT = resolve(HERE, '../../../node_modules/.cache/bench/baseline');

export async function buildBaseline(): Promise<string> {
  await build({
    configFile: false,
    root: HERE,
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir: BASELINE_OUT, emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 5000, minify: process.env.BENCH_MINIFY !== '0' },
  });
  return BASELINE_OUT;
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

export type StaticServer = { url: string; close(): Promise<void> };

/** Serves the built harness and `data` as /data.json on 127.0.0.1. */
export function serveBaseline(dir: string, data: string): Promise<StaticServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/data.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(data);
      return;
    }
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolveServer({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}
