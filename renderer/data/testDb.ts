/**
 * Test helpers (imported by *.test.ts only): a database on RxDB's memory storage with dev-mode
 * checks, and sample documents. Never imported by app code, so dev-mode stays out of the build.
 */
import { addRxPlugin } from 'rxdb';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { Athlete } from '../../shared/domain/athlete';
import type { Group } from '../../shared/domain/group';
import type { CoachMembership } from '../../shared/domain/organization';
import type { PlanContent, TrainingPlan } from '../../shared/domain/plan';
import type { NoticeDraft } from './conflicts';
import type { SyncCollection } from '../../shared/sync/protocol';
import { openAstralDatabase, validatedStorage, type AstralData } from './database';
import type { AnyRxStorage } from './validatedStorage';

let devMode = false;
let counter = 0;

/**
 * The collections a test database has unless a test asks for others: the roster and plan ones.
 * Two clients in one process must stay under RxDB's 13 open collections (DESIGN.md).
 */
export const TEST_COLLECTIONS: readonly SyncCollection[] = ['athletes', 'coaches', 'groups', 'training_plans', 'plan_assignments'];

/** `storage`: another base storage than RxDB's memory one (validated like the app's). */
export async function openTestDatabase(
  collections: readonly SyncCollection[] = TEST_COLLECTIONS,
  options: { storage?: AnyRxStorage } = {},
): Promise<AstralData & { notices: NoticeDraft[] }> {
  if (!devMode) {
    devMode = true;
    disableWarnings();
    addRxPlugin(RxDBDevModePlugin);
  }
  const notices: NoticeDraft[] = [];
  const data = await openAstralDatabase({
    name: `astral-test-${Date.now().toString(36)}-${counter++}`,
    storage: validatedStorage(options.storage ?? getRxStorageMemory()),
    multiInstance: false,
    collections,
    onNotice: (n) => notices.push(n),
  });
  return { ...data, notices };
}

export const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export function sampleAthlete(n: number, patch: Partial<Athlete> = {}): Athlete {
  return {
    id: uuid(n),
    user_id: uuid(10_000 + n),
    first_name: 'Ada',
    last_name: `Runner${n}`,
    email: `ada${n}@example.test`,
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

export function sampleCoach(n: number, patch: Partial<CoachMembership> = {}): CoachMembership {
  return {
    id: uuid(20_000 + n),
    user_id: uuid(30_000 + n),
    first_name: 'Coach',
    last_name: `Number${n}`,
    email: `coach${n}@example.test`,
    role: 'coach',
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    ...patch,
  };
}

export function sampleContent(patch: Partial<PlanContent> = {}): PlanContent {
  return {
    name: 'Marathon base',
    description: 'Aerobic base before the marathon block.',
    level: 'intermediate',
    weeks: 4,
    sessions: [
      { week: 1, day: 2, kind: 'easy', distance_m: 8000, duration_s: null, target_pace_s_per_km: 330, effort_rpe: null, note: '' },
      { week: 1, day: 7, kind: 'long_run', distance_m: 18000, duration_s: null, target_pace_s_per_km: null, effort_rpe: 5, note: 'Flat route' },
      { week: 2, day: 4, kind: 'tempo', distance_m: null, duration_s: 2400, target_pace_s_per_km: 270, effort_rpe: null, note: '' },
    ],
    ...patch,
  };
}

export function samplePlan(n: number, patch: Partial<TrainingPlan> = {}): TrainingPlan {
  return { id: uuid(40_000 + n), ...sampleContent(), archived: false, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', ...patch };
}

export function sampleGroup(n: number, patch: Partial<Group> = {}): Group {
  return { id: uuid(50_000 + n), name: `Group ${n}`, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', ...patch };
}
