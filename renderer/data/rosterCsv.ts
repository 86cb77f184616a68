/**
 * The roster as CSV, both ways. Export writes the athletes as the coach filtered them, with the
 * columns the import reads back (shared/domain/athlete-import.ts). Import applies a plan made by
 * planAthleteImport: only rows without errors, each through updateAthlete, so an imported value
 * passes exactly the checks of an edit in the profile form and is queued for sync the same way.
 */
import type { Athlete } from '../../shared/domain/athlete';
import { athleteName } from '../../shared/domain/athlete';
import { ROSTER_CSV_HEADERS, type AthleteImportPlan, type ImportRowReport } from '../../shared/domain/athlete-import';
import type { CoachRole } from '../../shared/domain/organization';
import { serializeCsv } from '../../shared/csv/csv';
import { STATUS_LABELS } from '../ui/format';
import { updateAthlete } from './athletes';
import type { AstralDatabase } from './database';
import { addToOutbox } from './syncStatus';

export type RosterCsvNames = {
  /** Coach membership id -> name (useCoachNames). */
  coachNames: ReadonlyMap<string, string>;
  /** Group id -> name. */
  groupNames: ReadonlyMap<string, string>;
};

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Names of the known ids, sorted; ids that are not (or no longer) known are left out. */
const namesOf = (ids: readonly string[], names: ReadonlyMap<string, string>) =>
  ids
    .map((id) => names.get(id))
    .filter((n): n is string => n !== undefined)
    .sort(collator.compare)
    .join(', ');

/** CSV text of the given athletes in the given order, with a BOM so spreadsheets read accents right. */
export function rosterCsv(athletes: readonly Athlete[], { coachNames, groupNames }: RosterCsvNames): string {
  const rows: string[][] = [[...ROSTER_CSV_HEADERS]];
  for (const a of athletes) {
    rows.push([
      athleteName(a),
      a.first_name,
      a.last_name,
      a.email,
      a.display_name ?? '',
      a.member_level ?? '',
      a.labels.join(', '),
      STATUS_LABELS[a.status],
      namesOf(a.group_ids, groupNames),
      namesOf(a.coach_ids, coachNames),
      a.private_notes,
    ]);
  }
  return serializeCsv(rows, { bom: true });
}

export type ImportOutcome = {
  line: number;
  athlete: ImportRowReport['athlete'];
  /** updated: written; unchanged: nothing to write; skipped: the row has errors; failed: the write was refused. */
  status: 'updated' | 'unchanged' | 'skipped' | 'failed';
  message?: string;
};

const CONCURRENCY = 20;

/**
 * Writes the rows of a plan that have changes and no errors; returns one outcome per row of the
 * plan, in its order. The rows' ids go into the outbox in one write first (updateAthlete then finds
 * them there), instead of one outbox rewrite per row on a 5,000-row import.
 */
export async function applyAthleteImport(
  db: AstralDatabase,
  plan: AthleteImportPlan,
  role: CoachRole | undefined,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = plan.rows.map((row) => ({
    line: row.line,
    athlete: row.athlete,
    status: row.errors.length > 0 ? 'skipped' : 'unchanged',
    ...(row.errors.length > 0 ? { message: row.errors.map((e) => e.message).join(' ') } : {}),
  }));
  const todo = plan.rows.flatMap((row, index) => (row.errors.length === 0 && row.changes.length > 0 && row.athlete ? [{ row, index, id: row.athlete.id }] : []));
  if (todo.length === 0) return outcomes;

  await addToOutbox(db, 'athletes', [...new Set(todo.map((t) => t.id))]);
  onProgress?.(0, todo.length);
  for (let start = 0; start < todo.length; start += CONCURRENCY) {
    await Promise.all(
      todo.slice(start, start + CONCURRENCY).map(async ({ row, index, id }) => {
        const result = await updateAthlete(db, id, row.patch, role).catch((err: unknown) => ({
          ok: false as const,
          fieldErrors: {},
          message: `The change could not be saved: ${err instanceof Error ? err.message : String(err)}`,
        }));
        const outcome = outcomes[index];
        if (!outcome) return;
        if (result.ok) {
          outcome.status = result.changed ? 'updated' : 'unchanged';
        } else {
          outcome.status = 'failed';
          const details = Object.values(result.fieldErrors).filter(Boolean);
          outcome.message = details.length > 0 ? details.join(' ') : result.message;
        }
      }),
    );
    onProgress?.(Math.min(todo.length, start + CONCURRENCY), todo.length);
  }
  return outcomes;
}
