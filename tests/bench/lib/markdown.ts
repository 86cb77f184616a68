/**
 * Writes a suite's results into BENCHMARKS.md (top level). Each suite owns one section between
 * markers, so a run of one suite replaces its own section and leaves the others (issue 7's sync
 * suites) as they were.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Machine } from './machine';
import { HEADER, rows, type SuiteResult } from './report';

const INTRO = `# Benchmarks

Figures from \`npm run bench\` (tests/bench/run.ts): each section is rewritten by the last run of
its suite, with the machine it ran on. Targets come from the issues; "missed" is reported, never a
failed run. Run one suite with \`npm run bench -- --suite <id>\`; \`--no-write\` leaves this file alone.
`;

const escapeCell = (s: string) => s.replace(/\|/g, '\\|');

export function renderSection(result: SuiteResult, machine: Machine, date: Date): string {
  const env = machine;
  const lines = [
    `<!-- bench:${result.id}:start -->`,
    `## ${result.title}`,
    '',
    `Run ${date.toISOString().replace(/\.\d+Z$/, 'Z')} in ${(result.durationMs / 1000).toFixed(0)} s on: ${env.cpu}, ${env.cpus} CPUs, ${env.memory} memory, ${env.os}, Node ${env.node}` +
      Object.entries(result.environment)
        .map(([k, v]) => `, ${k} ${v}`)
        .join('') +
      '.',
    '',
    `| ${HEADER.join(' | ')} |`,
    `| ${HEADER.map(() => '---').join(' | ')} |`,
    ...rows(result).map((r) => `| ${r.map(escapeCell).join(' | ')} |`),
    '',
    ...result.figures.filter((f) => f.note).map((f) => `- ${f.label}: ${f.note}`),
    ...result.notes.map((n) => `- ${n}`),
    `<!-- bench:${result.id}:end -->`,
  ];
  return lines.join('\n');
}

/** Replaces (or appends) the suite's section of the file at `path`. */
export function writeSection(path: string, section: string, id: string): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : INTRO;
  const start = `<!-- bench:${id}:start -->`;
  const end = `<!-- bench:${id}:end -->`;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? current.slice(0, from) + section + current.slice(to + end.length)
      : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, next.endsWith('\n') ? next : `${next}\n`);
}
