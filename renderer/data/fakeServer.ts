/**
 * An in-memory stand-in for the sync server's endpoints of every collection (tests only),
 * following shared/sync/protocol.ts: pull by sequence checkpoint, push with conflict detection on
 * the assumed master state, then the authorisation rules of fakeServerRules.ts.
 */
import type { CoachRole } from '../../shared/domain/organization';
import { sameDocumentState, type Rejection, type SyncCollection } from '../../shared/sync/protocol';
import { afterWrite, refusalOf, type RuleStore } from './fakeServerRules';
import type { FetchLike } from './sse';

const NOUN: Record<SyncCollection, string> = {
  athletes: 'athlete',
  coaches: 'coach membership',
  groups: 'group',
  training_plans: 'training plan',
  plan_assignments: 'plan assignment',
  invitations: 'invitation',
  activities: 'activity',
  daily_metrics: 'daily measurement',
  attention_signals: 'attention signal',
};

type Row = { doc: Record<string, unknown>; seq: number };

export class FakeSyncServer implements RuleStore {
  seq = 0;
  readonly rows: Record<SyncCollection, Map<string, Row>> = {
    athletes: new Map(),
    coaches: new Map(),
    groups: new Map(),
    training_plans: new Map(),
    plan_assignments: new Map(),
    invitations: new Map(),
    activities: new Map(),
    daily_metrics: new Map(),
    attention_signals: new Map(),
  };
  role: CoachRole = 'head_coach';
  pushes = 0;
  /** When set, every request fails like a network error. */
  offline = false;
  /** When set, every request answers this HTTP status. */
  failWith: number | null = null;

  put(collection: SyncCollection, doc: object): void {
    const d: Record<string, unknown> = { ...(doc as Record<string, unknown>) };
    d._deleted = Boolean(d._deleted);
    this.rows[collection].set(String(d.id), { doc: d, seq: ++this.seq });
  }

  get(collection: SyncCollection, id: string): Record<string, unknown> | undefined {
    return this.rows[collection].get(id)?.doc;
  }

  alive(collection: SyncCollection): Record<string, unknown>[] {
    return [...this.rows[collection].values()].map((r) => r.doc).filter((d) => !d._deleted);
  }

  readonly fetch: FetchLike = async (input, init) => {
    if (this.offline) throw new TypeError('Failed to fetch');
    if (this.failWith) return json(this.failWith, { error: { code: 'fail', message: 'failed' } });
    const url = new URL(input);
    const match = /\/sync\/v\d+\/orgs\/[^/]+\/([a-z_]+)\/(pull|push)$/.exec(url.pathname);
    if (!match) return json(404, { error: { code: 'not_found', message: 'no route' } });
    const collection = match[1] as SyncCollection;
    if (!Object.hasOwn(this.rows, collection)) return json(404, { error: { code: 'not_found', message: 'No such collection.' } });
    if (match[2] === 'pull') {
      const since = Number(url.searchParams.get('seq') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 200);
      const rows = [...this.rows[collection].values()].filter((r) => r.seq > since).sort((a, b) => a.seq - b.seq).slice(0, limit);
      const last = rows[rows.length - 1];
      return json(200, { documents: rows.map((r) => r.doc), checkpoint: last ? { seq: last.seq } : null });
    }
    this.pushes++;
    const body = JSON.parse(String(init?.body)) as { rows: { newDocumentState: Record<string, unknown>; assumedMasterState?: Record<string, unknown> | null }[] };
    const conflicts: Record<string, unknown>[] = [];
    const rejections: Rejection[] = [];
    for (const row of body.rows) {
      const id = row.newDocumentState.id as string;
      const current = this.get(collection, id);
      const next = { ...row.newDocumentState, _deleted: Boolean(row.newDocumentState._deleted) };
      // Same order as server/sync/push.ts decidePushRow: a retry of an applied push is a no-op.
      if (current && sameDocumentState(current, next)) continue;
      // An edit of an athlete removed meanwhile is refused naming the removal, even with a stale assumed master.
      if (collection === 'athletes' && current?._deleted && !next._deleted) {
        rejections.push({ id, code: 'forbidden', message: 'This athlete was removed from the organization.' });
        conflicts.push(current);
        continue;
      }
      if (current && (!row.assumedMasterState || !sameDocumentState(current, row.assumedMasterState))) {
        conflicts.push(current);
        continue;
      }
      // Created and deleted again before it was ever pushed: nothing to store (as the server).
      if (!current && !row.assumedMasterState && next._deleted) continue;
      if (!current && row.assumedMasterState) {
        // No master copy to return: the row does not exist on the server.
        rejections.push({ id, code: 'not_found', message: `No such ${NOUN[collection]} in this organization.` });
        continue;
      }
      const refusal = refusalOf(this, collection, current, next);
      if (refusal) {
        rejections.push({ id, code: refusal.code, message: refusal.message, ...(refusal.field ? { field: refusal.field } : {}) });
        if (current) conflicts.push(current);
        continue;
      }
      const stamp = new Date(Date.UTC(2026, 1, 1, 0, 0, this.seq)).toISOString();
      this.put(collection, { ...next, created_at: current?.created_at ?? stamp, updated_at: stamp });
      afterWrite(this, collection, next);
    }
    return json(200, { conflicts, rejections });
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
