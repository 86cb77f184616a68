import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutboxSender, pruneOutbox } from './outbox';

const DAY = 86_400_000;
let dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
  dirs = [];
});
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), 'astral-outbox-'));
  dirs.push(d);
  return d;
};
const aged = async (dir: string, name: string, days: number) => {
  const path = join(dir, name);
  await writeFile(path, 'x');
  const at = new Date(Date.now() - days * DAY);
  await utimes(path, at, at);
};

describe('pruneOutbox', () => {
  it('removes only .eml files older than the limit', async () => {
    const dir = await tempDir();
    await aged(dir, 'old.eml', 40);
    await aged(dir, 'recent.eml', 2);
    await aged(dir, 'notes.txt', 400);
    expect(await pruneOutbox(dir, 30 * DAY)).toBe(1);
    expect((await readdir(dir)).sort()).toEqual(['notes.txt', 'recent.eml']);
  });

  it('is a no-op without an outbox folder', async () => {
    expect(await pruneOutbox(join(await tempDir(), 'missing'), DAY)).toBe(0);
  });

  it('runs when the sender writes a message, and says so', async () => {
    const dir = await tempDir();
    await aged(dir, 'ancient.eml', 90);
    const lines: string[] = [];
    const sender = createOutboxSender({ dir, from: 'Astral <a@b.test>', log: (l) => lines.push(l) });
    await sender.send({ to: 'x@y.test', subject: 'Hi', text: 'Hello', html: '<p>Hello</p>' });
    await sender.close();
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).not.toBe('ancient.eml');
    expect(lines.some((l) => l.startsWith('Removed 1 .eml file'))).toBe(true);
  });
});
