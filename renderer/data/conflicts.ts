/**
 * Conflict handling of the athletes collection.
 *
 * The server answers a push with its master state of every row it did not write: a real conflict
 * (another coach changed the athlete first) or a row it refused (not allowed, invalid). RxDB then
 * calls `resolve` with {assumedMasterState, newDocumentState, realMasterState} and writes the
 * result to the local database; if that differs from the master, it is pushed again.
 *  - conflict: per-field three-way merge (shared/sync/merge.ts); labels and coach ids merge as
 *    sets; a field both sides changed keeps the server's value and the coach gets a notice.
 *  - refused row: the push handler records the server's reasons here first (`noteRejections`,
 *    every rejection). The server refuses a whole row for one forbidden field, so when the
 *    rejection names a field only that field is reset to the server's value and the row's other
 *    edits are merged and pushed again; without a field the row goes back to the server's copy.
 *    A refused row the server does not have (not found, create refused) comes with no master;
 *    the push handler hands in a deleted copy instead, so it is removed locally. Every refusal
 *    gets a notice naming the dropped values.
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

export type DroppedEdit = { field: string; value: unknown };

const describeDropped = (dropped: readonly DroppedEdit[]) =>
  dropped.map((d) => `${fieldLabel(d.field)} (${formatFieldValue(d.field, d.value)})`).join(', ');

/**
 * A refused edit. `dropped`: the local values that were thrown away; `outcome` says what became of
 * the rest of the row (other edits kept, row back to the server's copy, or removed on this device).
 */
export function refusalNotice(
  athlete: Athlete,
  rejection: Pick<Rejection, 'message'>,
  dropped: readonly DroppedEdit[] = [],
  outcome: 'kept' | 'reverted' | 'removed' = 'reverted',
): NoticeDraft {
  const reason = rejection.message.trim().replace(/\.?$/, '.');
  const what = dropped.length > 0 ? `Your change to ${describeDropped(dropped)} for ${personName(athlete)}` : `Your change to ${personName(athlete)}`;
  const tail =
    outcome === 'kept'
      ? 'Your other changes are kept.'
      : outcome === 'removed'
        ? 'The athlete does not exist on the server and was removed from this device.'
        : "The server's version is shown again.";
  return { kind: 'refusal', athleteId: athlete.id, title: 'Edit refused', message: `${what} was refused: ${reason} ${tail}` };
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Fields the coach changed locally (against the assumed master, else against `other`). */
function localEdits(local: Record<string, unknown>, base: Record<string, unknown> | null | undefined, other: Record<string, unknown>): DroppedEdit[] {
  const ref = base ?? other;
  return Object.keys(local)
    .filter((k) => !k.startsWith('_') && !(SERVER_FIELDS as readonly string[]).includes(k) && !sameValue(local[k], ref[k]))
    .map((field) => ({ field, value: local[field] }));
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
  noteRejections(pushedIds: readonly string[], rejections: readonly Rejection[]): void;
};

/** Equality used by the replication: server-written fields (timestamps) never make a difference. */
export const isSameState = <T>(a: WithDeleted<T>, b: WithDeleted<T>): boolean =>
  sameDocumentState(a as Record<string, unknown>, b as Record<string, unknown>);

export function createAthleteConflicts(onNotice: NoticeSink): AthleteConflicts {
  const refused = new Map<string, Rejection>();

  const resolveRefused = (input: RxConflictHandlerInput<Athlete>, rejection: Rejection): WithDeleted<Athlete> => {
    const base = input.assumedMasterState;
    const local = input.newDocumentState;
    const master = input.realMasterState;
    if (master._deleted) {
      // Not on the server (or removed there): nothing of the row can be kept.
      onNotice(refusalNotice(local, rejection, base ? localEdits(local, base, master) : [], 'removed'));
      return master;
    }
    const field = rejection.field as keyof Athlete | undefined;
    if (field && field in master) {
      const withoutRefused = { ...local, [field]: master[field] } as WithDeleted<Athlete>;
      const result = threeWayMerge<WithDeleted<Athlete>>(base ?? null, withoutRefused, master, {
        setFields: ATHLETE_SET_FIELDS,
        serverFields: SERVER_FIELDS,
      });
      const kept = localEdits(withoutRefused, base, master).length > 0;
      onNotice(refusalNotice(master, rejection, [{ field, value: local[field] }], kept ? 'kept' : 'reverted'));
      for (const clash of result.clashes) onNotice(clashNotice(master, clash));
      return result.merged;
    }
    onNotice(refusalNotice(master, rejection, localEdits(local, base, master), 'reverted'));
    return master;
  };

  const resolve = async (input: RxConflictHandlerInput<Athlete>): Promise<WithDeleted<Athlete>> => {
    const local = input.newDocumentState;
    const master = input.realMasterState;
    const rejection = refused.get(local.id);
    if (rejection) {
      refused.delete(local.id);
      return resolveRefused(input, rejection);
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
    noteRejections(pushedIds, rejections) {
      for (const id of pushedIds) refused.delete(id);
      for (const r of rejections) refused.set(r.id, r);
    },
  };
}

/** Collections the app never writes (coaches, groups): the server's state always wins. */
export function serverWinsHandler<T>(): RxConflictHandler<T> {
  return { isEqual: (a, b) => isSameState(a, b), resolve: async (input) => input.realMasterState };
}
