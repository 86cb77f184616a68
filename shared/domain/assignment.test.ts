import { describe, expect, it } from 'vitest';
import { AssignPlanRequest, AssignmentPatch, BulkAssignRequest, PlanAssignment, assignmentId } from './assignment';
import { Id } from './common';

const athlete = '3f1c2a4e-9b7d-4c1e-8a2b-5d6e7f801234';
const plan = '7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d';

describe('assignment ids', () => {
  it('are deterministic: the same athlete, plan and start always name the same document', () => {
    expect(assignmentId(athlete, plan, '2026-12-07')).toBe(assignmentId(athlete, plan, '2026-12-07'));
  });

  it('ignore the case of the ids', () => {
    expect(assignmentId(athlete.toUpperCase(), plan, '2026-12-07')).toBe(assignmentId(athlete, plan.toUpperCase(), '2026-12-07'));
  });

  it('are valid UUIDs (version 8, RFC variant) the Id schema accepts', () => {
    for (let i = 0; i < 200; i++) {
      const id = assignmentId(athlete, plan, `2026-01-${String((i % 28) + 1).padStart(2, '0')}${i >= 28 ? `-${i}` : ''}`);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Id.safeParse(id).success).toBe(true);
    }
  });

  it('differ for a different athlete, plan or start, also for swapped parts and neighbouring dates', () => {
    const ids = new Set<string>();
    const athletes = [athlete, '3f1c2a4e-9b7d-4c1e-8a2b-5d6e7f801235'];
    const plans = [plan, '7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0e'];
    const starts = Array.from({ length: 366 }, (_, i) => new Date(Date.UTC(2028, 0, 1 + i)).toISOString().slice(0, 10));
    for (const a of athletes) for (const p of plans) for (const s of starts) ids.add(assignmentId(a, p, s));
    expect(ids.size).toBe(athletes.length * plans.length * starts.length);
    expect(assignmentId(athlete, plan, '2026-12-07')).not.toBe(assignmentId(plan, athlete, '2026-12-07'));
  });
});

describe('assignment schemas', () => {
  const row = {
    id: assignmentId(athlete, plan, '2026-12-07'),
    athlete_id: athlete,
    training_plan_id: plan,
    start_date: '2026-12-07',
    ended_on: null,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
  };

  it('accepts an assignment with real dates only', () => {
    expect(PlanAssignment.safeParse(row).success).toBe(true);
    expect(PlanAssignment.safeParse({ ...row, start_date: '2024-02-29', ended_on: '2024-03-04' }).success).toBe(true);
    expect(PlanAssignment.safeParse({ ...row, start_date: '2025-02-29' }).success).toBe(false);
    expect(PlanAssignment.safeParse({ ...row, ended_on: '07/12/2026' }).success).toBe(false);
  });

  it('reads the request bodies', () => {
    expect(AssignPlanRequest.safeParse({ training_plan_id: plan, start_date: '2026-12-07' }).success).toBe(true);
    expect(AssignPlanRequest.safeParse({ training_plan_id: plan, start_date: 'tomorrow' }).success).toBe(false);
    expect(AssignmentPatch.safeParse({ ended_on: null }).success).toBe(true);
    expect(AssignmentPatch.safeParse({}).success).toBe(false);
    expect(BulkAssignRequest.safeParse({ training_plan_id: plan, start_date: '2026-12-07', athlete_ids: [athlete] }).success).toBe(true);
    expect(BulkAssignRequest.safeParse({ training_plan_id: plan, start_date: '2026-12-07', group_id: athlete }).success).toBe(true);
    expect(BulkAssignRequest.safeParse({ training_plan_id: plan, start_date: '2026-12-07' }).error?.issues[0]?.message).toBe('give either athlete_ids or group_id');
    expect(BulkAssignRequest.safeParse({ training_plan_id: plan, start_date: '2026-12-07', athlete_ids: [athlete], group_id: athlete }).success).toBe(false);
    expect(BulkAssignRequest.safeParse({ training_plan_id: plan, start_date: '2026-12-07', athlete_ids: [] }).success).toBe(false);
  });
});
