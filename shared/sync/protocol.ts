/**
 * The sync protocol between the app's RxDB replication and the server.
 *
 * RxDB generic replication over HTTP, one set of endpoints per replicated collection:
 *   GET  {base}/{collection}/pull?seq=N&limit=L  -> PullResponse
 *   POST {base}/{collection}/push   PushRequest  -> PushResponse
 *   GET  {base}/stream  (text/event-stream)      -> one multiplexed live stream for all collections
 * with base = /sync/v{SYNC_SCHEMA_VERSION}/orgs/{org_id}. A client built for another schema
 * version gets 426 with error code `client_outdated`.
 *
 * The server orders writes: every stored row gets the next value of a per-organization sequence,
 * assigned inside the write transaction while the organization's writes are serialised, so
 * sequence order is commit order and a checkpoint never skips a row. Client clocks are never used.
 *
 * Answers to deliveries a network or a client can produce (tests/server/sync-adversarial.test.ts
 * checks each, for every collection where it applies; "nothing written" = no row, no seq used):
 *
 *   delivery                                   answer
 *   ----------------------------------------   ---------------------------------------------------
 *   the same push twice (an RxDB retry after   200 {conflicts: [], rejections: []} both times;
 *   a lost answer)                             the second writes nothing: a row equal to the
 *                                              stored one (server fields aside) is skipped.
 *                                              A refused row is refused again with the same words.
 *   pushes out of order: an older edit after   200, conflicts: [the master], rejections: []:
 *   a newer one, its assumedMasterState stale  nothing written; the app merges (shared/sync/merge.ts)
 *   a replayed old push (assumed state long    the same: a conflict with the current master,
 *   gone, or a create replayed after edits)    nothing written
 *   an edit of an athlete removed meanwhile    200, conflicts: [the tombstone], rejections:
 *   (assumed stale or not)                     [{code 'forbidden', message 'This athlete was
 *                                              removed from the organization.'}]: never revived
 *   a removal of a removed athlete (stale)     a conflict with the tombstone, nothing written
 *   pull with a checkpoint beyond the newest   200 {documents: [], checkpoint: null}: the client
 *   seq (seq up to 2^53-1; larger is 400)      keeps its checkpoint (the sequence only grows)
 *   any request to /sync/v{older or newer}/    426 {error: {code 'client_outdated', message
 *                                              'This app is older than the server ... update the app
 *                                              to keep syncing.'}}, before authentication
 *   a row whose id is another organization's   ids are per organization: the row does not exist
 *   (pushed to one's own organization)         here. With an assumedMasterState: rejections
 *                                              [{code 'not_found'}], no conflicts; as a tombstone
 *                                              without one: {conflicts: [], rejections: []}; nothing
 *                                              written in either organization. A creation under
 *                                              such an id is a creation in one's own organization
 *                                              (other organization untouched), under its rules.
 *   another organization's URL                 403 forbidden (not a coach there), nothing written
 *   a tombstone for a document that never      without assumedMasterState: {conflicts: [],
 *   existed                                    rejections: []} (nothing to store); with one:
 *                                              rejections [{code 'not_found'}]; nothing written
 */
import { z } from 'zod';
import { sameJson } from './canonical';
import { Activity, DailyMetric } from '../domain/activity';
import { PlanAssignment } from '../domain/assignment';
import { Athlete } from '../domain/athlete';
import { Group } from '../domain/group';
import { Invitation } from '../domain/invitation';
import { CoachMembership } from '../domain/organization';
import { TrainingPlan } from '../domain/plan';
import { AttentionSignal } from '../domain/signal';

/** 2: athletes gained profile fields (goal race, target pace, heart rates, integrations); invitations, activities, daily metrics and signals replicate. */
export const SYNC_SCHEMA_VERSION = 2;

/** Replicated collections (DESIGN.md: RxDB allows 13 open collections per process; the app stays at <= 10). */
export const SYNC_COLLECTIONS = [
  'athletes', 'coaches', 'groups', 'training_plans', 'plan_assignments',
  'invitations', 'activities', 'daily_metrics', 'attention_signals',
] as const;
export type SyncCollection = (typeof SYNC_COLLECTIONS)[number];

