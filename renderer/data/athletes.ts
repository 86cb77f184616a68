/**
 * The athletes feature module: the only code that queries or writes the athletes collection.
 * Writes go to the local database at once (offline too) and are replicated later; each edited id
 * is put in the outbox first, so the "changes not yet sent" count can never miss a write.
 * Edits are validated with the same zod schema the server's PATCH endpoint uses (AthletePatch),
 * plus assigned coaches, which only the head coach may change (checkAthleteChange). Bulk changes of
 * the roster (updateAthletes) use the same checks, write in one bulkUpsert and can be undone once.
 */
import { useMemo } from 'react';
import { map, shareReplay, type Observable } from 'rxjs';
import { z } from 'zod';
import type { RxDocument } from 'rxdb';
import { AthletePatch, athleteName, checkAthleteChange, normalizeLabel, type Athlete, type AthleteStatus } from '../../shared/domain/athlete';
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

type ParsedEdit = { ok: true; data: z.output<typeof AthleteEdit> } | Extract<UpdateResult, { ok: false }>;

/** The same checks for one edit and for bulk changes: labels normalised, then the PATCH schema. */
function parseEdit(edit: AthleteEdit): ParsedEdit {
  const labels: unknown = edit.labels;
  const input = Array.isArray(labels) ? { ...edit, labels: [...new Set(labels.map((l) => normalizeLabel(String(l))))] } : edit;
  const parsed = AthleteEdit.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors: Partial<Record<AthleteEditField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as AthleteEditField | undefined;
    if (field && !fieldErrors[field]) fieldErrors[field] = issue.message;
  }
  return { ok: false, fieldErrors, message: 'Please correct the highlighted fields.' };
}

/** The fields of a parsed edit that differ from the athlete, or a refusal by role. */
function changedFields(before: Athlete, data: z.output<typeof AthleteEdit>, role?: CoachRole): Partial<Athlete> | Extract<UpdateResult, { ok: false }> {
  const patch = Object.fromEntries(
    Object.entries(data).filter(([key, value]) => value !== undefined && !sameJson(value, before[key as keyof Athlete])),
  ) as Partial<Athlete>;
  if (role && Object.keys(patch).length > 0) {
    const refusal = checkAthleteChange(before, { ...before, ...patch }, role);
    if (refusal) return { ok: false, fieldErrors: refusal.field ? { [refusal.field]: refusal.message } : {}, message: refusal.message };
  }
  return patch;
}

const isRefusal = (x: Partial<Athlete> | Extract<UpdateResult, { ok: false }>): x is Extract<UpdateResult, { ok: false }> => 'ok' in x;

/** Validates and applies an edit to one athlete in the local database. */
export async function updateAthlete(db: AstralDatabase, id: string, edit: AthleteEdit, role?: CoachRole): Promise<UpdateResult> {
  const parsed = parseEdit(edit);
  if (!parsed.ok) return parsed;
  const doc = await db.athletes.findOne(id).exec();
  if (!doc) return { ok: false, fieldErrors: {}, message: 'This athlete no longer exists.' };
  const patch = changedFields(toAthlete(doc), parsed.data, role);
  if (isRefusal(patch)) return patch;
  if (Object.keys(patch).length === 0) return { ok: true, changed: false };
  await addToOutbox(db, 'athletes', [id]);
  await doc.incrementalPatch(patch);
  return { ok: true, changed: true };
}

/**
 * Removes an athlete from the organization: a tombstone pushed by sync (so it works offline); the
 * server ends their plans and memberships and keeps their account, so they can be invited again.
 */
export async function removeAthlete(db: AstralDatabase, id: string): Promise<{ ok: true; name: string } | { ok: false; message: string }> {
  const doc = await db.athletes.findOne(id).exec();
  if (!doc) return { ok: false, message: 'This athlete is no longer in your organization.' };
  const name = athleteName(toAthlete(doc));
  await addToOutbox(db, 'athletes', [id]);
  await doc.incrementalRemove();
  return { ok: true, name };
}

/** A bulk action of the roster: one edit computed per athlete from its current values. */
export type AthletesChange =
  | { kind: 'add_label'; label: string }
  | { kind: 'remove_label'; label: string }
  | { kind: 'set_status'; status: AthleteStatus }
  | { kind: 'assign_coach'; coachId: string };

function editFor(a: Athlete, change: AthletesChange): AthleteEdit {
  switch (change.kind) {
    case 'add_label':
      return { labels: [...a.labels, normalizeLabel(change.label)] };
    case 'remove_label':
      return { labels: a.labels.filter((l) => l !== normalizeLabel(change.label)) };
    case 'set_status':
      return { status: change.status };
    case 'assign_coach':
      return { coach_ids: a.coach_ids.includes(change.coachId) ? a.coach_ids : [...a.coach_ids, change.coachId] };
  }
}

/** What one bulk write changed on one athlete: the fields' values before and after. */
export type AthleteUndo = { id: string; before: Partial<Athlete>; after: Partial<Athlete> };
export type BulkResult = { ok: true; changed: number; undo: AthleteUndo[] } | Extract<UpdateResult, { ok: false }>;

async function writeMany(db: AstralDatabase, docs: Athlete[]): Promise<void> {
  if (docs.length === 0) return;
  await addToOutbox(db, 'athletes', docs.map((d) => d.id));
  const result = await db.athletes.bulkUpsert(docs);
  if (result.error.length > 0) throw new Error(`${result.error.length} athletes could not be saved on this device.`);
}

