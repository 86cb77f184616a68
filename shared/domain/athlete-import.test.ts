import { describe, expect, it } from 'vitest';
import { serializeCsv } from '../csv/csv';
import type { Athlete } from './athlete';
import { MAX_IMPORT_ROWS, ROSTER_CSV_HEADERS, planAthleteImportFromCsv, type AthleteImportPlan } from './athlete-import';

const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

function athlete(n: number, patch: Partial<Athlete> = {}): Athlete {
  return {
    id: id(n),
    user_id: id(1000 + n),
    first_name: 'Zoë',
    last_name: `Martin${n}`,
    email: `zoe${n}@example.test`,
    display_name: null,
    member_level: null,
    labels: [],
    private_notes: '',
    status: 'active',
    coach_ids: [],
    group_ids: [],
    goal_race: null,
    target_pace_s_per_km: null,
    max_hr: null,
    resting_hr: null,
    integrations: [],
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    ...patch,
  };
}

const roster = [athlete(1, { labels: ['@marathon'], member_level: 'Elite' }), athlete(2), athlete(3, { display_name: 'Speedy' })];

function plan(csv: string, athletes: readonly Athlete[] = roster): AthleteImportPlan {
  const result = planAthleteImportFromCsv(csv, athletes);
  if (!result.ok) throw new Error(result.error.message);
  return result.plan;
}

function failure(csv: string, athletes: readonly Athlete[] = roster) {
  const result = planAthleteImportFromCsv(csv, athletes);
  if (result.ok) throw new Error('expected the import to be refused');
  return result.error;
}

