/**
 * Conflict handling of the pushed collections (athletes, groups, training plans, assignments).
 *
 * The server answers a push with its master state of every row it did not write: a real conflict
 * (another coach changed the row first) or a row it refused (not allowed, invalid). RxDB then
 * calls `resolve` with {assumedMasterState, newDocumentState, realMasterState} and writes the
 * result to the local database; if that differs from the master, it is pushed again.
 *  - conflict: per-field three-way merge (shared/sync/merge.ts); set fields (labels, coach and
 *    group ids) merge as sets; a field both sides changed keeps the server's value and the coach
 *    gets a notice. A row created here that meets a row of the same id (assignment ids are derived
 *    from athlete, plan and start) is that row: the server's copy is kept, or, when the server's
 *    copy is a tombstone, the new row revives it.
 *  - refused row: the push handler records the server's reasons here first (`noteRejections`,
 *    every rejection). When the rejection names a field only that field is reset to the server's
 *    value and the row's other edits are merged and pushed again; without a field the row goes
 *    back to the server's copy. A refused row the server does not have (not found, creation
 *    refused) comes with no master; the push handler hands in a deleted copy instead, so it is
 *    removed locally. Every refusal gets a notice naming what was dropped, in words (noticeWords.ts).
 */
import type { RxConflictHandler, RxConflictHandlerInput, WithDeleted } from 'rxdb';
import type { Athlete } from '../../shared/domain/athlete';
import { threeWayMerge, type FieldClash } from '../../shared/sync/merge';
import { sameJson } from '../../shared/sync/canonical';
import { SERVER_FIELDS, SYNC_DOC_SCHEMAS, sameDocumentState, type Rejection, type SyncDocs } from '../../shared/sync/protocol';
import type { AstralDatabase } from './database';
import { wordsFor, type NoticeLinks, type Words } from './noticeWords';
import type { PushedCollection } from './pushed';

export { formatFieldValue } from './noticeWords';

export type NoticeKind = 'clash' | 'refusal' | 'removed';

/**
 * A message for the coach about an edit that did not survive as made. `route` is the app page it
 * is about; `athleteId` is set when it is about an athlete (older notices only have that).
 */
export type NoticeDraft = { kind: NoticeKind; title: string; message: string } & NoticeLinks;
export type NoticeSink = (notice: NoticeDraft) => void;

export type CollectionConflicts<T> = {
  handler: RxConflictHandler<T>;
  /** Called by the push handler with the server's answer, before RxDB resolves the conflicts. */
  noteRejections(pushedIds: readonly string[], rejections: readonly Rejection[]): void;
};
export type AthleteConflicts = CollectionConflicts<Athlete>;
export type SyncConflicts = { [C in PushedCollection]: CollectionConflicts<SyncDocs[C]> };

/** Equality used by the replication: server-written fields (timestamps) never make a difference. */
export const isSameState = <T>(a: WithDeleted<T>, b: WithDeleted<T>): boolean =>
  sameDocumentState(a as Record<string, unknown>, b as Record<string, unknown>);

/**
 * RxDB's equality question per context. Every context asks "did anyone change this?" (server
 * timestamps never count) except one: when a pulled master state meets an equal local copy
 * ('downstream-check-if-equal-1'), RxDB keeps the local copy as it is, so the server's created_at
 * and updated_at of a document this laptop wrote never arrived and every laptop kept its own
 * timestamps (found by the chaos test, tests/chaos). There the states must be equal to the letter.
 */
export const DOWNSTREAM_EXACT_CONTEXT = 'downstream-check-if-equal-1';
export function isEqualFor<T>(a: WithDeleted<T>, b: WithDeleted<T>, context: string): boolean {
  if (!isSameState(a, b)) return false;
  if (context !== DOWNSTREAM_EXACT_CONTEXT) return true;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return SERVER_FIELDS.every((f) => sameJson(x[f], y[f]));
}

const sameValue = sameJson;
const sentence = (text: string) => text.trim().replace(/\.?$/, '.');

/** The server's reason as a sentence, without the `field: ` prefix its API messages carry. */
function reasonOf(rejection: Rejection): string {
  const prefix = rejection.field ? `${rejection.field}: ` : null;
  const text = prefix && rejection.message.startsWith(prefix) ? rejection.message.slice(prefix.length) : rejection.message;
  return sentence(text.charAt(0).toUpperCase() + text.slice(1));
}

