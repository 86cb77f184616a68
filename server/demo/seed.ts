/**
 * The demo organization ("Demo Running Club") for ASTRAL_DEMO=1 on an empty database: a head
 * coach, two coaches, 44 athletes with varied statuses, levels, labels, notes and coaches, four
 * groups, a plan library (demo/plans.ts) with assignments dated around the seed day, 16 weeks of
 * activities with the attention signals they raise (demo/activities.ts), and a user with no
 * organization. Names come from demo/roster.ts and attributes from a seeded PRNG, so every
 * run produces the same roster (ids are random).
 */
import { randomUUID } from 'node:crypto';
import { assignmentId, type PlanAssignment } from '../../shared/domain/assignment';
import type { Athlete } from '../../shared/domain/athlete';
import type { Group } from '../../shared/domain/group';
import type { User } from '../../shared/domain/organization';
import type { TrainingPlan } from '../../shared/domain/plan';
import { addDays, mondayOf, todayIn } from '../../shared/schedule/dates';
import { hashPassword, type ScryptParams } from '../auth/password';
import { insertUser } from '../auth/users';
import type { Db } from '../db/db';
import { coachMembership } from '../orgs/organizations';
import type { DocumentStore, OrgWriter } from '../sync/store';
import { evaluateAthletes } from '../signals/evaluate';
import { demoTraining } from './activities';
import { DEMO_ASSIGNMENTS, DEMO_PLANS, type DemoPlanKey } from './plans';
import { DEMO_ATHLETES, DEMO_COACHES, DEMO_FREE_AGENT, DEMO_GROUPS, DEMO_LABELS, DEMO_NOTES, DEMO_ORG_NAME, DEMO_TIME_ZONE } from './roster';

/** mulberry32: small, fast, good enough to vary a demo roster deterministically. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').toLowerCase().replace(/[^a-z]/g, '');
const LEVELS = ['beginner', 'intermediate', 'advanced', 'elite'] as const;
const DOMAINS = ['example.com', 'example.org', 'example.net'];

export async function isEmpty(db: Db): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM organizations LIMIT 1');
  return rows.length === 0;
}

export type DemoSeedResult = { orgId: string; athletes: number };

export async function seedDemo(store: DocumentStore, password: string, scrypt?: ScryptParams): Promise<DemoSeedResult> {
  const rand = seededRandom(20240611);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const orgId = randomUUID();
  const now = new Date().toISOString();
  const hashes = await Promise.all([...DEMO_COACHES, DEMO_FREE_AGENT].map(() => hashPassword(password, scrypt)));

  return store.write(
    orgId,
    async (w) => {
      const coachIds: string[] = [];
      for (const [i, c] of DEMO_COACHES.entries()) {
        const user = await insertUser(w.tx, { email: c.email, firstName: c.first, lastName: c.last, passwordHash: hashes[i] ?? null });
        const membership = coachMembership(user, c.role, now);
        coachIds.push(membership.id);
        await w.put('coaches', membership);
      }
      await insertUser(w.tx, { email: DEMO_FREE_AGENT.email, firstName: DEMO_FREE_AGENT.first, lastName: DEMO_FREE_AGENT.last, passwordHash: hashes[3] ?? null });

      const groups: Group[] = DEMO_GROUPS.map((name) => ({ id: randomUUID(), name, created_at: now, updated_at: now }));
      for (const g of groups) await w.put('groups', g);

      const active: Athlete[] = [];
      for (const [i, [first, last, nickname]] of DEMO_ATHLETES.entries()) {
        const user: User = await insertUser(w.tx, {
          email: `${ascii(first)}.${ascii(last)}@${DOMAINS[i % DOMAINS.length]}`,
          firstName: first,
          lastName: last,
          passwordHash: null,
        });
        const labels = [...new Set(Array.from({ length: Math.floor(rand() * 4) }, () => pick(DEMO_LABELS)))];
        const status = i % 11 === 5 ? 'suspended' : i % 7 === 3 ? 'inactive' : 'active';
        // Every fourth athlete has no coach yet; the rest are spread over the three coaches.
        const coach_ids = i % 4 === 0 ? [] : [coachIds[i % 3] as string, ...(i % 9 === 1 ? [coachIds[(i + 1) % 3] as string] : [])];
        const group_ids = groups.filter((g, gi) => (gi === 0 && labels.includes('@marathon')) || (gi === 3 && labels.includes('@trail')) || (gi === 1 && i % 5 === 0) || (gi === 2 && labels.includes('@5k'))).map((g) => g.id);
        const athlete: Athlete = {
          id: randomUUID(),
          user_id: user.id,
          first_name: first,
          last_name: last,
          email: user.email,
          display_name: nickname ?? null,
          member_level: i % 13 === 12 ? null : pick(LEVELS),
          labels,
          private_notes: pick(DEMO_NOTES),
          status,
          coach_ids,
          group_ids,
          goal_race: null,
          target_pace_s_per_km: null,
          max_hr: null,
          resting_hr: null,
          integrations: [],
          created_at: now,
          updated_at: now,
        };
        await w.put('athletes', athlete);
        if (status === 'active') active.push(athlete);
      }
      const { plans, assignments } = await seedPlans(w, active, now);
      await seedTraining(w, active, assignments, plans, now, rand);
      return { orgId, athletes: DEMO_ATHLETES.length };
    },
    { id: orgId, name: DEMO_ORG_NAME, timeZone: DEMO_TIME_ZONE },
  );
}

/** The plan library and its assignments, dated from the seed day in the demo's time zone. */
async function seedPlans(w: OrgWriter, athletes: readonly Athlete[], now: string): Promise<{ plans: Map<string, TrainingPlan>; assignments: PlanAssignment[] }> {
  const plans = new Map<DemoPlanKey, TrainingPlan>();
  const assignments: PlanAssignment[] = [];
  for (const p of DEMO_PLANS) {
    const plan: TrainingPlan = { id: randomUUID(), ...p.content, archived: p.archived, created_at: now, updated_at: now };
    plans.set(p.key, plan);
    await w.put('training_plans', plan);
  }
  const monday = mondayOf(todayIn(DEMO_TIME_ZONE));
  for (const a of DEMO_ASSIGNMENTS) {
    const athlete = athletes[a.athlete];
    const plan = plans.get(a.plan);
    if (!athlete || !plan) continue;
    const start = addDays(monday, a.startWeek * 7 + (a.startDay ?? 1) - 1);
    const assignment: PlanAssignment = {
      id: assignmentId(athlete.id, plan.id, start),
      athlete_id: athlete.id,
      training_plan_id: plan.id,
      start_date: start,
      ended_on: a.endedAfter === undefined ? null : addDays(start, a.endedAfter * 7),
      created_at: now,
      updated_at: now,
    };
    await w.put('plan_assignments', assignment);
    assignments.push(assignment);
  }
  return { plans: new Map([...plans.values()].map((p) => [p.id, p])), assignments };
}

/** 16 weeks of activities, wellness series and profile fields (demo/activities.ts), then the signals they raise. */
async function seedTraining(w: OrgWriter, active: readonly Athlete[], assignments: readonly PlanAssignment[], plans: ReadonlyMap<string, TrainingPlan>, now: string, rand: () => number): Promise<void> {
  const today = todayIn(DEMO_TIME_ZONE);
  const training = demoTraining(active, assignments, plans, today, now, rand);
  for (const a of training.athletes) await w.put('athletes', a);
  await w.putMany('activities', training.activities);
  await w.putMany('daily_metrics', training.metrics);
  await evaluateAthletes(w, active.map((a) => a.id), today, now);
}