describe('planAthleteImportFromCsv', () => {
  it('lists per row what would change, matched by email, case-insensitive headers', () => {
    const p = plan(
      'EMAIL,display name,Member_Level,labels,STATUS,Private notes\n' +
        'ZOE1@example.test,Zee,Elite,"@marathon, Injury Watch",inactive,"line 1\r\nline 2"\n' +
        'zoe2@example.test,,,,Active,\n',
    );
    expect(p.columns).toEqual({
      imported: ['display_name', 'member_level', 'labels', 'status', 'private_notes'],
      matchBy: ['email'],
      notImported: [],
      unknown: [],
    });
    expect(p.rows[0]).toEqual({
      line: 2,
      athlete: { id: id(1), name: 'Zoë Martin1' },
      changes: [
        { field: 'display_name', from: null, to: 'Zee' },
        { field: 'labels', from: ['@marathon'], to: ['@marathon', '@injury-watch'] },
        { field: 'status', from: 'active', to: 'inactive' },
        { field: 'private_notes', from: '', to: 'line 1\nline 2' },
      ],
      errors: [],
      warnings: [],
      patch: { display_name: 'Zee', labels: ['@marathon', '@injury-watch'], status: 'inactive', private_notes: 'line 1\nline 2' },
    });
    expect(p.rows[1]).toMatchObject({ line: 4, changes: [], errors: [], patch: {} });
    expect(p.summary).toEqual({ rows: 2, toUpdate: 1, unchanged: 1, withErrors: 0, withWarnings: 0 });
  });

  it('reads its own export back without changes (guarded @labels, ; delimiter, BOM)', () => {
    const rows = [
      [...ROSTER_CSV_HEADERS],
      ['Zoë Martin1', 'Zoë', 'Martin1', 'zoe1@example.test', '', 'Elite', '@marathon', 'Active', 'Track', 'Helen', ''],
      ['Speedy', 'Zoë', 'Martin3', 'zoe3@example.test', 'Speedy', '', '', 'Active', '', '', ''],
    ];
    for (const delimiter of [',', ';'] as const) {
      const p = plan(serializeCsv(rows, { delimiter, bom: true }));
      expect(p.summary).toEqual({ rows: 2, toUpdate: 0, unchanged: 2, withErrors: 0, withWarnings: 0 });
      expect(p.columns.notImported).toEqual(['Name', 'First name', 'Last name', 'Groups', 'Coaches']);
    }
  });

  it('clears values with empty cells and treats labels as a set', () => {
    const p = plan('Email,Member level,Labels\nzoe1@example.test,,@marathon\n');
    expect(p.rows[0]?.changes).toEqual([{ field: 'member_level', from: 'Elite', to: null }]);
    const q = plan('Email,Labels\nzoe1@example.test,\n');
    expect(q.rows[0]?.changes).toEqual([{ field: 'labels', from: ['@marathon'], to: [] }]);
    const r = plan('Email,Labels\nzoe1@example.test,@a @marathon\n');
    expect(r.rows[0]?.patch).toEqual({ labels: ['@a', '@marathon'] });
  });

  it('matches by an id column first, and warns about account fields that differ', () => {
    const p = plan(`id,Email,First name,Last name,Name,Display name\n${id(2)},other@example.test,Zoe,Martin2,Someone Else,New\n`);
    const row = p.rows[0];
    expect(row?.athlete?.id).toBe(id(2));
    expect(row?.changes).toEqual([{ field: 'display_name', from: null, to: 'New' }]);
    expect(row?.errors).toEqual([]);
    expect(row?.warnings.map((w) => w.field)).toEqual(['first_name', 'email', 'name']);
    expect(row?.warnings[0]?.message).toMatch(/First name is not imported.*file: "Zoe", roster: "Zoë"/);
    expect(p.summary.withWarnings).toBe(1);
    // A name that matches the new display name is not a warning.
    expect(plan(`Email,Name,Display name\nzoe2@example.test,New,New\n`).rows[0]?.warnings).toEqual([]);
  });

  it('reports unknown emails and ids, rows without an email, and invalid values', () => {
    const p = plan(
      'Email,id,Display name,Status,Labels,Member level\n' +
        'nobody@example.test,,X,active,,\n' +
        `,${id(99)},X,active,,\n` +
        ',,X,active,,\n' +
        `zoe2@example.test,,${'x'.repeat(81)},retired,"@ok, @bad label!",ok\n`,
    );
    expect(p.rows.map((r) => r.errors.map((e) => e.field))).toEqual([['email'], ['id'], ['email'], ['display_name', 'labels', 'status']]);
    expect(p.rows[0]?.errors[0]?.message).toMatch(/No athlete with email nobody@example.test/);
    const bad = p.rows[3];
    expect(bad?.errors[0]?.message).toMatch(/Display name: must be at most 80 characters/);
    expect(bad?.errors[1]?.message).toMatch(/Labels \(@bad-label!\)/);
    expect(bad?.errors[2]?.message).toMatch(/Status must be Active, Inactive or Suspended \(not "retired"\)/);
    // The valid field of an invalid row is still shown, but the row is not counted as an update.
    expect(bad?.changes).toEqual([{ field: 'member_level', from: null, to: 'ok' }]);
    expect(p.summary).toMatchObject({ rows: 4, toUpdate: 0, withErrors: 4 });
  });

  it('refuses every row of an athlete who appears twice', () => {
    const p = plan('Email,Status\nzoe1@example.test,inactive\nzoe2@example.test,inactive\nZOE1@example.test,suspended\n');
    expect(p.rows[0]?.errors[0]?.message).toMatch(/also on line 4; keep one row per athlete/);
    expect(p.rows[2]?.errors[0]?.message).toMatch(/also on line 2/);
    expect(p.rows[1]?.errors).toEqual([]);
    expect(p.summary).toMatchObject({ toUpdate: 1, withErrors: 2 });
  });

  it('lists unknown columns once, skips blank lines, refuses a ragged row', () => {
    const p = plan('Email,Shoe size,Status,\nzoe1@example.test,44,inactive,\n,,,\nzoe2@example.test,inactive\n');
    expect(p.columns.unknown).toEqual(['Shoe size']);
    expect(p.rows).toHaveLength(2);
    expect(p.rows[1]?.errors[0]?.message).toMatch(/2 values but the header has 4/);
  });

  it('undoes the formula guard on import', () => {
    const p = plan(serializeCsv([['Email', 'Display name'], ['zoe2@example.test', '=1+1']]));
    expect(p.rows[0]?.patch).toEqual({ display_name: '=1+1' });
  });

  it('refuses files it cannot plan, with a reason', () => {
    expect(failure('').message).toMatch(/empty/);
    expect(failure('Display name,Status\nx,active\n').message).toMatch(/needs an Email column/);
    expect(failure('Email,First name\nzoe1@example.test,Zoë\n').message).toMatch(/no column that can be imported/);
    expect(failure('Email,Status,email\n')).toMatchObject({ line: 1, message: expect.stringMatching(/appears twice/) });
    expect(failure('Email,Status\n').message).toMatch(/no athletes/);
    expect(failure('Email,Status\nzoe1@example.test,"active\n')).toEqual({ line: 2, message: expect.stringMatching(/^Line 2/) });
    const many = 'Email,Status\n' + 'zoe1@example.test,active\n'.repeat(MAX_IMPORT_ROWS + 1);
    expect(failure(many).message).toMatch(/5,001 rows; at most 5,000/);
    const big = 'Email,Private notes\n' + `zoe1@example.test,${'x'.repeat(2 * 1024 * 1024)}\n`;
    expect(failure(big).message).toMatch(/at most 2 MB/);
  });

  it('plans 5,000 rows against 10,000 athletes quickly enough for a preview', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => athlete(i + 1));
    const rows = [['Email', 'Labels', 'Status']];
    for (let i = 1; i <= MAX_IMPORT_ROWS; i++) rows.push([`zoe${i}@example.test`, '@bulk', i % 2 ? 'inactive' : 'active']);
    const p = plan(serializeCsv(rows), many);
    expect(p.summary).toMatchObject({ rows: 5000, toUpdate: 5000, withErrors: 0 });
  });
});
