import { describe, expect, it } from 'vitest';
import type { WithDeleted } from 'rxdb';
import type { Athlete } from '../../shared/domain/athlete';
import { TrainingPlan } from '../../shared/domain/plan';
import { createAthleteConflicts, createSyncConflicts, formatFieldValue, type NoticeDraft } from './conflicts';
import { noticeLinkLabel, noticeRoute } from './noticeWords';
import { sampleAthlete, samplePlan, uuid } from './testDb';

const state = (patch: Partial<Athlete> = {}): WithDeleted<Athlete> => ({ ...sampleAthlete(1, { first_name: 'Ada', last_name: 'Runner' }), ...patch, _deleted: false });

function setup() {
  const notices: NoticeDraft[] = [];
  return { notices, conflicts: createAthleteConflicts((n) => notices.push(n)) };
}

describe('athletes conflict handler', () => {
  it('ignores server-written timestamps when comparing states', () => {
    const { conflicts } = setup();
    expect(conflicts.handler.isEqual(state(), state({ updated_at: '2027-01-01T00:00:00.000Z' }), 'test')).toBe(true);
    expect(conflicts.handler.isEqual(state(), state({ status: 'inactive' }), 'test')).toBe(false);
  });

  it('keeps both edits when they touched different fields, merging labels as sets', async () => {
    const { conflicts, notices } = setup();
    const base = state({ labels: ['@a'] });
    const resolved = await conflicts.handler.resolve(
      {
        assumedMasterState: base,
        newDocumentState: state({ labels: ['@a', '@mine'], display_name: 'Speedy' }),
        realMasterState: state({ labels: ['@theirs'], member_level: 'elite' }),
      },
      'test',
    );
    expect(resolved).toMatchObject({ display_name: 'Speedy', member_level: 'elite', labels: ['@theirs', '@mine'] });
    expect(notices).toEqual([]);
  });

  it('without a base (pushed as new while the server has it), keeps the server copy silently when they agree and tells the coach when not', async () => {
    const { conflicts, notices } = setup();
    expect(await conflicts.handler.resolve({ newDocumentState: state({ updated_at: '2030-01-01T00:00:00.000Z' }), realMasterState: state() }, 'test')).toMatchObject({ display_name: null });
    expect(notices).toEqual([]);
    const resolved = await conflicts.handler.resolve({ newDocumentState: state({ display_name: 'Speedy' }), realMasterState: state() }, 'test');
    expect(resolved.display_name).toBeNull();
    expect(notices.map((n) => [n.kind, n.message])).toEqual([
      ['clash', 'Your change to Display name ("Speedy") for Ada Runner was not kept: the server already had it, and its version is shown.'],
    ]);
  });

  it('keeps the server value on a same-field clash and tells the coach', async () => {
    const { conflicts, notices } = setup();
    const resolved = await conflicts.handler.resolve(
      { assumedMasterState: state(), newDocumentState: state({ status: 'inactive' }), realMasterState: state({ status: 'suspended' }) },
      'test',
    );
    expect(resolved.status).toBe('suspended');
    expect(notices).toEqual([
      {
        kind: 'clash',
        athleteId: uuid(1),
        route: `/athletes/${uuid(1)}`,
        title: 'Edit replaced by the server',
        message: `Your change to Status ("Inactive") for Ada Runner was replaced by the server's value ("Suspended").`,
      },
    ]);
  });

  it('resolves a row refused without a field to the master state and lists every dropped edit', async () => {
    const { conflicts, notices } = setup();
    const master = state({ member_level: 'club' });
    conflicts.noteRejections([uuid(1)], [{ id: uuid(1), code: 'invalid', message: 'The row is not valid.' }]);
    const resolved = await conflicts.handler.resolve(
      { assumedMasterState: state(), newDocumentState: state({ coach_ids: [uuid(9)], display_name: 'Speedy' }), realMasterState: master },
      'test',
    );
    expect(resolved).toEqual(master);
    expect(notices.map((n) => n.message)).toEqual([
      `Your change to Display name ("Speedy"), Assigned coaches ("${uuid(9)}") for Ada Runner was refused: The row is not valid. The server's version is shown again.`,
    ]);
    // The rejection is used once: a later conflict of the same athlete merges normally.
    const later = await conflicts.handler.resolve(
      { assumedMasterState: master, newDocumentState: { ...master, display_name: 'Speedy' }, realMasterState: { ...master, member_level: 'elite' } },
      'test',
    );
    expect(later).toMatchObject({ display_name: 'Speedy', member_level: 'elite' });
  });

  it('drops only the refused field of a row and keeps the other edits', async () => {
    const { conflicts, notices } = setup();
    conflicts.noteRejections(
      [uuid(1)],
      [{ id: uuid(1), code: 'forbidden', field: 'coach_ids', message: 'Only the head coach can change assigned coaches.' }],
    );
    const resolved = await conflicts.handler.resolve(
      {
        assumedMasterState: state(),
        newDocumentState: state({ coach_ids: [uuid(9)], display_name: 'Speedy' }),
        realMasterState: state({ member_level: 'club' }),
      },
      'test',
    );
    expect(resolved).toMatchObject({ coach_ids: [], display_name: 'Speedy', member_level: 'club' });
    expect(notices.map((n) => n.message)).toEqual([
      `Your change to Assigned coaches ("${uuid(9)}") for Ada Runner was refused: Only the head coach can change assigned coaches. Your other changes are kept.`,
    ]);
  });

  it('removes a refused row the server has no copy of, with a notice', async () => {
    const { conflicts, notices } = setup();
    conflicts.noteRejections([uuid(1)], [{ id: uuid(1), code: 'not_found', message: 'No such athlete in this organization.' }]);
    // The push handler answers a deleted copy of the pushed row as the master.
    const resolved = await conflicts.handler.resolve(
      { assumedMasterState: state(), newDocumentState: state({ display_name: 'A' }), realMasterState: { ...state({ display_name: 'A' }), _deleted: true } },
      'test',
    );
    expect(resolved._deleted).toBe(true);
    expect(notices.map((n) => [n.kind, n.message])).toEqual([
      [
        'refusal',
        `Your change to Display name ("A") for Ada Runner was refused: No such athlete in this organization. The athlete is not in your organization on the server and was removed from this device.`,
      ],
    ]);
  });

  it('tells the coach when the athlete was removed on the server', async () => {
    const { conflicts, notices } = setup();
    const resolved = await conflicts.handler.resolve(
      { assumedMasterState: state(), newDocumentState: state({ display_name: 'A' }), realMasterState: { ...state(), _deleted: true } },
      'test',
    );
    expect(resolved._deleted).toBe(true);
    expect(notices[0]?.kind).toBe('removed');
  });

  it('formats values for messages', () => {
    expect(formatFieldValue('display_name', null)).toBe('empty');
    expect(formatFieldValue('labels', ['@a', '@b'])).toBe('"@a, @b"');
    expect(formatFieldValue('private_notes', 'x'.repeat(100))).toHaveLength(62);
  });
});

