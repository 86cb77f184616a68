/**
 * Sustained pushes through the real push endpoint, with conflicts checked: PUSHERS coaches at
 * once, each pushing its own slice of athletes in batches of the app's PUSH_BATCH (500) rows, one
 * push in flight per pusher (as RxDB's replication does), every row carrying the assumedMasterState
 * the pusher believes the server holds. One row in STALE_EVERY carries a stale assumed state on
 * purpose: the server must answer exactly those rows as conflicts (with its master) and write the
 * rest; any other conflict or a rejection is counted as an error. Documents/s = rows written per
 * second of wall time while all pushers run (after one warm-up push each, not counted).
 */
import type { Athlete } from '../../../../shared/domain/athlete';
import { syncBasePath, type PushResponse } from '../../../../shared/sync/protocol';

const STALE_EVERY = 100;

type Doc = Athlete & { _deleted: boolean };

export type PushLoadResult = {
  written: number;
  conflictsExpected: number;
  conflictsAnswered: number;
  /** Conflicts or rejections that should not have happened, and failed requests. */
  errors: number;
  firstError: string | null;
  pushes: number;
  seconds: number;
  docsPerSecond: number;
};

export type Pusher = { token: string; athletes: Athlete[] };

/** Pushes one batch; updates `current` with what the server now holds for the written rows. */
async function pushOnce(url: string, token: string, current: Map<string, Doc>, round: number, result: PushLoadResult): Promise<void> {
  const stale = new Set<string>();
  const rows = [...current.values()].map((doc, i) => {
    const next: Doc = { ...doc, private_notes: `push round ${round}` };
    if (i % STALE_EVERY === round % STALE_EVERY) {
      stale.add(doc.id);
      return { newDocumentState: next, assumedMasterState: { ...doc, private_notes: `stale ${round}` } };
    }
    return { newDocumentState: next, assumedMasterState: doc };
  });
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ rows }) });
  result.pushes++;
  if (!res.ok) {
    result.errors++;
    result.firstError ??= `HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`;
    return;
  }
  const body = (await res.json()) as PushResponse<Record<string, unknown>>;
  const conflictIds = new Set(body.conflicts.map((c) => String(c.id)));
  for (const id of conflictIds) if (!stale.has(id)) result.errors++;
  for (const id of stale) if (!conflictIds.has(id)) result.errors++;
  if (body.rejections.length > 0) {
    result.errors += body.rejections.length;
    result.firstError ??= `rejected: ${JSON.stringify(body.rejections[0])}`;
  }
  result.conflictsExpected += stale.size;
  result.conflictsAnswered += [...conflictIds].filter((id) => stale.has(id)).length;
  for (const row of rows) {
    if (conflictIds.has(row.newDocumentState.id)) continue;
    current.set(row.newDocumentState.id, row.newDocumentState);
    result.written++;
  }
}

/** Runs every pusher for `durationMs` (after one warm-up push each); bounded by `until` as well. */
export async function runPushLoad(serverUrl: string, orgId: string, pushers: readonly Pusher[], durationMs: number, until: number): Promise<PushLoadResult> {
  const url = `${serverUrl}${syncBasePath(orgId)}/athletes/push`;
  const states = pushers.map((p) => new Map(p.athletes.map((a) => [a.id, { ...a, _deleted: false } as Doc])));
  const warm: PushLoadResult = { written: 0, conflictsExpected: 0, conflictsAnswered: 0, errors: 0, firstError: null, pushes: 0, seconds: 0, docsPerSecond: 0 };
  await Promise.all(pushers.map((p, i) => pushOnce(url, p.token, states[i] as Map<string, Doc>, 0, warm)));
  const result: PushLoadResult = { ...warm, written: 0, conflictsExpected: 0, conflictsAnswered: 0, pushes: 0 };
  const started = performance.now();
  const stopAt = Math.min(Date.now() + durationMs, until);
  await Promise.all(
    pushers.map(async (p, i) => {
      for (let round = 1; Date.now() < stopAt; round++) await pushOnce(url, p.token, states[i] as Map<string, Doc>, round, result);
    }),
  );
  result.seconds = (performance.now() - started) / 1000;
  result.docsPerSecond = result.seconds > 0 ? result.written / result.seconds : 0;
  return result;
}
