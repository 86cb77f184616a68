/** Messages between the chaos orchestrator and its client workers (worker.ts), and what a client reports. */
import type { SyncCollection } from '../../shared/sync/protocol';
import type { OpKind, OpOutcome } from './ops';

export type OpenArgs = { client: number; serverUrl: string; token: string; orgId: string; coachId: string; role: 'head_coach' | 'coach'; coachIds: string[] };

export type Command =
  | { cmd: 'open'; args: OpenArgs }
  | { cmd: 'op'; kind: OpKind; seed: number }
  | { cmd: 'offline' }
  | { cmd: 'online' }
  | { cmd: 'restartSync' }
  | { cmd: 'settle'; timeoutMs: number }
  | { cmd: 'dump' }
  | { cmd: 'close' };

export type Request = Command & { reqId: number };
export type Reply = { reqId: number; ok: true; value: unknown } | { reqId: number; ok: false; error: string };

/** How the server answered one pushed row: written (acked), a conflict, refused, or unknown (the request failed: it may or may not have been written). */
export type RowOutcome = 'acked' | 'conflict' | 'refused' | 'unknown';

/** One pushed row as this client saw it go and come back. Times: performance.timeOrigin + now(), comparable across threads. */
export type PushedRow = {
  client: number;
  collection: SyncCollection;
  id: string;
  newDoc: Record<string, unknown>;
  assumed: Record<string, unknown> | null;
  sentAt: number;
  answeredAt: number;
  outcome: RowOutcome;
};

export type Docs = Record<string, Record<string, unknown>[]>;
export type Dump = { docs: Docs; pushes: PushedRow[]; notices: Record<string, number>; outbox: number };
export type SettleResult = { inSync: boolean; outbox: number };
export type { OpOutcome };
