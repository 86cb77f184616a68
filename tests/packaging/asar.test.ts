/**
 * Packages the desktop app the way `npm run dist:dir` does, with the project's own
 * electron-builder.yml, and checks what a coach's laptop would get. No Electron binary can be
 * downloaded here (DESIGN.md), so electron-builder is pointed (`-c.electronDist`) at a stand-in
 * Electron folder: an `electron` file carrying the fuse sentinel and Electron's default fuse wire,
 * and a `version` file. That also lets the test check the fuses electron-builder flipped.
 * Builds the renderer when dist/renderer is missing and always re-bundles the shell first.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage(archive: string, options?: object): string[]; extractFile(archive: string, file: string): Buffer };

const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** app.asar measured at 2.85 MiB (main.cjs 1.4 MiB with electron-log, electron-updater and zod; the renderer the rest); room to grow. */
const MAX_ASAR_BYTES = 5 * 1024 * 1024;
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's own defaults, one byte per fuse ('1' on, '0' off), in @electron/fuses FuseV1Options order. */
const DEFAULT_FUSE_WIRE = '10110001';

let work: string;
let unpacked: string;
let archive: string;
let files: string[];

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
    timeout: 240_000,
  });
  if (result.status !== 0) throw new Error(`${path.basename(args[0] ?? command)} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}

function makeStandInElectron(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const version = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\n# stand-in for the Electron binary (tests/packaging); fuse wire: '),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, DEFAULT_FUSE_WIRE.length]),
    Buffer.from(DEFAULT_FUSE_WIRE),
    Buffer.from('\nexit 0\n'),
  ]);
  writeFileSync(path.join(dir, 'electron'), binary);
  chmodSync(path.join(dir, 'electron'), 0o755);
  writeFileSync(path.join(dir, 'version'), version);
}

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'dist/renderer/index.html'))) {
    run(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']);
  }
  run(process.execPath, [path.join(ROOT, 'scripts/build-electron.mjs')]);
  work = mkdtempSync(path.join(os.tmpdir(), 'astral-packaging-'));
  makeStandInElectron(path.join(work, 'electron'));
  run(process.execPath, [
    path.join(ROOT, 'node_modules/electron-builder/cli.js'),
    '--linux',
    'dir',
    '--publish',
    'never',
    `-c.electronDist=${path.join(work, 'electron')}`,
    `-c.directories.output=${path.join(work, 'release')}`,
  ]);
  unpacked = path.join(work, 'release/linux-unpacked');
  archive = path.join(unpacked, 'resources/app.asar');
  files = asar.listPackage(archive).map((file) => file.replaceAll('\\', '/'));
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('electron-builder --linux dir (stand-in Electron)', () => {
  it('packs the built renderer, main and preload, and the tray icons into app.asar', () => {
    for (const file of [
      '/dist/renderer/index.html',
      '/dist/electron/main.cjs',
      '/dist/electron/preload.cjs',
      '/dist/electron/tray/tray.png',
      '/dist/electron/tray/trayTemplate.png',
      '/package.json',
    ]) {
      expect(files).toContain(file);
    }
    expect(files.some((file) => /^\/dist\/renderer\/assets\/index-[\w-]+\.js$/.test(file))).toBe(true);
  });

  it('ships no server code, no sources, no tests, no source maps and no node_modules', () => {
    const forbidden = files.filter(
      (file) =>
        /^\/(server|shared|renderer|electron|tests|scripts|build|node_modules|release|\.astral-data)(\/|$)/.test(file) ||
        /\/node_modules\//.test(file) ||
        /\.map$/.test(file) ||
        /\.(test|spec)\.[cm]?[jt]sx?$/.test(file) ||
        /\.tsx?$/.test(file),
    );
    expect(forbidden).toEqual([]);
    expect(files.every((file) => file === '/package.json' || file.startsWith('/dist/renderer') || file.startsWith('/dist/electron') || file === '/dist')).toBe(true);
  });

  it('starts main.cjs, which needs nothing outside the asar but Node built-ins and electron', () => {
    const manifest = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) as { main: string; dependencies?: Record<string, string> };
    expect(manifest.main).toBe('dist/electron/main.cjs');
    expect(Object.keys(manifest.dependencies ?? {})).toEqual([]);
    const main = asar.extractFile(archive, 'dist/electron/main.cjs').toString('utf8');
    const required = new Set([...main.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1] ?? ''));
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    expect([...required].filter((name) => name !== 'electron' && !builtins.has(name))).toEqual([]);
    expect(main).not.toMatch(/sourceMappingURL/);
    // The server stays out of the shell bundle (the lint layer rule, checked on the artefact).
    expect(main).not.toMatch(/@hono\/|@electric-sql\/pglite|from "pino"/);
    const preload = asar.extractFile(archive, 'dist/electron/preload.cjs').toString('utf8');
    expect([...preload.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1])).toEqual(['electron']);
  });

  it('stays under its size bound', () => {
    const size = statSync(archive).size;
    const mainSize = asar.extractFile(archive, 'dist/electron/main.cjs').length;
    console.log(`[packaging] app.asar ${(size / 1024 / 1024).toFixed(2)} MB (${size} bytes; main.cjs ${mainSize} bytes), bound ${MAX_ASAR_BYTES} bytes`);
    expect(size).toBeLessThan(MAX_ASAR_BYTES);
  });

  it('flips the security fuses in the Electron binary', () => {
    const binary = readFileSync(path.join(unpacked, 'astral-coach'));
    const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
    const wire = binary.subarray(at + 2, at + 2 + DEFAULT_FUSE_WIRE.length).toString('latin1');
    // RunAsNode off, cookie encryption on, NODE_OPTIONS off, --inspect off, asar integrity on,
    // only load the app from app.asar on, (V8 snapshot untouched), no file:// extra privileges.
    expect(wire).toBe('01001100');
  });

  it('writes the update feed settings electron-updater reads, without publishing anything', () => {
    const updateConfig = readFileSync(path.join(unpacked, 'resources/app-update.yml'), 'utf8');
    expect(updateConfig).toMatch(/provider: generic/);
    expect(readFileSync(path.join(unpacked, 'version'), 'utf8')).toMatch(/^\d+\.\d+\.\d+/);
  });
});
