// Bundles the Electron shell: electron/main.ts -> dist/electron/main.cjs (Node side) and
// electron/preload.ts -> dist/electron/preload.cjs (sandboxed preload: it may only require
// 'electron', so everything else, zod included, is bundled in). No source maps: they would
// ship inside app.asar. `node scripts/build-electron.mjs [--watch]`.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist/electron');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  external: ['electron'],
  logLevel: 'warning',
  legalComments: 'none',
  absWorkingDir: root,
  define: { 'process.env.NODE_ENV': '"production"' },
};

export const targets = [
  { ...common, entryPoints: ['electron/main.ts'], outfile: path.join(outdir, 'main.cjs'), target: 'node20' },
  { ...common, entryPoints: ['electron/preload.ts'], outfile: path.join(outdir, 'preload.cjs'), target: 'chrome120', minify: true },
];

export async function buildElectron({ watch = false } = {}) {
  if (watch) {
    const contexts = await Promise.all(targets.map((options) => esbuild.context(options)));
    await Promise.all(contexts.map((context) => context.watch()));
    console.log('[build-electron] watching electron/ and shared/');
    return;
  }
  const started = Date.now();
  await Promise.all(targets.map((options) => esbuild.build(options)));
  console.log(`[build-electron] dist/electron/main.cjs and preload.cjs built in ${Date.now() - started} ms`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildElectron({ watch: process.argv.includes('--watch') }).catch((error) => {
    console.error('[build-electron] failed:', error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
