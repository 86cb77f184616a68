/**
 * A request Node cannot parse (URL + headers over its 16 KiB limit, or not HTTP at all) is answered
 * by server/server.ts's 'clientError' listener in the project's error shape with Connection: close,
 * instead of Node's bare status line; the server keeps answering normal requests afterwards. Raw
 * sockets, so what the server writes is read byte for byte. The listener does not depend on the
 * database: PGlite only.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEAD, login, request, startTestServer, type TestServer } from './helpers';

type RawReply = { status: number; headers: Record<string, string>; body: string };

/** Sends `raw` on a new connection and reads until the server closes it (10 s at most). */
function sendRaw(server: TestServer, raw: string): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no close within 10 s; got ${JSON.stringify(Buffer.concat(chunks).toString('utf8').slice(0, 300))}`));
    }, 10_000);
    socket.on('data', (chunk) => chunks.push(chunk));
    // A reset after the answer was read still counts: what matters is what arrived.
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n', 2);
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const at = line.indexOf(':');
        if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1] ?? 0), headers, body });
    });
    socket.write(raw);
  });
}

describe('requests Node cannot parse', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a 20 KiB query gets 431 {error:{code:"request_header_too_large"}} as JSON with Connection: close', async () => {
    const reply = await sendRaw(server, `GET /healthz?q=${'a'.repeat(20 * 1024)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expect(reply.status).toBe(431);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(reply.headers.connection).toBe('close');
    expect(Number(reply.headers['content-length'])).toBe(Buffer.byteLength(reply.body));
    const body = JSON.parse(reply.body) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('request_header_too_large');
    expect(body.error.message).toMatch(/16 KiB/);
  });

  it('a 20 KiB header on an authenticated API call gets the same answer', async () => {
    const raw = `GET /api/v1/organizations/x/athletes HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'b'.repeat(20 * 1024)}\r\n\r\n`;
    const reply = await sendRaw(server, raw);
    expect(reply.status).toBe(431);
    expect(JSON.parse(reply.body)).toEqual({ error: { code: 'request_header_too_large', message: expect.any(String) } });
  });

  it('a request that is not HTTP keeps Node\'s 400 and close, in the error shape', async () => {
    const reply = await sendRaw(server, 'NOT HTTP AT ALL\r\n\r\n');
    expect(reply.status).toBe(400);
    expect(reply.headers.connection).toBe('close');
    expect(JSON.parse(reply.body)).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
  });

  it('the server still answers normal requests, on new connections, after several oversized ones', async () => {
    await Promise.all([1, 2, 3].map(() => sendRaw(server, `GET /healthz?q=${'c'.repeat(64 * 1024)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`)));
    const health = await request<{ status: string }>(server, 'GET', '/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    const session = await login(server, HEAD);
    const athletes = await request(server, 'GET', `/api/v1/organizations/${session.orgId}/athletes`, { token: session.token });
    expect(athletes.status).toBe(200);
  });
});
