/**
 * Serves the built renderer (dist/renderer) on `app://app/`.
 * Every request path is decoded, resolved inside the renderer folder and refused if it would land
 * anywhere else (`..`, `%2e%2e`, `%2f`/`%5c` tricks, absolute or drive paths, NUL bytes). Unknown
 * extension-less paths are client routes of react-router and get index.html; a missing asset is a 404.
 * The CSP header is set here on every response: Electron's webRequest header hooks do not reliably
 * fire for custom protocols (https://github.com/electron/electron/issues/6021), so main.ts's
 * onHeadersReceived hook is only a second line.
 */
import nodePath from 'node:path';
import { promises as fs } from 'node:fs';
import { APP_HOST, APP_SCHEME } from './app-config';
import { CONTENT_SECURITY_POLICY } from './security';

export type AppPathResolution =
  | { kind: 'file'; path: string; clientRoute: boolean }
  | { kind: 'refused'; reason: string };

type PathApi = Pick<typeof nodePath, 'resolve' | 'relative' | 'isAbsolute' | 'sep' | 'join'>;

/** Pure: maps an app:// URL to a file inside `root`, or refuses it. `root` must be absolute. */
export function resolveAppPath(root: string, rawUrl: string, path: PathApi = nodePath): AppPathResolution {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { kind: 'refused', reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) return { kind: 'refused', reason: 'foreign origin' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'refused', reason: 'malformed escape' };
  }
  // Backslashes and colons would be separators, drive letters or NTFS streams on Windows.
  if (/[\0\\:]/.test(decoded)) return { kind: 'refused', reason: 'forbidden character' };
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return { kind: 'refused', reason: 'dot segment' };
  const relativePath = segments.length === 0 ? 'index.html' : path.join(...segments);
  const resolved = path.resolve(root, relativePath);
  const fromRoot = path.relative(root, resolved);
  if (fromRoot === '' || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) {
    return { kind: 'refused', reason: 'outside the renderer folder' };
  }
  const last = segments[segments.length - 1] ?? 'index.html';
  return { kind: 'file', path: resolved, clientRoute: !last.includes('.') };
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeOf(file: string): string {
  return MIME_TYPES[nodePath.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export interface FileSource {
  /** The file's bytes, or null when it does not exist or is not a regular file. */
  read(path: string): Promise<Uint8Array | null>;
}

export const diskFileSource: FileSource = {
  async read(path) {
    try {
      const stat = await fs.stat(path);
      if (!stat.isFile()) return null;
      return await fs.readFile(path);
    } catch {
      return null;
    }
  },
};

function respond(status: number, body: Uint8Array | string | null, contentType: string, head: boolean): Response {
  const headers = new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  });
  const payload = head || body === null ? null : typeof body === 'string' ? body : (body as Uint8Array<ArrayBuffer>);
  return new Response(payload, { status, headers });
}

export interface AppProtocolDeps {
  /** Absolute path of the built renderer folder. */
  root: string;
  files?: FileSource;
  log?: { warn(...args: unknown[]): void };
}

/** The `protocol.handle('app', ...)` handler. */
export function createAppProtocolHandler(deps: AppProtocolDeps): (request: Request) => Promise<Response> {
  const files = deps.files ?? diskFileSource;
  const root = nodePath.resolve(deps.root);
  return async (request) => {
    const head = request.method === 'HEAD';
    if (request.method !== 'GET' && !head) return respond(405, 'Method not allowed', 'text/plain; charset=utf-8', head);
    const resolution = resolveAppPath(root, request.url);
    if (resolution.kind === 'refused') {
      deps.log?.warn('app:// request refused', { url: request.url, reason: resolution.reason });
      return respond(404, 'Not found', 'text/plain; charset=utf-8', head);
    }
    const body = await files.read(resolution.path);
    if (body !== null) return respond(200, body, mimeTypeOf(resolution.path), head);
    if (resolution.clientRoute) {
      const index = await files.read(nodePath.join(root, 'index.html'));
      if (index !== null) return respond(200, index, MIME_TYPES['.html'] ?? 'text/html', head);
    }
    return respond(404, 'Not found', 'text/plain; charset=utf-8', head);
  };
}
