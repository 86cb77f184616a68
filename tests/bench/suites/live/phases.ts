/**
 * Where the propagation time goes: each page's network milestones of an edit, on the same clock as
 * pages.ts (performance.timeOrigin + now()). window.fetch is wrapped in both pages (the app's sync
 * calls the global fetch at call time):
 * - push sent / push answered (page A): a push whose body carries marker n left, and its answer came
 *   back (the server committed and acknowledged it);
 * - stream got it (page B): the live stream's bytes carrying marker n were read from the network;
 * - pull answered (page B): a pull's body carrying marker n was fully read.
 * B's local write is pages.ts's IndexedDB commit recorder, which runs in B as it does in A.
 */
import type { Page } from '@playwright/test';

type Marks = Record<number, number>;
export type NetMarks = { pushSent: Marks; pushAnswered: Marks; streamGot: Marks; pullAnswered: Marks };
type NetWindow = Window & { __liveNet: NetMarks };

/**
 * Init script of both pages, as plain JavaScript text: a function here would be compiled by tsx,
 * whose keepNames wraps inner functions in a __name() call the page does not have.
 */
export const RECORD_NETWORK = String.raw`(() => {
  const net = { pushSent: {}, pushAnswered: {}, streamGot: {}, pullAnswered: {} };
  window.__liveNet = net;
  const re = /LiveMark(\d+)\./g;
  const now = () => performance.timeOrigin + performance.now();
  const note = (marks, text, at) => {
    const found = [];
    if (!text.includes('LiveMark')) return found;
    for (const m of text.matchAll(re)) {
      const n = Number(m[1]);
      found.push(n);
      if (!(n in marks)) marks[n] = at;
    }
    return found;
  };
  const original = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.endsWith('/push')) {
      const sent = note(net.pushSent, typeof init?.body === 'string' ? init.body : '', now());
      const res = await original(input, init);
      const at = now();
      for (const n of sent) if (!(n in net.pushAnswered)) net.pushAnswered[n] = at;
      return res;
    }
    const res = await original(input, init);
    if (url.endsWith('/stream') && res.body) {
      const decoder = new TextDecoder();
      const watched = res.body.pipeThrough(new TransformStream({
        transform: (chunk, controller) => {
          note(net.streamGot, decoder.decode(chunk, { stream: true }), now());
          controller.enqueue(chunk);
        },
      }));
      return new Response(watched, { status: res.status, statusText: res.statusText, headers: res.headers });
    }
    if (url.includes('/pull?')) {
      res.clone().text().then((text) => note(net.pullAnswered, text, now())).catch(() => undefined);
    }
    return res;
  };
})();`;

export async function netMarksOf(page: Page, n: number): Promise<{ pushSent: number | null; pushAnswered: number | null; streamGot: number | null; pullAnswered: number | null }> {
  return page.evaluate((k) => {
    const net = (window as unknown as NetWindow).__liveNet;
    return {
      pushSent: net.pushSent[k] ?? null,
      pushAnswered: net.pushAnswered[k] ?? null,
      streamGot: net.streamGot[k] ?? null,
      pullAnswered: net.pullAnswered[k] ?? null,
    };
  }, n);
}

/** Milestones of one edit, each in ms after A's local commit (null: not seen). */
export const PHASES = [
  ['pushSent', "A's push sent"],
  ['pushAnswered', "A's push answered (server committed, acknowledged)"],
  ['firstNodeStream', 'first Node stream client got the change'],
  ['bStream', "B's live stream got the change"],
  ['bPull', "B's pull answered with the edit"],
  ['bWrite', "B's local IndexedDB write committed"],
  ['bDom', "the edit entered B's DOM"],
  ['bShown', "B's frame painted (the figure)"],
] as const;
export type PhaseName = (typeof PHASES)[number][0];
export type PhaseSamples = Record<PhaseName, number[]>;

export const emptyPhases = (): PhaseSamples =>
  Object.fromEntries(PHASES.map(([k]) => [k, [] as number[]])) as unknown as PhaseSamples;
