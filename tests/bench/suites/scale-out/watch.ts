/**
 * A live stream reader that timestamps arrivals: every athlete document that comes in a `change`
 * event is reported with its `private_notes` and the time it arrived (performance.now()).
 */
export type Watch = { close(): void; ready: Promise<void> };

export function watchStream(url: string, token: string, onDoc: (note: string, at: number) => void): Watch {
  const controller = new AbortController();
  let readyResolve: () => void = () => {};
  let readyReject: (err: unknown) => void = () => {};
  const ready = new Promise<void>((ok, fail) => {
    readyResolve = ok;
    readyReject = fail;
  });
  void (async () => {
    try {
      const res = await fetch(url, { headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` }, signal: controller.signal });
      if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        const at = performance.now();
        buffer += decoder.decode(chunk, { stream: true });
        let idx: number;
        while ((idx = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, idx);
          buffer = buffer.slice(idx + 2);
          const event = /^event: ?(.*)$/m.exec(block)?.[1];
          const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, '')).join('\n');
          if (event === 'ready') readyResolve();
          if (event !== 'change' || data === '') continue;
          const change = JSON.parse(data) as { collection: string; documents: { private_notes?: unknown }[] };
          if (change.collection !== 'athletes') continue;
          for (const d of change.documents) if (typeof d.private_notes === 'string') onDoc(d.private_notes, at);
        }
      }
    } catch (err) {
      readyReject(err);
    }
  })();
  return { ready, close: () => controller.abort() };
}
