/**
 * What a bad-input suite prepares before its "before" dump: a signed-in head coach, an API key,
 * a multi-use join link, another organization, and the ids of every replicated document (read
 * through sync pulls), so generated requests name real things and reach the deepest validation.
 */
import { SYNC_COLLECTIONS, syncBasePath, type SyncCollection } from '../../../shared/sync/protocol';
import { HEAD, createOtherOrganization, login, request, type Session, type TestServer } from '../helpers';
import type { DumpOptions } from './dump';
import type { Context } from './openapi';

/** `last_used_at` of a key records that a valid credential was used (at most once a minute), not what a request asked to change. */
export const DUMP_OPTIONS: DumpOptions = { ignore: { api_keys: ['last_used_at'] } };

export type Doc = Record<string, unknown> & { id: string; _deleted: boolean };

export async function pullAll(server: TestServer, s: Session, collection: SyncCollection): Promise<Doc[]> {
  const docs: Doc[] = [];
  let seq = 0;
  for (;;) {
    const res = await request<{ documents: Doc[]; checkpoint: { seq: number } | null }>(server, 'GET', `${syncBasePath(s.orgId)}/${collection}/pull?seq=${seq}&limit=1000`, { token: s.token });
    if (res.status !== 200) throw new Error(`pull ${collection}: ${res.status} ${res.text}`);
    docs.push(...res.body.documents);
    if (!res.body.checkpoint) return docs;
    seq = res.body.checkpoint.seq;
  }
}

export type Prepared = { head: Session; ctx: Context; docs: Record<SyncCollection, Doc[]>; joinToken: string; otherOrgId: string };

export async function prepare(server: TestServer): Promise<Prepared> {
  const head = await login(server, HEAD);
  const org = `/api/v1/organizations/${head.orgId}`;
  const key = await request<{ key: string; id: string }>(server, 'POST', `${org}/api-keys`, { token: head.token, json: { name: 'fuzz' } });
  if (key.status !== 201) throw new Error(`API key: ${key.status} ${key.text}`);
  const link = await request<{ url: string }>(server, 'POST', `${org}/invitations`, { token: head.token, json: { type: 'multi_use' } });
  if (link.status !== 201) throw new Error(`join link: ${link.status} ${link.text}`);
  const joinToken = link.body.url.split('/join/')[1] ?? '';
  const other = await createOtherOrganization(server);

  const docs = {} as Record<SyncCollection, Doc[]>;
  for (const c of SYNC_COLLECTIONS) docs[c] = await pullAll(server, head, c);
  const live = (c: SyncCollection) => docs[c].filter((d) => !d._deleted).map((d) => d.id);
  const pairs = docs.plan_assignments
    .filter((d) => !d._deleted)
    .slice(0, 50)
    .map((d) => ({ athlete_id: String(d.athlete_id), assignment_id: d.id }));
  const ctx: Context = {
    ids: {
      org_id: [head.orgId],
      athlete_id: live('athletes').slice(0, 50),
      coach_id: live('coaches'),
      group_id: live('groups'),
      plan_id: live('training_plans'),
      assignment_id: pairs.map((p) => p.assignment_id),
      signal_id: live('attention_signals').slice(0, 50),
      invitation_id: live('invitations'),
      key_id: [key.body.id],
      token: [joinToken],
    },
    pairs,
    otherIds: { org_id: [other.orgId], athlete_id: [other.athlete.id] },
    sessionToken: head.token,
    apiKey: key.body.key,
  };
  // The key's first use writes last_used_at; use it once now so the runs that follow start from a settled row.
  await request(server, 'GET', `${org}/groups`, { headers: { 'x-api-key': key.body.key } });
  return { head, ctx, docs, joinToken, otherOrgId: other.orgId };
}