type DroppedEdit = { field: string; value: unknown };

/** Fields the coach changed locally (against the assumed master, else against `other`). */
function localEdits(local: Record<string, unknown>, base: Record<string, unknown> | null | undefined, other: Record<string, unknown>): DroppedEdit[] {
  const ref = base ?? other;
  return Object.keys(local)
    .filter((k) => !k.startsWith('_') && !(SERVER_FIELDS as readonly string[]).includes(k) && !sameValue(local[k], ref[k]))
    .map((field) => ({ field, value: local[field] }));
}

/**
 * What a collection's merges must respect: `schema` validates every merged or reset document (an
 * invalid one gives way to the server's copy), `units` are fields merged as one (a plan's weeks
 * and sessions: a clash on either takes the server's value for both).
 */
export type MergeRules = { schema?: { safeParse(doc: unknown): { success: boolean } }; units?: readonly (readonly string[])[] };

export function createConflicts<T extends { id: string }>(words: Words<T>, onNotice: NoticeSink, rules: MergeRules = {}): CollectionConflicts<T> {
  const refused = new Map<string, Rejection>();
  type Doc = WithDeleted<T>;
  const say = (kind: NoticeKind, title: string, message: string, doc: T, gone = false) =>
    onNotice({ kind, title, message, ...(gone ? words.goneLinks(doc) : words.links(doc)) });
  const asRecord = (doc: Doc) => doc as unknown as Record<string, unknown>;

  const describe = async (dropped: readonly DroppedEdit[]) =>
    (await Promise.all(dropped.map(async (d) => `${words.label(d.field)} (${await words.value(d.field, d.value)})`))).join(', ');

  const clash = async (doc: T, c: FieldClash) =>
    say(
      'clash',
      'Edit replaced by the server',
      `Your change to ${words.label(c.field)} (${await words.value(c.field, c.local)}) for ${await words.subject(doc)} ` +
        `was replaced by the server's value (${await words.value(c.field, c.master)}).`,
      doc,
    );

  const refusal = async (doc: T, rejection: Rejection, dropped: readonly DroppedEdit[], tail: string, gone = false) => {
    const what = dropped.length > 0 ? `Your change to ${await describe(dropped)} for ${await words.subject(doc)}` : `Your change to ${await words.subject(doc)}`;
    say('refusal', 'Edit refused', `${what} was refused: ${reasonOf(rejection)} ${tail}`, doc, gone);
  };

  const merge = (base: Doc | null | undefined, local: Doc, master: Doc) => {
    const result = threeWayMerge<Doc>(base ?? null, local, master, { setFields: words.setFields, serverFields: SERVER_FIELDS });
    for (const unit of rules.units ?? []) {
      const hit = result.clashes.find((c) => unit.includes(c.field));
      if (!hit) continue;
      for (const f of unit) (result.merged as Record<string, unknown>)[f] = (master as Record<string, unknown>)[f];
      result.clashes = [...result.clashes.filter((c) => !unit.includes(c.field)), hit];
    }
    return result;
  };

  /** The merged document if the collection's schema accepts it, else the server's copy with a notice. */
  const checked = async (merged: Doc, master: Doc): Promise<Doc> => {
    if (merged._deleted || !rules.schema || rules.schema.safeParse(merged).success) return merged;
    say('clash', 'Edit replaced by the server', `Your edit to ${await words.subject(master)} could not be combined with another coach's change; the server's version is shown.`, master);
    return master;
  };

  const resolveRefused = async (input: RxConflictHandlerInput<T>, rejection: Rejection): Promise<Doc> => {
    const base = input.assumedMasterState;
    const local = input.newDocumentState;
    const master = input.realMasterState;
    const reason = reasonOf(rejection);
    if (master._deleted) {
      // Not on the server (or removed there): nothing of the row can be kept.
      if (local._deleted) return master;
      if (!base || base._deleted) say('refusal', 'Edit refused', `${await words.creating(local)} was refused: ${reason}${words.createdGone ? ` ${words.createdGone}` : ''}`, local, true);
      else await refusal(local, rejection, localEdits(asRecord(local), asRecord(base), asRecord(master)), words.gone, true);
      return master;
    }
    if (local._deleted) {
      say('refusal', 'Edit refused', `${await words.deleting(master)} was refused: ${reason} ${words.shownAgain}`, master);
      return master;
    }
    const field = rejection.field?.split('.')[0]; // the server names nested fields ("sessions.2.week")
    if (field && field in master) {
      const withoutRefused = { ...local, [field]: (master as Record<string, unknown>)[field] } as Doc;
      const result = merge(base, withoutRefused, master);
      const kept = localEdits(asRecord(withoutRefused), base ? asRecord(base) : null, asRecord(master)).length > 0;
      await refusal(master, rejection, [{ field, value: (local as Record<string, unknown>)[field] }], kept ? 'Your other changes are kept.' : "The server's version is shown again.");
      for (const c of result.clashes) await clash(master, c);
      return checked(result.merged, master);
    }
    await refusal(master, rejection, localEdits(asRecord(local), base ? asRecord(base) : null, asRecord(master)), "The server's version is shown again.");
    return master;
  };

  const resolve = async (input: RxConflictHandlerInput<T>): Promise<Doc> => {
    const local = input.newDocumentState;
    const master = input.realMasterState;
    const rejection = refused.get(local.id);
    if (rejection) {
      refused.delete(local.id);
      return resolveRefused(input, rejection);
    }
    if (!input.assumedMasterState && !local._deleted) {
      // Created here while the server has a row of that id: the same document (derived ids). If this
      // copy says something else, the server's copy wins, and the coach is told what was not kept.
      if (master._deleted) return local;
      const dropped = localEdits(asRecord(local), null, asRecord(master));
      if (dropped.length > 0) {
        say('clash', 'Edit replaced by the server', `Your change to ${await describe(dropped)} for ${await words.subject(master)} was not kept: the server already had it, and its version is shown.`, master);
      }
      return master;
    }
    const result = merge(input.assumedMasterState, local, master);
    if (result.removedOnServer) {
      say('removed', words.removedTitle, `Your change to ${await words.subject(local)} was not kept: ${words.removedReason}`, local);
    }
    for (const c of result.clashes) await clash(master, c);
    return checked(result.merged, master);
  };

  return {
    handler: { isEqual: (a, b, context) => isEqualFor(a, b, context), resolve },
    noteRejections(pushedIds, rejections) {
      for (const id of pushedIds) refused.delete(id);
      for (const r of rejections) refused.set(r.id, r);
    },
  };
}