describe('conflict handling of plans (the same rules, other words)', () => {
  const plan = (patch: Partial<TrainingPlan> = {}): WithDeleted<TrainingPlan> => ({ ...samplePlan(1), ...patch, _deleted: false });
  function plans() {
    const notices: NoticeDraft[] = [];
    return { notices, conflicts: createSyncConflicts((n) => notices.push(n)).training_plans };
  }

  it('names the plan and formats its values in clash notices', async () => {
    const { conflicts, notices } = plans();
    const resolved = await conflicts.handler.resolve(
      { assumedMasterState: plan(), newDocumentState: plan({ weeks: 6, archived: true, level: 'advanced' }), realMasterState: plan({ weeks: 8, archived: false, level: 'beginner', description: 'theirs' }) },
      'test',
    );
    expect(resolved).toMatchObject({ weeks: 8, archived: true, level: 'beginner', description: 'theirs' });
    expect(notices.map((n) => n.message)).toEqual([
      `Your change to Level ("Advanced") for the plan Marathon base was replaced by the server's value ("Beginner").`,
      `Your change to Length (6 weeks) for the plan Marathon base was replaced by the server's value (8 weeks).`,
    ]);
    expect(notices[0]).toMatchObject({ route: `/plans/${samplePlan(1).id}` });
    expect(notices[0]?.athleteId).toBeUndefined();
  });

  it('says a refused new plan was removed and links to the library, and a refused deletion brings the plan back', async () => {
    const { conflicts, notices } = plans();
    conflicts.noteRejections([samplePlan(1).id], [{ id: samplePlan(1).id, code: 'forbidden', message: 'Not allowed' }]);
    const created = await conflicts.handler.resolve(
      { assumedMasterState: undefined, newDocumentState: plan(), realMasterState: { ...plan(), _deleted: true } },
      'test',
    );
    expect(created._deleted).toBe(true);
    conflicts.noteRejections([samplePlan(1).id], [{ id: samplePlan(1).id, code: 'conflict', message: 'Marathon base is assigned to 3 athletes: archive it instead.' }]);
    const deleted = await conflicts.handler.resolve({ assumedMasterState: plan(), newDocumentState: { ...plan(), _deleted: true }, realMasterState: plan() }, 'test');
    expect(deleted._deleted).toBe(false);
    expect(notices.map((n) => [n.message, n.route])).toEqual([
      ['Creating the plan Marathon base was refused: Not allowed. The plan was removed from this device.', '/plans'],
      ['Deleting the plan Marathon base was refused: Marathon base is assigned to 3 athletes: archive it instead. The plan is shown again.', `/plans/${samplePlan(1).id}`],
    ]);
  });

  it('merges weeks and sessions as one: a shortened plan against a session edit on the server keeps a valid plan, one notice', async () => {
    const { conflicts, notices } = plans();
    const p = plan();
    const local = plan({ name: 'Short base', weeks: 1, sessions: p.sessions.filter((s) => s.week === 1) });
    const master = plan({ sessions: p.sessions.map((s) => (s.week === 2 ? { ...s, note: 'B' } : s)) });
    const resolved = await conflicts.handler.resolve({ assumedMasterState: p, newDocumentState: local, realMasterState: master }, 'test');
    expect(resolved).toMatchObject({ name: 'Short base', weeks: master.weeks, sessions: master.sessions });
    expect(TrainingPlan.safeParse(resolved).success).toBe(true);
    expect(notices).toHaveLength(1);
  });

  it('resets a refused nested field by its top-level name and keeps the other edits', async () => {
    const { conflicts, notices } = plans();
    const p = plan();
    conflicts.noteRejections([p.id], [{ id: p.id, code: 'invalid', field: 'sessions.0.week', message: 'sessions.0.week: week is past the end of the plan' }]);
    const local = plan({ name: 'Renamed', sessions: p.sessions.map((s, i) => (i === 0 ? { ...s, week: 99 } : s)) });
    const resolved = await conflicts.handler.resolve({ assumedMasterState: p, newDocumentState: local, realMasterState: p }, 'test');
    expect(resolved).toMatchObject({ name: 'Renamed', sessions: p.sessions });
    expect(TrainingPlan.safeParse(resolved).success).toBe(true);
    expect(notices.map((n) => n.kind)).toEqual(['refusal']);
  });

  it('keeps a local deletion over other edits on the server, and tells when an edited plan was deleted there', async () => {
    const { conflicts, notices } = plans();
    const gone = await conflicts.handler.resolve({ assumedMasterState: plan(), newDocumentState: { ...plan(), _deleted: true }, realMasterState: plan({ name: 'Renamed' }) }, 'test');
    expect(gone._deleted).toBe(true);
    expect(notices).toEqual([]);
    await conflicts.handler.resolve({ assumedMasterState: plan(), newDocumentState: plan({ weeks: 2 }), realMasterState: { ...plan(), _deleted: true } }, 'test');
    expect(notices).toEqual([
      { kind: 'removed', title: 'Plan deleted', message: 'Your change to the plan Marathon base was not kept: the plan was deleted.', route: `/plans/${samplePlan(1).id}` },
    ]);
  });
});

describe('where a notice links to', () => {
  it('uses the route, or the athlete of a notice stored before routes existed', () => {
    expect(noticeRoute({ route: '/plans/x' })).toBe('/plans/x');
    expect(noticeRoute({ athleteId: uuid(1) })).toBe(`/athletes/${uuid(1)}`);
    expect(noticeRoute({})).toBeNull();
    expect(noticeLinkLabel({ athleteId: uuid(1) })).toBe('Open athlete');
    expect(noticeLinkLabel({ route: '/plans' })).toBe('Open plan');
    expect(noticeLinkLabel({ route: '/groups' })).toBe('Open groups');
  });
});
