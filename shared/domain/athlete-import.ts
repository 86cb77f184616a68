/**
 * Plans a CSV import of athletes' organization attributes (display name, member level, labels,
 * status, private notes) against the current roster, so the coach sees per row what would change
 * and what is wrong before anything is written. Nothing here writes: the plan's valid rows are
 * applied by the renderer through the same edit path as the profile form.
 *
 * Rows are matched by an `id` column when it has a value, else by email; an import never creates
 * athletes. Columns are the roster export's headers (case-insensitive; `display_name` style works
 * too). Values are checked with the PATCH schema (AthletePatch), so the rules are the server's.
 * Account fields (names, email) cannot be changed by the organization: a different value there is
 * a warning, never a write.
 */
import { parseCsv, unguardCell, utf8Length, type CsvRow } from '../csv/csv';
import { ATHLETE_STATUSES, AthletePatch, FIELD_LABELS, athleteName, normalizeLabel, type Athlete } from './athlete';

export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/** The roster export's columns, in order; the import reads the same names. */
export const ROSTER_CSV_HEADERS = [
  'Name',
  'First name',
  'Last name',
  'Email',
  'Display name',
  'Member level',
  'Labels',
  'Status',
  'Groups',
  'Coaches',
  'Private notes',
] as const;

export const IMPORT_FIELDS = ['display_name', 'member_level', 'labels', 'status', 'private_notes'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
type AccountField = 'name' | 'first_name' | 'last_name' | 'email';
type ColumnKey = ImportField | AccountField | 'id' | 'groups' | 'coaches';

const COLUMN_NAMES: Record<string, ColumnKey> = {
  id: 'id',
  'athlete id': 'id',
  email: 'email',
  'e mail': 'email',
  name: 'name',
  'first name': 'first_name',
  'last name': 'last_name',
  'display name': 'display_name',
  'member level': 'member_level',
  level: 'member_level',
  labels: 'labels',
  status: 'status',
  'private notes': 'private_notes',
  notes: 'private_notes',
  groups: 'groups',
  coaches: 'coaches',
};

export type ImportValue = string | string[] | null;
export type ImportChange = { field: ImportField; from: ImportValue; to: ImportValue };
export type ImportProblem = { field?: string; message: string };
export type ImportRowReport = {
  line: number;
  athlete: { id: string; name: string } | null;
  changes: ImportChange[];
  errors: ImportProblem[];
  warnings: ImportProblem[];
  /** The edit that would be written (changed fields only); applied only when `errors` is empty. */
  patch: AthletePatch;
};

export type AthleteImportPlan = {
  columns: {
    imported: ImportField[];
    matchBy: ('id' | 'email')[];
    /** Export columns that are never written (account names, groups, coaches); email and id only match. */
    notImported: string[];
    /** Columns this import does not know, as written in the file. */
    unknown: string[];
  };
  rows: ImportRowReport[];
  summary: { rows: number; toUpdate: number; unchanged: number; withErrors: number; withWarnings: number };
};

export type AthleteImportResult = { ok: true; plan: AthleteImportPlan } | { ok: false; error: { line?: number; message: string } };

const fail = (message: string, line?: number): AthleteImportResult => ({ ok: false, error: line === undefined ? { message } : { line, message } });

const headerKey = (h: string) =>
  unguardCell(h)
    .trim()
    .toLowerCase()
    .replace(/[_-]+/g, ' ')
    .replace(/\s+/g, ' ');

const IMPORTABLE = IMPORT_FIELDS.map((f) => FIELD_LABELS[f]).join(', ');

/** Size check, CSV parse and plan in one: what the import dialog calls with the file's text. */
export function planAthleteImportFromCsv(text: string, athletes: readonly Athlete[]): AthleteImportResult {
  const bytes = utf8Length(text);
  if (bytes > MAX_IMPORT_BYTES) {
    return fail(`The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; at most 2 MB can be imported at once. Split it into smaller files.`);
  }
  const parsed = parseCsv(text);
  if (!parsed.ok) return fail(parsed.error.message, parsed.error.line);
  return planAthleteImport(parsed.rows, athletes);
}

/** Plans the import of parsed rows (the first is the header) against the current athletes. */
export function planAthleteImport(rows: readonly CsvRow[], athletes: readonly Athlete[]): AthleteImportResult {
  const [header, ...body] = rows;
  if (!header || header.cells.every((c) => c.trim() === '')) return fail('The file is empty: it needs a header line with column names.');

  const columns = new Map<ColumnKey, number>();
  const unknown: string[] = [];
  for (const [index, raw] of header.cells.entries()) {
    const key = COLUMN_NAMES[headerKey(raw)];
    if (!key) {
      const label = raw.trim() === '' ? `column ${index + 1} (no name)` : raw.trim();
      if (raw.trim() !== '' || body.some((r) => (r.cells[index] ?? '').trim() !== '')) unknown.push(label);
      continue;
    }
    const seen = columns.get(key);
    if (seen !== undefined) return fail(`The column "${raw.trim()}" appears twice (columns ${seen + 1} and ${index + 1}).`, header.line);
    columns.set(key, index);
  }
  const matchBy = (['id', 'email'] as const).filter((k) => columns.has(k));
  if (matchBy.length === 0) return fail('The file needs an Email column (or an id column) to know which athlete each row is about.', header.line);
  const imported = IMPORT_FIELDS.filter((f) => columns.has(f));
  if (imported.length === 0) return fail(`The file has no column that can be imported. Importable columns: ${IMPORTABLE}.`, header.line);

  const dataRows = body.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (dataRows.length === 0) return fail('The file has a header but no athletes.');
  if (dataRows.length > MAX_IMPORT_ROWS) {
    return fail(`The file has ${dataRows.length.toLocaleString('en')} rows; at most ${MAX_IMPORT_ROWS.toLocaleString('en')} can be imported at once.`);
  }

  const byId = new Map(athletes.map((a) => [a.id, a]));
  const byEmail = new Map(athletes.map((a) => [a.email.toLowerCase(), a]));
  const reports = dataRows.map((row) => planRow(row, header.cells.length, columns, byId, byEmail));
  flagDuplicates(reports);

  const notImported = [...columns.entries()]
    .filter(([key]) => !(IMPORT_FIELDS as readonly string[]).includes(key) && key !== 'id' && key !== 'email')
    .map(([, index]) => (header.cells[index] ?? '').trim());
  const withErrors = reports.filter((r) => r.errors.length > 0).length;
  return {
    ok: true,
    plan: {
      columns: { imported, matchBy: [...matchBy], notImported, unknown },
      rows: reports,
      summary: {
        rows: reports.length,
        toUpdate: reports.filter((r) => r.errors.length === 0 && r.changes.length > 0).length,
        unchanged: reports.filter((r) => r.errors.length === 0 && r.changes.length === 0).length,
        withErrors,
        withWarnings: reports.filter((r) => r.warnings.length > 0).length,
      },
    },
  };
}

function planRow(
  row: CsvRow,
  width: number,
  columns: ReadonlyMap<ColumnKey, number>,
  byId: ReadonlyMap<string, Athlete>,
  byEmail: ReadonlyMap<string, Athlete>,
): ImportRowReport {
  const report: ImportRowReport = { line: row.line, athlete: null, changes: [], errors: [], warnings: [], patch: {} };
  const extra = row.cells.slice(width).some((c) => c.trim() !== '');
  if (row.cells.length < width || extra) {
    report.errors.push({ message: `This line has ${row.cells.length} values but the header has ${width}; check for a missing or extra delimiter.` });
    return report;
  }
  const cell = (key: ColumnKey): string | undefined => {
    const index = columns.get(key);
    return index === undefined ? undefined : unguardCell(row.cells[index] ?? '');
  };

  const id = cell('id')?.trim() ?? '';
  const email = cell('email')?.trim() ?? '';
  const athlete = id ? byId.get(id) : email ? byEmail.get(email.toLowerCase()) : undefined;
  if (!athlete) {
    const message = id
      ? `No athlete with id ${id} in this organization.`
      : email
        ? `No athlete with email ${email} in this organization (an import only updates athletes already on the roster).`
        : 'This row has no email, so it cannot be matched to an athlete.';
    report.errors.push({ field: id ? 'id' : 'email', message });
    return report;
  }
  report.athlete = { id: athlete.id, name: athleteName(athlete) };

  const patch: Record<string, unknown> = {};
  for (const field of IMPORT_FIELDS) {
    const raw = cell(field);
    if (raw === undefined) continue;
    const parsed = parseField(field, raw);
    if ('error' in parsed) {
      report.errors.push({ field, message: parsed.error });
      continue;
    }
    const from = athlete[field];
    if (sameValue(field, from, parsed.value)) continue;
    report.changes.push({ field, from, to: parsed.value });
    patch[field] = parsed.value;
  }
  report.patch = patch as AthletePatch;
  accountWarnings(report, athlete, cell, Boolean(id));
  return report;
}

type Parsed = { value: ImportValue } | { error: string };

function parseField(field: ImportField, raw: string): Parsed {
  let input: unknown = raw;
  if (field === 'status') {
    const status = raw.trim().toLowerCase();
    if (!(ATHLETE_STATUSES as readonly string[]).includes(status)) {
      return { error: `Status must be Active, Inactive or Suspended${raw.trim() ? ` (not "${raw.trim()}")` : ' (the cell is empty)'}.` };
    }
    input = status;
  } else if (field === 'labels') {
    input = [...new Set(splitLabels(raw).map(normalizeLabel))];
  } else if (field === 'private_notes') {
    input = raw.replace(/\r\n?/g, '\n');
  }
  const result = AthletePatch.shape[field].safeParse(input);
  if (result.success) return { value: (result.data ?? null) as ImportValue };
  const issue = result.error.issues[0];
  const index = issue?.path[0];
  const what = field === 'labels' && typeof index === 'number' && Array.isArray(input) ? ` (${String(input[index])})` : '';
  return { error: `${FIELD_LABELS[field]}${what}: ${issue?.message ?? 'is not valid'}.` };
}

/** Labels are separated by commas or semicolons; `@a @b` (labels never hold spaces) also splits. */
function splitLabels(raw: string): string[] {
  return raw
    .split(/[,;]/)
    .flatMap((part) => {
      const words = part.trim().split(/\s+/);
      return words.length > 1 && words.every((w) => w.startsWith('@')) ? words : [part];
    })
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function sameValue(field: ImportField, a: ImportValue, b: ImportValue): boolean {
  if (field === 'labels' && Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
  }
  return a === b;
}

function accountWarnings(report: ImportRowReport, athlete: Athlete, cell: (key: ColumnKey) => string | undefined, matchedById: boolean): void {
  const warn = (field: AccountField, label: string, file: string, roster: string) =>
    report.warnings.push({
      field,
      message: `${label} is not imported: it belongs to the athlete's own account (file: "${file}", roster: "${roster}").`,
    });
  const same = (a: string, b: string) => a.trim().normalize('NFC') === b.trim().normalize('NFC');
  for (const field of ['first_name', 'last_name'] as const) {
    const value = cell(field);
    if (value !== undefined && value.trim() !== '' && !same(value, athlete[field])) warn(field, FIELD_LABELS[field], value.trim(), athlete[field]);
  }
  const email = cell('email');
  if (matchedById && email !== undefined && email.trim() !== '' && email.trim().toLowerCase() !== athlete.email) {
    warn('email', 'Email', email.trim(), athlete.email);
  }
  const name = cell('name');
  if (name !== undefined && name.trim() !== '') {
    const displayChange = report.changes.find((c) => c.field === 'display_name');
    const after = displayChange ? { ...athlete, display_name: displayChange.to as string | null } : athlete;
    const accepted = [athleteName(athlete), athleteName(after), `${athlete.first_name} ${athlete.last_name}`];
    if (!accepted.some((n) => same(n, name))) {
      report.warnings.push({ field: 'name', message: `Name is not imported (file: "${name.trim()}"); to rename an athlete for the club, change Display name.` });
    }
  }
}

/** Marks every row of an athlete who appears more than once: which row should win is the coach's call. */
function flagDuplicates(reports: ImportRowReport[]): void {
  const lines = new Map<string, number[]>();
  for (const r of reports) if (r.athlete) lines.set(r.athlete.id, [...(lines.get(r.athlete.id) ?? []), r.line]);
  for (const r of reports) {
    const all = r.athlete ? (lines.get(r.athlete.id) ?? []) : [];
    if (all.length < 2) continue;
    const others = all.filter((l) => l !== r.line);
    r.errors.push({ message: `${r.athlete?.name ?? 'This athlete'} is also on line${others.length > 1 ? 's' : ''} ${others.join(', ')}; keep one row per athlete.` });
  }
}
