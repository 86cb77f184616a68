/**
 * Builds and starts the server: database (PGlite or PostgreSQL) + migrations, optional demo seed,
 * the HTTP app, graceful close. Tests start real servers in-process on port 0 through
 * `startServer`, and main.ts does the same for `npm run server`.
 */
import { setMaxListeners } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app';
import { errorBody } from './http/errors';
import { deleteExpiredSessions } from './auth/sessions';
import type { ScryptParams } from './auth/password';
import { isUniqueViolation, type Db } from './db/db';
import { openDatabase, type DatabaseOptions } from './db/open';
import { isEmpty, seedDemo } from './demo/seed';
import { createLogger, type Logger } from './log';
import { DocumentStore } from './sync/store';
import { PgFanout } from './sync/pg-fanout';
import { createMailer } from './mail/mailer';
import { evaluateAllOrganizations } from './signals/evaluate';
import type { Services } from './api/deps';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

/** How often every organization's attention signals are evaluated again (absence, snoozes running out). */
export const SIGNAL_EVALUATION_MS = 60 * 60 * 1000;

export const DEFAULT_DASHBOARD_DIR = fileURLToPath(new URL('../dist/renderer', import.meta.url));

export type ServerOptions = {
  database: DatabaseOptions;
  port?: number;
  host?: string;
  signup?: 'open' | 'closed';
  /** Seed the demo organization when the database has no organization yet. */
  demo?: boolean;
  demoPassword?: string;
  publicUrl?: string;
  dashboardDir?: string;
  logger?: Logger;
  logLevel?: string;
  heartbeatMs?: number;
  /** Cheaper password hashing for the demo seed in tests. */
  demoScrypt?: ScryptParams;
  /** smtp:// URL for outgoing email; without it emails are written as .eml files under `outboxDir`. */
  smtpUrl?: string;
  /** Where .eml files go without SMTP (default: `{ASTRAL_DATA_DIR}/outbox`, or a temp folder for in-memory databases). */
  outboxDir?: string;
  mailFrom?: string;
};

export type AstralServer = {
  app: ReturnType<typeof createApp>;
  db: Db;
  store: DocumentStore;
  logger: Logger;
  /** True when this start seeded the demo organization. */
  seeded: boolean;
  /** Email and the public address of links (publicUrl is final once startServer listens). */
  services: Services;
  /** PostgreSQL only: the LISTEN/NOTIFY fan-out to and from other processes on the same database. */
  fanout: PgFanout | null;
  /**
   * Evaluates every organization's signals if this process is the elected one (PostgreSQL: the
   * holder of an advisory lock; PGlite: always). Resolves to whether it ran.
   */
  evaluateSignals(): Promise<boolean>;
  /** Ends open live streams (first step of a shutdown). */
  endStreams(): void;
  close(): Promise<void>;
};