/**
 * The conflict handling of every pushed collection. `lookup` gives the open database (it does not
 * exist yet when the handlers are made), so notices can name an assignment's plan and athlete.
 */
export function createSyncConflicts(onNotice: NoticeSink, lookup: () => AstralDatabase | null = () => null): SyncConflicts {
  const words = wordsFor(lookup);
  return {
    athletes: createConflicts(words.athletes, onNotice, { schema: SYNC_DOC_SCHEMAS.athletes }),
    groups: createConflicts(words.groups, onNotice, { schema: SYNC_DOC_SCHEMAS.groups }),
    training_plans: createConflicts(words.training_plans, onNotice, { schema: SYNC_DOC_SCHEMAS.training_plans, units: [['weeks', 'sessions']] }),
    plan_assignments: createConflicts(words.plan_assignments, onNotice, { schema: SYNC_DOC_SCHEMAS.plan_assignments }),
    invitations: createConflicts(words.invitations, onNotice, { schema: SYNC_DOC_SCHEMAS.invitations }),
    activities: createConflicts(words.activities, onNotice, { schema: SYNC_DOC_SCHEMAS.activities }),
    daily_metrics: createConflicts(words.daily_metrics, onNotice, { schema: SYNC_DOC_SCHEMAS.daily_metrics }),
    attention_signals: createConflicts(words.attention_signals, onNotice, { schema: SYNC_DOC_SCHEMAS.attention_signals }),
  };
}

/** The athletes' conflict handling alone (tests). */
export const createAthleteConflicts = (onNotice: NoticeSink): AthleteConflicts => createSyncConflicts(onNotice).athletes;

/** Collections the app never writes (coaches): the server's state always wins. */
export function serverWinsHandler<T>(): RxConflictHandler<T> {
  return { isEqual: (a, b, context) => isEqualFor(a, b, context), resolve: async (input) => input.realMasterState };
}
