/**
 * "Where the time goes" when a target is missed: runs an action under a Chromium performance trace
 * (devtools.timeline: style, layout, paint, GC and script time on the page's main thread, as the
 * DevTools Performance panel counts them) and the V8 sampling profiler (self time per script
 * bundle and per function). Profiling slows the page a little, so only the shares are reported.
 */
import type { Browser, Page } from '@playwright/test';

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string } };
type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number } };
type CpuProfile = { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] };

const CATEGORIES: [RegExp, string][] = [
  [/^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet)$/, 'style'],
  [/^(Layout|UpdateLayout|LayoutShift)$/, 'layout'],
  [/^(Paint|PrePaint|PaintImage|Layerize|UpdateLayer|UpdateLayerTree|Commit|CompositeLayers|PaintSetup|RasterTask|Rasterize)$/, 'paint + composite'],
  [/GC|Gc|garbage/i, 'garbage collection'],
  [/^(ParseHTML|HTMLDocumentParser)/, 'HTML parsing'],
  [/FunctionCall|EvaluateScript|v8\.|V8\.|RunMicrotasks|EventDispatch|TimerFire|FireAnimationFrame|HandlePostMessage|Compile|Microtask|XHR|ResourceReceive/, 'scripting'],
];
const categoryOf = (name: string) => CATEGORIES.find(([re]) => re.test(name))?.[1] ?? 'other (task overhead; on a busy machine also time taken by other processes)';

/** Self time (ms) per category on the busiest renderer main thread. */
export function summariseTrace(events: readonly TraceEvent[]): Map<string, number> {
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map<string, { name: string; start: number; end: number }[]>();
  const open = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (!mains.has(key)) continue;
    const list = byThread.get(key) ?? [];
    byThread.set(key, list);
    if (e.ph === 'X' && e.dur !== undefined) list.push({ name: e.name, start: e.ts, end: e.ts + e.dur });
    else if (e.ph === 'B') open.set(key, [...(open.get(key) ?? []), e]);
    else if (e.ph === 'E') {
      const begun = open.get(key)?.pop();
      if (begun) list.push({ name: begun.name, start: begun.ts, end: e.ts });
    }
  }
  const busiest = [...byThread.values()].sort((a, b) => total(b) - total(a))[0] ?? [];
  const sorted = [...busiest].sort((a, b) => a.start - b.start || b.end - a.end);
  const self = sorted.map((ev) => ({ ...ev, self: ev.end - ev.start }));
  const stack: typeof self = [];
  for (const ev of self) {
    while (stack.length > 0 && (stack[stack.length - 1]?.end ?? 0) <= ev.start) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent && ev.end <= parent.end) parent.self -= ev.end - ev.start;
    stack.push(ev);
  }
  const out = new Map<string, number>();
  for (const ev of self) out.set(categoryOf(ev.name), (out.get(categoryOf(ev.name)) ?? 0) + Math.max(0, ev.self) / 1000);
  return out;
}

function total(list: readonly { start: number; end: number }[]): number {
  let sum = 0;
  let reach = -Infinity;
  for (const ev of [...list].sort((a, b) => a.start - b.start)) {
    if (ev.end <= reach) continue;
    sum += ev.end - Math.max(ev.start, reach);
    reach = ev.end;
  }
  return sum;
}

/** Self time (ms) per bundle (script file without its hash) and per function. */
export function summariseProfile(profile: CpuProfile): { bundles: Map<string, number>; functions: Map<string, number> } {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const bundles = new Map<string, number>();
  const functions = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = nodes.get(samples[i] ?? -1);
    const ms = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    // (idle) is no work; (program) is native browser work the main-thread view above already splits.
    if (!node || node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)') continue;
    const file = node.callFrame.url.split('/').pop()?.replace(/-[\w-]{8}\.js$/, '.js') || node.callFrame.functionName;
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
    bundles.set(file, (bundles.get(file) ?? 0) + ms);
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
  }
  return { bundles, functions };
}

const top = (m: Map<string, number>, n: number) => {
  const sum = [...m.values()].reduce((a, b) => a + b, 0) || 1;
  return [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${k} ${Math.round((100 * v) / sum)}%`)
    .join(', ');
};

/** Runs `action` profiled; returns one line per view (main thread, bundles, functions). */
export async function whereTimeGoes(browser: Browser, page: Page, action: () => Promise<void>): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'] });
  await cdp.send('Profiler.start');
  let failure: unknown = null;
  await action().catch((err: unknown) => (failure = err));
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  await cdp.detach().catch(() => undefined);
  if (failure) throw failure;
  const main = summariseTrace(Array.isArray(trace) ? trace : (trace.traceEvents ?? []));
  const { bundles, functions } = summariseProfile(profile);
  return [`main thread: ${top(main, 6)}`, `JS self time by bundle: ${top(bundles, 6)}`, `JS self time by function: ${top(functions, 8)}`];
}
