/**
 * The athletes feature module: the only code that queries or writes the athletes collection.
 * Writes go to the local database at once (offline too) and are replicated later; each edited id
 * is put in the outbox first, so the "changes not yet sent" count can never miss a write.
 * Edits are validated with the same zod schema the server's PATCH endpoint uses (AthletePatch),
 * plus assigned coaches, which only the head coach may change (checkAthleteChange).
 */
import { useMemo } from 'react';
import { map } from 'rxjs';
import { z } from 'zod';
import type { RxDocument } from 'rxdb';
import { AthletePatch, checkAthleteChange, normalizeLabel, type Athlete } from '../../shared/domain/athlete';
import { Id } from '../../shared/domain/common';
import type { CoachRole } from '../../shared/domain/organization';
import { useAstralData, useObservable } from './context';
import type { AstralDatabase } from './database';
import { sortAthletes } from './search';
import { addToOutbox } from './syncStatus';

export const AthleteEdit = AthletePatch.extend({ coach_ids: z.array(Id).max(50, 'at most 50 coaches').optional() });
export type AthleteEdit = z.input<typeof AthleteEdit>;
export type AthleteEditField = keyof AthleteEdit;

export type UpdateResult =
  | { ok: true; changed: boolean }
  | { ok: false; fieldErrors: Partial<Record<AthleteEditField, string>>; message: string };

// RxDB keeps one RxDocument object per document revision, so plain copies can be cached per object.
const plainCache = new WeakMap<object, Athlete>();
function toAthlete(doc: RxDocument<Athlete>): Athlete {
  let plain = plainCache.get(doc);
  if (!plain) {
    plain = doc.toJSON() as Athlete;
    plainCache.set(doc, plain);
  }
  return plain;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Validates and applies an edit to one athlete in the local database. */
export async function updateAthlete(db: AstralDatabase, id: string, edit: AthleteEdit, role?: CoachRole): Promise<UpdateResult> {
  const labels: unknown = edit.labels;
  const input = Array.isArray(labels) ? { ...edit, labels: [...new Set(labels.map((l) => normalizeLabel(String(l))))] } : edit;
  const parsed = AthleteEdit.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<AthleteEditField, string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as AthleteEditField | undefined;
      if (field && !fieldErrors[field]) fieldErrors[field] = issue.message;
    }
    return { ok: false, fieldErrors, message: 'Please correct the highlighted fields.' };
  }
  const doc = await db.athletes.findOne(id).exec();
  if (!doc) return { ok: false, fieldErrors: {}, message: 'This athlete no longer exists.' };
  const before = toAthlete(doc);
  const patch = Object.fromEntries(
    Object.entries(parsed.data).filter(([key, value]) => value !== undefined && !sameJson(value, before[key as keyof Athlete])),
  ) as Partial<Athlete>;
  if (Object.keys(patch).length === 0) return { ok: true, changed: false };
  if (role) {
    const refusal = checkAthleteChange(before, { ...before, ...patch }, role);
    if (refusal) {
      return { ok: false, fieldErrors: refusal.field ? { [refusal.field]: refusal.message } : {}, message: refusal.message };
    }
  }
  await addToOutbox(db, 'athletes', [id]);
  await doc.incrementalPatch(patch);
  return { ok: true, changed: true };
}

/** Every athlete of the organization, in roster order; `undefined` while loading. */
export function useAthletes(): Athlete[] | undefined {
  const { db } = useAstralData();
  return useObservable(() => db.athletes.find().$.pipe(map((docs) => sortAthletes(docs.map(toAthlete)))), [db]);
}

/** One athlete: `undefined` while loading, `null` when there is no such athlete. */
export function useAthlete(id: string): Athlete | null | undefined {
  const { db } = useAstralData();
  return useObservable(() => db.athletes.findOne(id).$.pipe(map((doc) => (doc ? toAthlete(doc) : null))), [db, id]);
}

export function useUpdateAthlete(): (id: string, edit: AthleteEdit, role?: CoachRole) => Promise<UpdateResult> {
  const { db } = useAstralData();
  return useMemo(() => (id: string, edit: AthleteEdit, role?: CoachRole) => updateAthlete(db, id, edit, role), [db]);
}
