import { describe, expect, it } from 'vitest';
import { SseParser, openLiveStream, type SseEvent } from './sse';

describe('SseParser', () => {
  it('parses events, multi-line data, comments and CRLF, across chunk boundaries', () => {
    const parser = new SseParser();
    const events: SseEvent[] = [];
    const text = ': hello\n\nevent: ready\ndata: {}\n\nevent: change\r\ndata: {"a":\r\ndata: 1}\r\n\r\ndata:plain\n\n';
    for (const ch of text) events.push(...parser.feed(ch));
    expect(events).toEqual([
      { event: 'ready', data: '{}' },
      { event: 'change', data: '{"a":\n1}' },
      { event: 'message', data: 'plain' },
    ]);
  });

  it('keeps the last event id and ignores unknown fields and events without data', () => {
    const parser = new SseParser();
    expect(parser.feed('id: 7\nretry: 10\nfoo: bar\nevent: x\n\n')).toEqual([]);
    expect(parser.feed('data: y\n\n')).toEqual([{ event: 'message', data: 'y', id: '7' }]);
  });
});

function streamResponse(chunks: string[], keepOpen = false): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
      if (!keepOpen) controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

describe('openLiveStream', () => {
  it('sends the authorization header, delivers events and reconnects after a drop', async () => {
    const seen: { auth: string | null }[] = [];
    const events: string[] = [];
    let calls = 0;
    const stream = openLiveStream({
      url: 'http://x/stream',
      headers: { authorization: 'Bearer t' },
      backoffMs: [5],
      fetch: async (_url, init) => {
        seen.push({ auth: new Headers(init?.headers).get('authorization') });
        calls++;
        if (calls === 2) throw new TypeError('network down');
        return streamResponse([`event: ready\ndata: {"n":${calls}}\n\n`], calls >= 3);
      },
      onEvent: (e) => events.push(`${e.event}:${e.data}`),
    });
    // Polls instead of one fixed wait: a busy machine may need more than 100 ms for the reconnects.
    for (let waited = 0; events.length < 2 && waited < 3000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    stream.stop();
    expect(seen[0]?.auth).toBe('Bearer t');
    expect(events).toEqual(['ready:{"n":1}', 'ready:{"n":3}']);
  });

  it('stops on an HTTP error the app handles (401, 426)', async () => {
    let calls = 0;
    const statuses: number[] = [];
    openLiveStream({
      url: 'http://x/stream',
      headers: {},
      backoffMs: [5],
      fetch: async () => {
        calls++;
        return new Response('{}', { status: 401 });
      },
      onEvent: () => undefined,
      onHttpError: (s) => {
        statuses.push(s);
        return true;
      },
    });
    await new Promise((r) => setTimeout(r, 60));
    expect(calls).toBe(1);
    expect(statuses).toEqual([401]);
  });

  it('reconnects when the stream goes silent', async () => {
    let calls = 0;
    const stream = openLiveStream({
      url: 'http://x/stream',
      headers: {},
      backoffMs: [5],
      idleTimeoutMs: 20,
      fetch: async (_url, init) => {
        calls++;
        const res = streamResponse([': hi\n\n'], true);
        init?.signal?.addEventListener('abort', () => void res.body?.cancel().catch(() => undefined));
        return res;
      },
      onEvent: () => undefined,
    });
    await new Promise((r) => setTimeout(r, 120));
    stream.stop();
    expect(calls).toBeGreaterThan(1);
  });
});
