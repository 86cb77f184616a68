import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FolderInUse, lockFolder } from './folder-lock';

const dirs: string[] = [];
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), 'astral-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('data folder lock', () => {
  it('refuses a folder held by a live process and frees it on release', () => {
    const d = folder();
    writeFileSync(join(d, 'astral.pid'), String(process.ppid));
    expect(() => lockFolder(d)).toThrow(FolderInUse);
    rmSync(join(d, 'astral.pid'));
    const release = lockFolder(d);
    expect(existsSync(join(d, 'astral.pid'))).toBe(true);
    release();
    expect(existsSync(join(d, 'astral.pid'))).toBe(false);
  });

  it('takes over a lock left by a process that is gone, or a garbled one', () => {
    const d = folder();
    writeFileSync(join(d, 'astral.pid'), '999999999');
    lockFolder(d)();
    writeFileSync(join(d, 'astral.pid'), 'garbage');
    lockFolder(d)();
  });
});