/**
 * Applies one change to many athletes with the checks of updateAthlete (any refusal writes
 * nothing), in one bulkUpsert after the outbox. Returns what changed, for `undoAthletes`.
 */
export async function updateAthletes(db: AstralDatabase, ids: readonly string[], change: AthletesChange, role?: CoachRole): Promise<BulkResult> {
  const docs = await db.athletes.findByIds([...ids]).exec();
  const toWrite: Athlete[] = [];
  const undo: AthleteUndo[] = [];
  for (const id of ids) {
    const doc = docs.get(id);
    if (!doc) continue; // removed since it was selected: nothing to change
    const before = toAthlete(doc);
    const parsed = parseEdit(editFor(before, change));
    if (!parsed.ok) return { ...parsed, message: `${athleteName(before)}: ${Object.values(parsed.fieldErrors)[0] ?? parsed.message}` };
    const patch = changedFields(before, parsed.data, role);
    if (isRefusal(patch)) return patch;
    const keys = Object.keys(patch) as (keyof Athlete)[];
    if (keys.length === 0) continue;
    toWrite.push({ ...before, ...patch });
    undo.push({ id, before: Object.fromEntries(keys.map((k) => [k, before[k]])), after: patch });
  }
  await writeMany(db, toWrite);
  return { ok: true, changed: toWrite.length, undo };
}

/** Undoes a bulk change: each field gets its previous value back, only where nobody changed it since. */
export async function undoAthletes(db: AstralDatabase, undo: readonly AthleteUndo[], role?: CoachRole): Promise<number> {
  const docs = await db.athletes.findByIds(undo.map((u) => u.id)).exec();
  const toWrite: Athlete[] = [];
  for (const u of undo) {
    const doc = docs.get(u.id);
    if (!doc) continue;
    const current = toAthlete(doc);
    const restore = Object.fromEntries(
      (Object.keys(u.after) as (keyof Athlete)[]).filter((k) => sameJson(current[k], u.after[k])).map((k) => [k, u.before[k]]),
    ) as Partial<Athlete>;
    if (Object.keys(restore).length === 0) continue;
    const next = { ...current, ...restore };
    if (role && checkAthleteChange(current, next, role)) continue;
    toWrite.push(next);
  }
  await writeMany(db, toWrite);
  return toWrite.length;
}

/**
 * Sorts a new emission of the roster, giving the sort the previous order to start from: the
 * comparison is the same (so is the result), but an almost sorted input costs one pass of
 * comparisons instead of a full sort of 10,000 names after a small change.
 */
function sortLike(previous: readonly Athlete[] | null, next: readonly Athlete[]): Athlete[] {
  if (!previous) return sortAthletes(next);
  const rank = new Map<string, number>();
  previous.forEach((a, i) => rank.set(a.id, i));
  const known: { a: Athlete; r: number }[] = [];
  const fresh: Athlete[] = [];
  for (const a of next) {
    const r = rank.get(a.id);
    if (r === undefined) fresh.push(a);
    else known.push({ a, r });
  }
  known.sort((x, y) => x.r - y.r);
  return sortAthletes([...known.map((k) => k.a), ...fresh]);
}

// athleteRoster: one live, sorted roster per database, shared by every component that shows it (the roster page,
// the command palette, the attention count...): 10,000 athletes are copied and sorted once per
// change instead of once per subscriber. A late subscriber gets the current list at once.
const rosters = new WeakMap<AstralDatabase, Observable<Athlete[]>>();
export function athleteRoster(db: AstralDatabase): Observable<Athlete[]> {
  let roster = rosters.get(db);
  if (!roster) {
    let previous: Athlete[] | null = null;
    roster = db.athletes.find().$.pipe(
      map((docs) => (previous = sortLike(previous, docs.map(toAthlete)))),
      shareReplay({ bufferSize: 1, refCount: true }),
    );
    rosters.set(db, roster);
  }
  return roster;
}

/** Every athlete of the organization, in roster order; `undefined` while loading. */
export function useAthletes(): Athlete[] | undefined {
  const { db } = useAstralData();
  return useObservable(() => athleteRoster(db), [db]);
}

/** One athlete: `undefined` while loading, `null` when there is no such athlete. */
export function useAthlete(id: string): Athlete | null | undefined {
  const { db } = useAstralData();
  return useObservable(() => db.athletes.findOne(id).$.pipe(map((doc) => (doc ? toAthlete(doc) : null))), [db, id]);
}

/** updateAthletes and undoAthletes bound to the open database. */
export function useBulkAthletes() {
  const { db } = useAstralData();
  return useMemo(
    () => ({
      update: (ids: readonly string[], change: AthletesChange, role?: CoachRole) => updateAthletes(db, ids, change, role),
      undo: (undo: readonly AthleteUndo[], role?: CoachRole) => undoAthletes(db, undo, role),
    }),
    [db],
  );
}

export function useUpdateAthlete(): (id: string, edit: AthleteEdit, role?: CoachRole) => Promise<UpdateResult> {
  const { db } = useAstralData();
  return useMemo(() => (id: string, edit: AthleteEdit, role?: CoachRole) => updateAthlete(db, id, edit, role), [db]);
}