/** Document schemas per replicated collection (without the `_deleted` flag). */
export const SYNC_DOC_SCHEMAS = {
  athletes: Athlete,
  coaches: CoachMembership,
  groups: Group,
  training_plans: TrainingPlan,
  plan_assignments: PlanAssignment,
  invitations: Invitation,
  activities: Activity,
  daily_metrics: DailyMetric,
  attention_signals: AttentionSignal,
} as const satisfies Record<SyncCollection, z.ZodType>;

export type SyncDocs = {
  athletes: Athlete;
  coaches: CoachMembership;
  groups: Group;
  training_plans: TrainingPlan;
  plan_assignments: PlanAssignment;
  invitations: Invitation;
  activities: Activity;
  daily_metrics: DailyMetric;
  attention_signals: AttentionSignal;
};
export type WithDeleted<T> = T & { _deleted: boolean };

export const syncBasePath = (orgId: string, version: number = SYNC_SCHEMA_VERSION) => `/sync/v${version}/orgs/${orgId}`;

export const Checkpoint = z.strictObject({ seq: z.number().int().nonnegative() });
export type Checkpoint = z.infer<typeof Checkpoint>;

export const PULL_MAX_LIMIT = 1000;
export const PullQuery = z.strictObject({
  seq: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(PULL_MAX_LIMIT).default(200),
});

export type PullResponse<T> = { documents: WithDeleted<T>[]; checkpoint: Checkpoint | null };

/** One pushed row: what the client wants stored, and what it believes the server holds now. */
export type PushRow<T> = { newDocumentState: WithDeleted<T>; assumedMasterState?: WithDeleted<T> | null };

export const PUSH_MAX_ROWS = 500;
/**
 * A JSON object, checked without being copied: each pushed document is parsed once, against its
 * collection's schema (server/sync/push.ts), and z.record would copy every one of them first.
 */
const jsonObject = z.custom<Record<string, unknown>>((v) => v !== null && typeof v === 'object' && !Array.isArray(v), { message: 'Expected an object' });
export const PushRequest = z.strictObject({
  rows: z
    .array(
      z.strictObject({
        newDocumentState: jsonObject,
        assumedMasterState: jsonObject.nullable().optional(),
      }),
    )
    .max(PUSH_MAX_ROWS),
});

/** Why the server refused a pushed row. Its master state is also returned among the conflicts. */
export type Rejection = { id: string; code: string; message: string; field?: string };

/**
 * The answer to a push: `conflicts` holds the server's current state of every row that was not
 * written (a real conflict, or a refused row); `rejections` says which of those were refused and why.
 */
export type PushResponse<T> = { conflicts: WithDeleted<T>[]; rejections: Rejection[] };

/**
 * One event of the live stream (`event: change`). `ready` is sent on every (re)connect. The
 * documents are rows of one collection in seq order; `first_seq` is the seq of the first of them
 * and `checkpoint.seq` that of the last (absent `first_seq`, or no documents: a prompt to pull).
 */
export type StreamChange<T = unknown> = { collection: SyncCollection; documents: WithDeleted<T>[]; checkpoint: Checkpoint; first_seq?: number };

/** Fields whose values the server writes; they never count as a change made by a client. */
export const SERVER_FIELDS = ['created_at', 'updated_at'] as const;

/**
 * Equality of two document states for conflict detection: every field except server-written ones
 * (and RxDB's `_` fields other than `_deleted`, which counts as true or false), compared by content
 * (sameJson: key order inside nested objects does not count). Both must list the same fields.
 */
export function sameDocumentState(a: Record<string, unknown> | null | undefined, b: Record<string, unknown> | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  const keys = stateKeys(a);
  if (keys.length !== stateKeys(b).length) return false;
  for (const k of keys) {
    if (!Object.prototype.propertyIsEnumerable.call(b, k)) return false;
    if (k === '_deleted' ? Boolean(a[k]) !== Boolean(b[k]) : !sameJson(a[k], b[k])) return false;
  }
  return true;
}

const stateKeys = (doc: Record<string, unknown>): string[] =>
  Object.keys(doc).filter((k) => (!(SERVER_FIELDS as readonly string[]).includes(k) && !k.startsWith('_')) || k === '_deleted');
