/**
 * Bundles the harness page (harness/main.ts: renderer/data, Dexie, pouchdb-browser) into one
 * browser script with esbuild, minified like the app's production build, or with `readable` (the
 * suite's --profile) only its syntax minified: one statement per line, so a profile tells apart the
 * anonymous functions it names by line. `events` (required by pouchdb-browser) is harness/events.ts.
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';

const HERE = import.meta.dirname;

export async function buildHarness(options: { readable?: boolean } = {}): Promise<string> {
  const result = await build({
    entryPoints: [resolve(HERE, 'harness/main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minifySyntax: true,
    minifyWhitespace: !options.readable,
    // Readable function names in the profiles the suite prints.
    minifyIdentifiers: false,
    legalComments: 'none',
    define: { global: 'globalThis', 'process.env.NODE_ENV': '"production"' },
    alias: { events: resolve(HERE, 'harness/events.ts') },
    logLevel: 'warning',
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error('esbuild produced no harness bundle');
  return out.text;
}
