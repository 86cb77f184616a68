import { describe, expect, it } from 'vitest';
import { KeyedMutex } from './mutex';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('KeyedMutex', () => {
  it('runs work of one key one at a time, in arrival order', async () => {
    const m = new KeyedMutex();
    const log: string[] = [];
    const job = (name: string, ms: number) =>
      m.run('org', async () => {
        log.push(`start ${name}`);
        await tick(ms);
        log.push(`end ${name}`);
        return name;
      });
    const results = await Promise.all([job('a', 20), job('b', 1), job('c', 5)]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(m.size).toBe(0);
  });

  it('lets different keys run concurrently and survives a failing job', async () => {
    const m = new KeyedMutex();
    const log: string[] = [];
    const slow = m.run('x', async () => {
      await tick(20);
      log.push('x');
    });
    const failing = m.run('y', async () => {
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    await m.run('y', async () => log.push('y'));
    await slow;
    expect(log).toEqual(['y', 'x']);
    expect(m.size).toBe(0);
  });
});
