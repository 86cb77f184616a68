/**
 * What a suite hands back and how it is printed. A figure is one measured value with, when the
 * issue sets one, a target on the value itself and/or on its ratio to a baseline measured in the
 * same run. The bench never fails on a missed target: it prints "missed" and moves on.
 */

export type Unit = 'ms' | 's' | 'count' | 'MB' | 'docs/s';
export type Bound = { op: '<=' | '>='; value: number };

export type Figure = {
  label: string;
  /** null: not measured in this run (the note says why). */
  value: number | null;
  unit: Unit;
  target?: Bound;
  baseline?: { label: string; value: number | null };
  /** Target on value / baseline. */
  ratioTarget?: Bound;
  note?: string;
};

export type Verdict = 'met' | 'missed' | 'info' | 'n/a';

export type SuiteResult = {
  /** Stable key of the suite (section of BENCHMARKS.md). */
  id: string;
  title: string;
  figures: Figure[];
  /** Free text printed under the table (method, strategy, where the time goes). */
  notes: string[];
  /** What the suite ran on beyond the machine (e.g. the Chromium version). */
  environment: Record<string, string>;
  durationMs: number;
};

export const ratioOf = (f: Figure): number | null =>
  f.value !== null && f.baseline && f.baseline.value !== null && f.baseline.value > 0 ? f.value / f.baseline.value : null;

const holds = (value: number, b: Bound) => (b.op === '<=' ? value <= b.value : value >= b.value);

export function verdict(f: Figure): Verdict {
  if (!f.target && !f.ratioTarget) return 'info';
  if (f.value === null) return 'n/a';
  if (f.target && !holds(f.value, f.target)) return 'missed';
  if (f.ratioTarget) {
    const r = ratioOf(f);
    if (r === null) return 'n/a';
    if (!holds(r, f.ratioTarget)) return 'missed';
  }
  return 'met';
}

export function formatValue(value: number | null, unit: Unit): string {
  if (value === null) return '—';
  switch (unit) {
    case 'ms':
      return `${value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en')} ms`;
    case 's':
      return `${value.toFixed(2)} s`;
    case 'count':
      return Math.round(value).toLocaleString('en');
    case 'MB':
      return `${value.toFixed(0)} MB`;
    case 'docs/s':
      return `${Math.round(value).toLocaleString('en')} docs/s`;
  }
}

const formatBound = (b: Bound | undefined, unit: Unit | 'x') =>
  b ? `${b.op} ${unit === 'x' ? `${b.value}x` : formatValue(b.value, unit)}` : '';

/** The columns shared by the console table and the markdown table. */
export function rows(result: SuiteResult): string[][] {
  return result.figures.map((f) => {
    const r = ratioOf(f);
    return [
      f.label,
      formatValue(f.value, f.unit),
      formatBound(f.target, f.unit),
      f.baseline ? `${formatValue(f.baseline.value, f.unit)} (${f.baseline.label})` : '',
      r === null ? '' : `${r.toFixed(2)}x`,
      formatBound(f.ratioTarget, 'x'),
      verdict(f),
    ];
  });
}

export const HEADER = ['Figure', 'Value', 'Target', 'Baseline', 'Ratio', 'Ratio target', 'Result'];

/** Prints a suite as an aligned plain-text table, with figure notes and suite notes below. */
export function printSuite(result: SuiteResult, log: (line: string) => void = console.log): void {
  const table = [HEADER, ...rows(result)];
  const widths = HEADER.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  log('');
  log(`== ${result.title} (${(result.durationMs / 1000).toFixed(0)} s) ==`);
  log(line(HEADER));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of table.slice(1)) log(line(r));
  const figureNotes = result.figures.filter((f) => f.note).map((f) => `${f.label}: ${f.note}`);
  for (const n of [...figureNotes, ...result.notes]) log(`  * ${n}`);
  const counts = result.figures.map(verdict);
  log(`  ${counts.filter((v) => v === 'met').length} met, ${counts.filter((v) => v === 'missed').length} missed, ${counts.filter((v) => v === 'n/a').length} not measured`);
}