export async function createServer(options: ServerOptions): Promise<AstralServer> {
  const logger = options.logger ?? createLogger(options.logLevel ?? 'info');
  const db = await openDatabase(options.database);
  const store = new DocumentStore(db);
  let seeded = false;
  try {
    await deleteExpiredSessions(db);
    if (options.demo && (await isEmpty(db))) {
      try {
        await seedDemo(store, options.demoPassword ?? 'astral-demo', options.demoScrypt);
        seeded = true;
      } catch (err) {
        // Another instance on the same PostgreSQL seeded first (its demo users exist): fine.
        if (!isUniqueViolation(err)) throw err;
      }
    }
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
  // Several processes may serve one PostgreSQL: live changes fan out through LISTEN/NOTIFY
  // (sync/pg-fanout.ts) and one of them, elected by an advisory lock, evaluates signals.
  let fanout: PgFanout | null = null;
  if (options.database.kind === 'postgres') {
    try {
      fanout = await PgFanout.start({ url: options.database.url, db, bus: store.bus, log: (m) => logger.warn(m) });
    } catch (err) {
      await db.close().catch(() => {});
      throw err;
    }
  }
  const shutdown = new AbortController();
  // Every open live stream listens for the shutdown: thousands at once are expected, not a leak.
  setMaxListeners(0, shutdown.signal);
  const mailer = createMailer({
    smtpUrl: options.smtpUrl,
    outboxDir: options.outboxDir ?? defaultOutbox(options.database),
    from: options.mailFrom ?? 'Astral Coach <no-reply@astral.local>',
    log: (message) => logger.info(message),
  });
  // The public address is known only once listening (port 0 in tests): startServer sets it.
  const services: Services = { mailer, publicUrl: options.publicUrl ?? 'http://127.0.0.1:8787' };
  const app = createApp({
    db,
    store,
    services,
    logger,
    signup: options.signup ?? 'closed',
    dashboardDir: options.dashboardDir ?? DEFAULT_DASHBOARD_DIR,
    stream: { heartbeatMs: options.heartbeatMs, shutdown: shutdown.signal },
  });
  // Absence signals fire with time alone and snoozes run out: every organization is evaluated at
  // start and every hour (server/signals/evaluate.ts) by one process only; a close waits for a run in progress.
  let evaluating: Promise<boolean> = Promise.resolve(false);
  const evaluate = (): Promise<boolean> => {
    evaluating = evaluating
      .then(async () => {
        if (fanout && !(await fanout.leadsSignals())) return false;
        await evaluateAllOrganizations(store, (m) => logger.warn(m));
        return true;
      })
      .catch((err: unknown) => {
        logger.warn({ err }, 'signal evaluation failed');
        return false;
      });
    return evaluating;
  };
  void evaluate();
  const hourly = setInterval(() => void evaluate(), SIGNAL_EVALUATION_MS);
  hourly.unref();
  return {
    app,
    db,
    store,
    logger,
    seeded,
    services,
    fanout,
    evaluateSignals: evaluate,
    endStreams: () => shutdown.abort(),
    async close() {
      clearInterval(hourly);
      shutdown.abort();
      await evaluating;
      await fanout?.close();
      await mailer.close().catch(() => {});
      await db.close();
    },
  };
}

function defaultOutbox(database: DatabaseOptions): string {
  if (database.kind === 'pglite' && database.dataDir && !database.dataDir.startsWith('memory:')) return join(database.dataDir, 'outbox');
  return join(tmpdir(), 'astral-outbox');
}

/** Node's answers to a request it could not parse, as `{error:{code,message}}` and `Connection: close`. */
const CLIENT_ERRORS: Record<string, { status: number; reason: string; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, reason: 'Request Header Fields Too Large', code: 'request_header_too_large', message: 'The request line and headers are larger than 16 KiB; send long data in a body.' },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, reason: 'Payload Too Large', code: 'payload_too_large', message: 'The chunk extensions of the request body are too large.' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: 'Request Timeout', code: 'request_timeout', message: 'The request was not received in time.' },
};
const BAD_REQUEST = { status: 400, reason: 'Bad Request', code: 'bad_request', message: 'The request is not valid HTTP.' };
const answeredSockets = new WeakSet<Duplex>();

/**
 * The node server's 'clientError' (a request it could not parse): Node's own default answers with
 * a bare status and no body; this one answers in the project's error shape, once per socket (Node
 * reports again on every later chunk), only when the socket is writable and no response has started
 * on it, then closes. The socket is destroyed when the client closes, or after 2 s.
 */
function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (answeredSockets.has(socket)) return;
  answeredSockets.add(socket);
  // Internal field Node's default handler checks too: the response in flight on this socket.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const answer = (err.code && CLIENT_ERRORS[err.code]) || BAD_REQUEST;
  const body = JSON.stringify(errorBody(answer.code, answer.message));
  socket.end(
    `HTTP/1.1 ${answer.status} ${answer.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  setTimeout(() => socket.destroy(), 2000).unref();
}

export type RunningServer = AstralServer & { url: string; port: number; publicUrl: string };

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const server = await createServer(options);
  const host = options.host ?? '127.0.0.1';
  let http: ServerType;
  const port = await new Promise<number>((resolve, reject) => {
    http = serve({ fetch: server.app.fetch, port: options.port ?? 8787, hostname: host }, (info: AddressInfo) => resolve(info.port));
    http.once('error', reject);
    http.on('clientError', answerClientError);
  }).catch(async (err: unknown) => {
    await server.close().catch(() => {});
    throw err;
  });
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  server.services.publicUrl = options.publicUrl ?? url;
  let closing: Promise<void> | null = null;
  return {
    ...server,
    url,
    port,
    publicUrl: options.publicUrl ?? url,
    close() {
      closing ??= (async () => {
        // Stop accepting, end live streams, let in-flight requests finish (2 s at most), then close the database.
        const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
        server.endStreams();
        if ('closeIdleConnections' in http) http.closeIdleConnections();
        const force = setTimeout(() => {
          if ('closeAllConnections' in http) http.closeAllConnections();
        }, 2000);
        await stopped;
        clearTimeout(force);
        await server.close().catch(() => {});
      })();
      return closing;
    },
  };
}
