/**
 * The RxDB replication endpoints (contract: shared/sync/protocol.ts), scoped to the caller's
 * organization: pull by checkpoint, push with conflict detection and authorisation, and one
 * multiplexed live stream. A client built for another schema version gets 426.
 */
import { Hono } from 'hono';
import type { z } from 'zod';
import {
  PullQuery,
  PushRequest,
  SYNC_COLLECTIONS,
  SYNC_SCHEMA_VERSION,
  type PullResponse,
  type PushResponse,
  type Rejection,
  type SyncCollection,
  type WithDeleted,
} from '../../shared/sync/protocol';
import { requireCaller } from '../auth/authenticate';
import { sessionActive } from '../auth/sessions';
import type { Db } from '../db/db';
import { HttpProblem, invalidRequest } from '../http/errors';
import { decidePushRow, parsePushedDoc } from './push';
import { afterPush, cascade, checkReferences } from './references';
import type { RuleContext } from './rules/invitations';
import { findMembership, withDeleted, type DocData, type DocumentStore, type OrgWriter, type StoredDoc } from './store';
import { liveStream, type StreamOptions } from './stream';
import { requireCoach, type MemberEnv } from '../auth/membership';
import type { Services } from '../api/deps';

const isCollection = (c: string): c is SyncCollection => (SYNC_COLLECTIONS as readonly string[]).includes(c);

export function syncApp(db: Db, store: DocumentStore, services: Services, streamOptions: StreamOptions = {}) {
  const app = new Hono<MemberEnv>();

  app.use('/:version/*', async (c, next) => {
    if (c.req.param('version') !== `v${SYNC_SCHEMA_VERSION}`) {
      throw new HttpProblem(426, 'client_outdated', 'This app is older than the server (sync protocol changed): update the app to keep syncing.');
    }
    return next();
  });

  const orgScope = requireCoach(db);

  app.get('/:version/orgs/:org_id/stream', requireCaller(db), orgScope, (c) => {
    const { orgId, userId } = c.get('member');
    const { tokenHash } = c.get('caller');
    const stillAllowed = async () => (await sessionActive(db, tokenHash)) && (await findMembership(db, orgId, userId)) !== null;
    return liveStream(c, store.bus, orgId, streamOptions, { streams: store.streams, tokenHash, stillAllowed });
  });
  app.use('/:version/orgs/:org_id/:collection/*', requireCaller(db), orgScope, async (c, next) => {
    if (!isCollection(c.req.param('collection') ?? '')) throw new HttpProblem(404, 'not_found', 'No such collection.');
    await next();
  });

  app.get('/:version/orgs/:org_id/:collection/pull', async (c) => {
    const collection = c.req.param('collection') as SyncCollection;
    const parsed = PullQuery.safeParse(c.req.query());
    if (!parsed.success) throw invalidRequest(parsed.error);
    const docs = await store.pull(c.get('member').orgId, collection, parsed.data.seq, parsed.data.limit);
    const last = docs[docs.length - 1];
    const body: PullResponse<DocData> = { documents: docs.map(withDeleted), checkpoint: last ? { seq: last.seq } : null };
    return c.json(body);
  });

  app.post('/:version/orgs/:org_id/:collection/push', async (c) => {
    const collection = c.req.param('collection') as SyncCollection;
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      throw new HttpProblem(400, 'invalid_json', 'The request body is not valid JSON.');
    }
    const parsed = PushRequest.safeParse(raw);
    if (!parsed.success) throw invalidRequest(parsed.error);
    const member = c.get('member');
    // The rows as JSON.parse made them, never a copy: a copy made with plain assignment would lose a
    // `"__proto__"` key (or set the copy's prototype) instead of refusing it as an unknown field.
    const rows = (raw as z.infer<typeof PushRequest>).rows;
    const result = await store.write(member.orgId, (w) => pushRows(w, collection, member.userId, rows, services));
    return c.json(result);
  });

  return app;
}

type Rows = z.infer<typeof PushRequest>['rows'];

/**
 * Every row in order, in the caller's write transaction: the pure decision (push.ts), then the
 * rules that read other documents (references.ts), then the write and what it cascades to. A
 * refused or conflicting row is answered with the server's master state.
 */
async function pushRows(w: OrgWriter, collection: SyncCollection, userId: string, rows: Rows, services: Services): Promise<PushResponse<DocData>> {
  const conflicts: WithDeleted<DocData>[] = [];
  const rejections: Rejection[] = [];
  const membership = await w.membership(userId);
  const now = new Date().toISOString();
  const seen = new Set<string>();
  const writtenRows: StoredDoc[] = [];
  const ctx: RuleContext | null = membership ? { role: membership.role, coachId: membership.id, now, services } : null;
  // The stored state of every row in one SELECT (not one per row); the writes go out in one upsert (OrgWriter).
  await w.prefetch(collection, rows.flatMap((r) => (typeof r.newDocumentState.id === 'string' ? [r.newDocumentState.id.slice(0, 100)] : [])));
  for (const row of rows) {
    const parsed = parsePushedDoc(collection, row.newDocumentState);
    const stored = parsed.id ? await w.read(collection, parsed.id) : null;
    const answerMaster = (rejection?: Rejection) => {
      if (rejection) rejections.push(rejection);
      if (stored) conflicts.push(withDeleted(stored));
    };
    if (!membership || !ctx) {
      answerMaster({ id: parsed.id, code: 'forbidden', message: 'You are no longer a coach of this organization.' });
      continue;
    }
    if (parsed.ok && seen.has(parsed.id)) {
      answerMaster({ id: parsed.id, code: 'invalid', message: 'The same document appears twice in one push.' });
      continue;
    }
    seen.add(parsed.id);
    const decision = decidePushRow({ collection, parsed, assumed: row.assumedMasterState, stored, role: membership.role, coachId: membership.id, now });
    if (decision.kind === 'skip') continue;
    if (decision.kind === 'conflict' || decision.kind === 'refuse') {
      answerMaster(decision.kind === 'refuse' ? decision.rejection : undefined);
      continue;
    }
    const refusal = await checkReferences(w, collection, decision.doc, decision.deleted, stored);
    if (refusal) {
      answerMaster({ id: parsed.id, ...refusal });
      continue;
    }
    writtenRows.push(await w.put(collection, decision.doc, decision.deleted));
    await cascade(w, collection, decision.doc, decision.deleted, stored, ctx);
  }
  if (ctx) await afterPush(w, collection, writtenRows, ctx);
  return { conflicts, rejections };
}
