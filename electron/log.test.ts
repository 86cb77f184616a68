import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron-log/main', () => ({ default: {} }));
const { rotateLogFile } = await import('./log');

describe('log rotation', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'astral-log-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'main.log');
  const read = (name: string) => (existsSync(path.join(dir, name)) ? readFileSync(path.join(dir, name), 'utf8') : null);

  it('shifts main.log to main.1.log ... main.3.log and drops the oldest', () => {
    for (const generation of ['a', 'b', 'c', 'd', 'e']) {
      writeFileSync(file, generation);
      rotateLogFile(file);
    }
    expect(read('main.log')).toBeNull();
    expect(read('main.1.log')).toBe('e');
    expect(read('main.2.log')).toBe('d');
    expect(read('main.3.log')).toBe('c');
    expect(read('main.4.log')).toBeNull();
  });
});
