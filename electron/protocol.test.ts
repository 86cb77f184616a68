import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppProtocolHandler, diskFileSource, resolveAppPath } from './protocol';
import type { FileSource } from './protocol';
import { CONTENT_SECURITY_POLICY } from './security';

const ROOT = path.resolve('/srv/astral/dist/renderer');

function insideRoot(file: string, root = ROOT, api: typeof path.posix = path): boolean {
  const rel = api.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !api.isAbsolute(rel);
}

describe('resolveAppPath', () => {
  it('maps the origin root to index.html and assets to files inside the renderer folder', () => {
    expect(resolveAppPath(ROOT, 'app://app/')).toEqual({ kind: 'file', path: path.join(ROOT, 'index.html'), clientRoute: false });
    expect(resolveAppPath(ROOT, 'app://app/assets/index-abc.js')).toEqual({
      kind: 'file',
      path: path.join(ROOT, 'assets/index-abc.js'),
      clientRoute: false,
    });
    expect(resolveAppPath(ROOT, 'app://app/assets/index.js?v=2#x')).toMatchObject({ path: path.join(ROOT, 'assets/index.js') });
  });

  it('marks extension-less paths as client routes', () => {
    expect(resolveAppPath(ROOT, 'app://app/athletes/7f3c')).toMatchObject({ kind: 'file', clientRoute: true });
    expect(resolveAppPath(ROOT, 'app://app/favicon.svg')).toMatchObject({ kind: 'file', clientRoute: false });
  });

  it.each([
    'app://app/../../etc/passwd',
    'app://app/%2e%2e/%2e%2e/etc/passwd',
    'app://app/.%2E/.%2e/etc/passwd',
    'app://app//etc/passwd',
    'app://app/%2Fetc%2Fpasswd',
  ])('keeps %s inside the renderer folder (the URL parser already collapsed it)', (url) => {
    const result = resolveAppPath(ROOT, url);
    expect(result.kind).toBe('file');
    if (result.kind === 'file') expect(insideRoot(result.path)).toBe(true);
  });

  it.each([
    ['app://app/..%2f..%2fetc%2fpasswd', 'dot segment'],
    ['app://app/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd', 'dot segment'],
    ['app://app/..%5c..%5cwindows%5cwin.ini', 'forbidden character'],
    ['app://app/C:/Windows/win.ini', 'forbidden character'],
    ['app://app/%43%3a%5cWindows', 'forbidden character'],
    ['app://app/index.html%3a%3a$DATA', 'forbidden character'],
    ['app://app/index.html%00.png', 'forbidden character'],
    ['app://app/%E0%A4%A', 'malformed escape'],
    ['app://evil/index.html', 'foreign origin'],
    ['app://app.evil.com/index.html', 'foreign origin'],
    ['file:///etc/passwd', 'foreign origin'],
    ['https://app/index.html', 'foreign origin'],
    ['not a url', 'not a URL'],
  ])('refuses %s (%s)', (url, reason) => {
    expect(resolveAppPath(ROOT, url)).toEqual({ kind: 'refused', reason });
  });

  it('guards Windows paths too', () => {
    const root = 'C:\\Program Files\\Astral Coach\\resources\\app.asar\\dist\\renderer';
    const ok = resolveAppPath(root, 'app://app/assets/app.js', path.win32);
    expect(ok).toEqual({ kind: 'file', path: `${root}\\assets\\app.js`, clientRoute: false });
    expect(resolveAppPath(root, 'app://app/..%5c..%5csecret.txt', path.win32).kind).toBe('refused');
    expect(resolveAppPath(root, 'app://app/%5C%5Cserver%5Cshare', path.win32).kind).toBe('refused');
    expect(resolveAppPath(root, 'app://app/D:%5Csecret', path.win32).kind).toBe('refused');
  });

  it('never resolves outside the folder, whatever the path (randomized)', () => {
    const piece = fc.constantFrom('..', '.', '%2e', '%2E%2e', '%2f', '%2F', '%5c', '\\', '/', '//', ':', '%3a', '%00', '%', 'a', 'etc', 'index.html', '~', '%252e');
    for (const api of [path.posix, path.win32]) {
      const root = api === path.win32 ? 'C:\\app\\dist\\renderer' : '/app/dist/renderer';
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
          const result = resolveAppPath(root, `app://app/${pieces.join('')}`, api);
          return result.kind === 'refused' || insideRoot(result.path, root, api);
        }),
        { numRuns: 2000 },
      );
    }
  });
});

describe('createAppProtocolHandler', () => {
  let base: string;
  let root: string;

  beforeAll(() => {
    base = mkdtempSync(path.join(os.tmpdir(), 'astral-protocol-'));
    root = path.join(base, 'renderer');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Astral Coach</title>');
    writeFileSync(path.join(root, 'assets/app.js'), 'console.log(1)');
    writeFileSync(path.join(base, 'secret.txt'), 'outside');
    mkdirSync(path.join(base, 'renderer-evil'));
    writeFileSync(path.join(base, 'renderer-evil/x.txt'), 'sibling');
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  function spiedHandler(): { handler: (request: Request) => Promise<Response>; reads: string[] } {
    const reads: string[] = [];
    const files: FileSource = { read: (file) => (reads.push(file), diskFileSource.read(file)) };
    return { handler: createAppProtocolHandler({ root, files, log: { warn: vi.fn() } }), reads };
  }

  it('serves index.html and assets with their type and the CSP header', async () => {
    const { handler } = spiedHandler();
    const index = await handler(new Request('app://app/'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await index.text()).toContain('Astral Coach');
    const script = await handler(new Request('app://app/assets/app.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('falls back to index.html for client routes, not for missing assets', async () => {
    const { handler } = spiedHandler();
    const route = await handler(new Request('app://app/athletes/42'));
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('Astral Coach');
    expect((await handler(new Request('app://app/assets/missing.js'))).status).toBe(404);
    expect((await handler(new Request('app://app/assets'))).status).toBe(200);
  });

  it.each([
    'app://app/..%2fsecret.txt',
    'app://app/..%2f..%2f..%2f..%2fetc%2fpasswd',
    'app://app/..%2frenderer-evil%2fx.txt',
    'app://app/..%5csecret.txt',
    'app://app/../secret.txt',
    'app://app/%2e%2e/secret.txt',
  ])('never reads outside the folder for %s', async (url) => {
    const { handler, reads } = spiedHandler();
    const response = await handler(new Request(url));
    const body = await response.text();
    expect(body).not.toContain('outside');
    expect(body).not.toContain('sibling');
    expect(reads.every((file) => insideRoot(file, root))).toBe(true);
  });

  it('serves index.html for the routes deep links open at a cold start', async () => {
    const { handler, reads } = spiedHandler();
    for (const url of ['app://app/attention', 'app://app/athletes/11111111-1111-4111-8111-111111111111']) {
      const response = await handler(new Request(url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text()).toContain('Astral Coach');
    }
    expect(reads.every((file) => insideRoot(file, root))).toBe(true);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const { handler } = spiedHandler();
    const head = await handler(new Request('app://app/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await handler(new Request('app://app/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
