/**
 * Weekly running distance, 16 calendar weeks, as an SVG bar chart drawn here (no chart library):
 * y axis in the coach's unit, week-start labels, the current week drawn hatched and labelled
 * "so far", each bar's value on hover (<title>). Accessible: role="img" with a summary, and the
 * same numbers in a visually hidden table.
 */
import { Table, VisuallyHidden } from '@mantine/core';
import type { WeekDistance } from '../../../shared/training/trend';
import { formatDistance, type DistanceUnits } from '../../../shared/training/units';
import { formatDate } from '../../ui/dates';
import { niceStep, unitMeters } from './format';

const W = 640;
const H = 220;
const M = { top: 14, right: 8, bottom: 40, left: 46 };

const shortDay = (date: string) => formatDate(date, { year: false }).slice(4); // "12 Oct"

export function WeeklyChart({ weeks, units }: { weeks: readonly WeekDistance[]; units: DistanceUnits }) {
  const per = unitMeters(units);
  const values = weeks.map((w) => w.distance_m / per);
  const step = niceStep(Math.max(...values, 0));
  const top = Math.max(step * Math.ceil(Math.max(...values, 0) / step), step);
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const slot = plotW / Math.max(weeks.length, 1);
  const barW = Math.min(28, slot * 0.7);
  const y = (v: number) => M.top + plotH - (v / top) * plotH;
  const last = weeks.length - 1;
  const done = weeks.slice(0, last);
  const avg = done.length ? done.reduce((s, w) => s + w.distance_m, 0) / done.length : 0;
  const peak = done.reduce<WeekDistance | null>((b, w) => (b === null || w.distance_m > b.distance_m ? w : b), null);
  const current = weeks[last];
  const summary =
    `Weekly running distance over ${weeks.length} weeks: average ${formatDistance(avg, units)} per full week` +
    (peak ? `, highest ${formatDistance(peak.distance_m, units)} in the week of ${formatDate(peak.week_start, { year: false })}` : '') +
    (current ? `, this week so far ${formatDistance(current.distance_m, units)}.` : '.');

  return (
    <>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={summary} style={{ display: 'block', maxHeight: 260 }}>
        <defs>
          <pattern id="partial-week" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="var(--mantine-color-blue-2)" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="var(--mantine-color-blue-6)" strokeWidth="3" />
          </pattern>
        </defs>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="var(--mantine-color-gray-3)" strokeDasharray={t === 0 ? undefined : '3 3'} />
            <text x={M.left - 6} y={y(t) + 4} textAnchor="end" fontSize="11" fill="var(--mantine-color-dimmed)">
              {Number.isInteger(t) ? t : t.toFixed(1)}
            </text>
          </g>
        ))}
        <text x={12} y={M.top + plotH / 2} fontSize="11" fill="var(--mantine-color-dimmed)" textAnchor="middle" transform={`rotate(-90 12 ${M.top + plotH / 2})`}>
          {units} per week
        </text>
        {weeks.map((w, i) => {
          const v = values[i] ?? 0;
          const x = M.left + i * slot + (slot - barW) / 2;
          const partial = i === last;
          const label = `Week of ${formatDate(w.week_start, { year: false })}${partial ? ' (this week, so far)' : ''}: ${formatDistance(w.distance_m, units)}, ${w.runs} run${w.runs === 1 ? '' : 's'}`;
          return (
            <g key={w.week_start} data-week={w.week_start}>
              <title>{label}</title>
              {/* a full-height hover target, so an empty week still shows its value */}
              <rect x={M.left + i * slot} y={M.top} width={slot} height={plotH} fill="transparent" />
              <rect
                x={x}
                y={y(v)}
                width={barW}
                height={Math.max(y(0) - y(v), v > 0 ? 1 : 0)}
                rx={2}
                fill={partial ? 'url(#partial-week)' : 'var(--mantine-color-blue-6)'}
                stroke={partial ? 'var(--mantine-color-blue-6)' : 'none'}
              />
              {(i % 2 === last % 2 || weeks.length <= 8) && (
                <text x={x + barW / 2} y={H - M.bottom + 15} textAnchor="middle" fontSize="10.5" fill="var(--mantine-color-dimmed)">
                  {partial ? 'This wk' : shortDay(w.week_start)}
                </text>
              )}
              {partial && (
                <text x={x + barW / 2} y={H - M.bottom + 28} textAnchor="middle" fontSize="10" fill="var(--mantine-color-blue-7)">
                  so far
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <VisuallyHidden>
        <Table>
          <caption>Weekly running distance ({units})</caption>
          <thead>
            <tr>
              <th>Week starting</th>
              <th>Distance</th>
              <th>Runs</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w, i) => (
              <tr key={w.week_start}>
                <td>
                  {formatDate(w.week_start)}
                  {i === last ? ' (this week, so far)' : ''}
                </td>
                <td>{formatDistance(w.distance_m, units)}</td>
                <td>{w.runs}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </VisuallyHidden>
    </>
  );
}
