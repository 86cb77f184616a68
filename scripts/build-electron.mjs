// Bundles the Electron shell: electron/main.ts -> dist/electron/main.cjs (Node side) and
// electron/preload.ts -> dist/electron/preload.cjs (sandboxed preload: it may only require
// 'electron', so everything else, zod included, is bundled in). No source maps: they would
// ship inside app.asar. electron-log and electron-updater are bundled into main.cjs too, so the
// packaged app needs no node_modules at all (package.json keeps them as devDependencies). The
// tray / menu-bar icons (build/tray, drawn by build/make-icon.mjs) are copied to dist/electron/tray.
// `node scripts/build-electron.mjs [--watch]`.
import { cpSync } from 'node:fs';
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

function copyTrayIcons() {
  cpSync(path.join(root, 'build/tray'), path.join(outdir, 'tray'), { recursive: true, filter: (source) => !source.endsWith('.map') });
}

export async function buildElectron({ watch = false } = {}) {
  if (watch) {
    copyTrayIcons();
    const contexts = await Promise.all(targets.map((options) => esbuild.context(options)));
    await Promise.all(contexts.map((context) => context.watch()));
    console.log('[build-electron] watching electron/ and shared/');
    return;
  }
  const started = Date.now();
  await Promise.all(targets.map((options) => esbuild.build(options)));
  copyTrayIcons();
  console.log(`[build-electron] dist/electron/main.cjs, preload.cjs and tray icons built in ${Date.now() - started} ms`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildElectron({ watch: process.argv.includes('--watch') }).catch((error) => {
    console.error('[build-electron] failed:', error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
