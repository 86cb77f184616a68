/**
 * Peak renderer memory while an action runs: the page's JS heap in use (CDP Performance.getMetrics
 * JSHeapUsedSize), sampled every 250 ms, plus a reading right after. IndexedDB's own memory lives
 * in the browser process and is not part of it.
 */
import type { Page } from '@playwright/test';

const SAMPLE_MS = 250;

export type HeapSampler = { stop(): Promise<{ peakMb: number; samples: number }> };

export async function sampleHeap(page: Page): Promise<HeapSampler> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  let peak = 0;
  let samples = 0;
  let running = true;
  const read = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    peak = Math.max(peak, used);
    samples++;
  };
  const loop = (async () => {
    while (running) {
      await read().catch(() => undefined);
      await new Promise((r) => setTimeout(r, SAMPLE_MS));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await read().catch(() => undefined);
      await cdp.detach().catch(() => undefined);
      return { peakMb: peak / 1024 ** 2, samples };
    },
  };
}
