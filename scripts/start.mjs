// `npm start`: builds what is missing or stale, starts the sync server with the demo organization,
// waits until it answers /healthz, then opens the Electron window if this machine has an Electron
// binary; otherwise it says so and points at the web dashboard. Ctrl-C (or SIGTERM) stops every
// child it started before exiting.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron } from './build-electron.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const PORT = process.env.PORT ?? '8787';
const HOST = process.env.HOST ?? '127.0.0.1';
const SERVER_READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 10_000;

const localHost = HOST === '0.0.0.0' || HOST === '::' || HOST === '' ? '127.0.0.1' : HOST;
const dashboardUrl = `http://${localHost.includes(':') ? `[${localHost}]` : localHost}:${PORT}/`;

const children = new Set();
let stopping = false;

function say(message) {
  console.log(`[start] ${message}`);
}

/**
 * Spawns a child that is tracked for shutdown; resolves with its exit code. On POSIX each child
 * gets its own process group, so a terminal Ctrl-C reaches it once, forwarded by stopAll, instead
 * of twice (directly from the terminal and again from us).
 */
function run(command, args, options = {}) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', detached: process.platform !== 'win32', ...options });
  children.add(child);
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve(code ?? (signal ? 128 : 1));
    });
    child.once('error', (error) => {
      children.delete(child);
      say(`could not start ${path.basename(command)}: ${error.message}`);
      resolve(1);
    });
  });
  return { child, exited };
}

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return /\.test\.[cm]?[jt]sx?$/.test(entry) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(entry)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

export function rendererIsStale() {
  const built = path.join(root, 'dist/renderer/index.html');
  if (!existsSync(built)) return true;
  const sources = ['renderer', 'shared', 'vite.config.ts', 'package.json'].map((entry) => path.join(root, entry));
  return Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs;
}

/** The Electron executable's path, or null where no binary was downloaded (require throws then). */
export function findElectronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

async function waitForHealth(serverExited) {
  const deadline = Date.now() + SERVER_READY_TIMEOUT_MS;
  let exitCode = null;
  serverExited.then((code) => {
    exitCode = code;
  });
  while (Date.now() < deadline) {
    if (exitCode !== null) throw new Error(`the server exited (code ${exitCode}) before it was ready`);
    try {
      const response = await fetch(new URL('/healthz', dashboardUrl), { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the server did not answer ${dashboardUrl}healthz within ${SERVER_READY_TIMEOUT_MS / 1000} s`);
}

function stopAll(signal, exitCode) {
  if (stopping) {
    for (const child of children) child.kill('SIGKILL');
    process.exit(exitCode);
  }
  stopping = true;
  if (children.size > 0) say(`stopping (${signal})...`);
  for (const child of children) child.kill(signal);
  const force = setTimeout(() => {
    for (const child of children) child.kill('SIGKILL');
  }, STOP_GRACE_MS);
  force.unref();
  const waitForChildren = () => {
    if (children.size === 0) process.exit(exitCode);
    setTimeout(waitForChildren, 50);
  };
  waitForChildren();
}

async function main() {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(signal, () => stopAll(signal, code));
  }

  if (rendererIsStale()) {
    say('building the renderer (vite build)...');
    const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin/vite.js');
    const code = await run(process.execPath, [vite, 'build', '--logLevel', 'warn']).exited;
    if (code !== 0) throw new Error(`the renderer build failed (exit code ${code})`);
  } else {
    say('renderer build is up to date');
  }
  await buildElectron();

  say(`starting the server on ${dashboardUrl} with the demo organization...`);
  const tsx = path.join(path.dirname(require.resolve('tsx/package.json')), 'dist/cli.mjs');
  const server = run(process.execPath, [tsx, 'server/main.ts'], {
    env: { ...process.env, ASTRAL_DEMO: '1', PORT, HOST },
  });
  server.exited.then((code) => {
    if (!stopping) {
      say(`the server stopped (exit code ${code})`);
      stopAll('SIGTERM', code === 0 ? 1 : code);
    }
  });
  await waitForHealth(server.exited);
  say(`server ready: ${dashboardUrl}`);

  const electron = findElectronBinary();
  if (electron === null) {
    say(
      'No Electron binary on this machine (it is downloaded from GitHub on first install, which is ' +
        `unreachable here). The same app runs as a web dashboard: open ${dashboardUrl}`,
    );
    say('Ctrl-C stops the server.');
    return;
  }
  say('opening the Astral Coach window (Electron)...');
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const app = run(electron, [root], { env });
  const code = await app.exited;
  if (!stopping) {
    say(`the window was closed (exit code ${code}); stopping the server`);
    stopAll('SIGTERM', code);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
    stopAll('SIGTERM', 1);
  });
}
