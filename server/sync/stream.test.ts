import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ChangeBus } from './bus';
import { OpenStreams } from './open-streams';
import { changeFrame, liveStream } from './stream';

const ORG = '11111111-1111-4111-8111-111111111111';
const change = (seq: number) => ({ collection: 'athletes' as const, documents: [{ id: String(seq), note: 'x'.repeat(1000), _deleted: false }], checkpoint: { seq } });

function streamApp(bus: ChangeBus, streams: OpenStreams, maxPending: number) {
  const app = new Hono();
  app.get('/stream', (c) => liveStream(c, bus, ORG, { heartbeatMs: 60_000, maxPending }, { streams, tokenHash: 'h', stillAllowed: async () => true }));
  return app;
}

describe('changeFrame', () => {
  it('is one `change` event whose data is the change as JSON, even when a field holds line breaks', () => {
    const c = { collection: 'athletes' as const, documents: [{ id: '1', private_notes: 'line one\nline two\r\nthree', _deleted: false }], checkpoint: { seq: 7 } };
    const text = new TextDecoder().decode(changeFrame(c));
    expect(text.endsWith('\n\n')).toBe(true);
    const lines = text.slice(0, -2).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('event: change');
    expect(JSON.parse(lines[1]!.replace(/^data: /, ''))).toEqual(c);
    expect(changeFrame(c)).toBe(changeFrame(c)); // made once per change
  });
});

describe('liveStream', () => {
  it('ends a connection whose client does not read once more than maxPending events are queued', async () => {
    const bus = new ChangeBus();
    const streams = new OpenStreams();
    const res = await streamApp(bus, streams, 5).request('/stream');
    expect(res.status).toBe(200);
    await expect.poll(() => bus.listenerCount(ORG)).toBe(1);
    // Nobody reads the body: writes stay pending, the queue fills up.
    for (let seq = 1; seq <= 20; seq++) bus.emit(ORG, change(seq));
    await expect.poll(() => bus.listenerCount(ORG)).toBe(0);
    expect(streams.count()).toBe(0);
    await res.body?.cancel();
  });

  it('keeps a connection that reads, however many events pass through it', async () => {
    const bus = new ChangeBus();
    const streams = new OpenStreams();
    const res = await streamApp(bus, streams, 5).request('/stream');
    const reader = res.body!.getReader();
    await expect.poll(() => bus.listenerCount(ORG)).toBe(1);
    const decoder = new TextDecoder();
    let text = '';
    for (let seq = 1; seq <= 50; seq++) {
      bus.emit(ORG, change(seq));
      while (!text.includes(`"seq":${seq}}`)) text += decoder.decode((await reader.read()).value);
    }
    expect(bus.listenerCount(ORG)).toBe(1);
    expect(streams.closeSession('h')).toBe(1);
    await expect.poll(() => bus.listenerCount(ORG)).toBe(0);
    await reader.cancel();
  });
});
