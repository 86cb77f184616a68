/**
 * Conflict handling of the athletes collection.
 *
 * The server answers a push with its master state of every row it did not write: a real conflict
 * (another coach changed the athlete first) or a row it refused (not allowed, invalid). RxDB then
 * calls `resolve` with {assumedMasterState, newDocumentState, realMasterState} and writes the
 * result to the local database; if that differs from the master, it is pushed again.
 *  - conflict: per-field three-way merge (shared/sync/merge.ts); labels and coach ids merge as
 *    sets; a field both sides changed keeps the server's value and the coach gets a notice.
 *  - refused row: the push handler records the server's reasons here first (`noteRejections`),
 *    and `resolve` then returns the master state unchanged, so the refused edit is not merged and
 *    pushed again; the coach gets a notice with the reason.
 */
import type { RxConflictHandler, RxConflictHandlerInput, WithDeleted } from 'rxdb';
import { ATHLETE_SET_FIELDS, FIELD_LABELS, type Athlete } from '../../shared/domain/athlete';
import { threeWayMerge, type FieldClash } from '../../shared/sync/merge';
import { SERVER_FIELDS, sameDocumentState, type Rejection } from '../../shared/sync/protocol';

export type NoticeKind = 'clash' | 'refusal' | 'removed';

/** A message for the coach about an edit that did not survive as made. */
export type NoticeDraft = { kind: NoticeKind; athleteId: string; title: string; message: string };
export type NoticeSink = (notice: NoticeDraft) => void;

const STATUS_LABELS: Record<string, string> = { active: 'Active', inactive: 'Inactive', suspended: 'Suspended' };

export function formatFieldValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'empty';
  if (Array.isArray(value)) return value.length === 0 ? 'empty' : `"${value.join(', ')}"`;
  if (field === 'status' && typeof value === 'string') return `"${STATUS_LABELS[value] ?? value}"`;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return `"${oneLine.length > 60 ? `${oneLine.slice(0, 59)}…` : oneLine}"`;
}

const fieldLabel = (field: string) => (FIELD_LABELS as Record<string, string>)[field] ?? field;
const personName = (a: Pick<Athlete, 'first_name' | 'last_name'>) => `${a.first_name} ${a.last_name}`.trim() || 'an athlete';

export function clashNotice(athlete: Athlete, clash: FieldClash): NoticeDraft {
  return {
    kind: 'clash',
    athleteId: athlete.id,
    title: 'Edit replaced by the server',
    message:
      `Your change to ${fieldLabel(clash.field)} (${formatFieldValue(clash.field, clash.local)}) for ${personName(athlete)} ` +
      `was replaced by the server's value (${formatFieldValue(clash.field, clash.master)}).`,
  };
}

export function refusalNotice(athlete: Athlete, rejection: Pick<Rejection, 'message'>): NoticeDraft {
  const reason = rejection.message.trim().replace(/\.?$/, '.');
  return {
    kind: 'refusal',
    athleteId: athlete.id,
    title: 'Edit refused',
    message: `Your change to ${personName(athlete)} was refused: ${reason} The server's version is shown again.`,
  };
}

export function removedNotice(athlete: Athlete): NoticeDraft {
  return {
    kind: 'removed',
    athleteId: athlete.id,
    title: 'Athlete removed',
    message: `Your change to ${personName(athlete)} was not kept: the athlete was removed from the organization.`,
  };
}

export type AthleteConflicts = {
  handler: RxConflictHandler<Athlete>;
  /** Called by the push handler with the server's answer, before RxDB resolves the conflicts. */
  noteRejections(pushedIds: readonly string[], rejections: readonly Rejection[], conflictIds: ReadonlySet<string>): void;
};

/** Equality used by the replication: server-written fields (timestamps) never make a difference. */
export const isSameState = <T>(a: WithDeleted<T>, b: WithDeleted<T>): boolean =>
  sameDocumentState(a as Record<string, unknown>, b as Record<string, unknown>);

export function createAthleteConflicts(onNotice: NoticeSink): AthleteConflicts {
  const refused = new Map<string, Rejection>();

  const resolve = async (input: RxConflictHandlerInput<Athlete>): Promise<WithDeleted<Athlete>> => {
    const local = input.newDocumentState;
    const master = input.realMasterState;
    const rejection = refused.get(local.id);
    if (rejection) {
      refused.delete(local.id);
      onNotice(refusalNotice(master._deleted ? local : master, rejection));
      return master;
    }
    const result = threeWayMerge<WithDeleted<Athlete>>(input.assumedMasterState ?? null, local, master, {
      setFields: ATHLETE_SET_FIELDS,
      serverFields: SERVER_FIELDS,
    });
    if (result.removedOnServer) onNotice(removedNotice(local));
    for (const clash of result.clashes) onNotice(clashNotice(master, clash));
    return result.merged;
  };

  return {
    handler: { isEqual: (a, b) => isSameState(a, b), resolve },
    noteRejections(pushedIds, rejections, conflictIds) {
      for (const id of pushedIds) refused.delete(id);
      for (const r of rejections) if (conflictIds.has(r.id)) refused.set(r.id, r);
    },
  };
}

/** Collections the app never writes (coaches, groups): the server's state always wins. */
export function serverWinsHandler<T>(): RxConflictHandler<T> {
  return { isEqual: (a, b) => isSameState(a, b), resolve: async (input) => input.realMasterState };
}
