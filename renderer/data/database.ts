/**
 * The app's one local database: RxDB on Dexie (IndexedDB), one database per server + user +
 * organization, so two accounts or organizations on one machine never share documents.
 *
 * Collections (9 of RxDB's 13-per-process limit; the app stays at <= 10): athletes, groups,
 * training_plans, plan_assignments, invitations, activities, daily_metrics and attention_signals
 * (edited here, pushed, each with its conflict handler), coaches (read-only copy of the server).
 * Tests that run two clients in one process open a subset (`collections`) to stay under 13. Local documents hold sync bookkeeping (syncStatus.ts).
 * Storage is validated with z-schema (validatedStorage.ts: local writes, not the server's pulled documents).
 * dev-mode is never loaded here (it fetches an iframe from the internet); tests add it themselves.
 * Only modules in renderer/data/ create or configure the database.
 */
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Activity, DailyMetric } from '../../shared/domain/activity';
import { EMPTY_PROFILE_FIELDS, type Athlete } from '../../shared/domain/athlete';
import type { Invitation } from '../../shared/domain/invitation';
import type { AttentionSignal } from '../../shared/domain/signal';
import { SYNC_COLLECTIONS, type SyncCollection } from '../../shared/sync/protocol';
import type { PlanAssignment } from '../../shared/domain/assignment';
import type { Group } from '../../shared/domain/group';
import type { TrainingPlan } from '../../shared/domain/plan';
import type { CoachMembership } from '../../shared/domain/organization';
import { createSyncConflicts, serverWinsHandler, type NoticeSink, type SyncConflicts } from './conflicts';
import { hashString, rxdbHash } from './hash';
import { validatedStorage, type AnyRxStorage } from './validatedStorage';
import {
  activitySchema,
  athleteSchema,
  attentionSignalSchema,
  coachSchema,
  dailyMetricSchema,
  groupSchema,
  invitationSchema,
  planAssignmentSchema,
  trainingPlanSchema,
} from './schemas';

export type AstralCollections = {
  athletes: RxCollection<Athlete>;
  coaches: RxCollection<CoachMembership>;
  groups: RxCollection<Group>;
  training_plans: RxCollection<TrainingPlan>;
  plan_assignments: RxCollection<PlanAssignment>;
  invitations: RxCollection<Invitation>;
  activities: RxCollection<Activity>;
  daily_metrics: RxCollection<DailyMetric>;
  attention_signals: RxCollection<AttentionSignal>;
};
export type AstralDatabase = RxDatabase<AstralCollections>;

/** The open database plus the conflict bookkeeping its replication shares with its conflict handler. */
export type AstralData = { db: AstralDatabase; conflicts: SyncConflicts };

export { validatedStorage, type AnyRxStorage } from './validatedStorage';

let pluginsAdded = false;
function addPlugins(): void {
  if (pluginsAdded) return;
  pluginsAdded = true;
  addRxPlugin(RxDBLocalDocumentsPlugin);
  addRxPlugin(RxDBLeaderElectionPlugin);
  addRxPlugin(RxDBMigrationSchemaPlugin);
}

/** `astral-<hash>`: stable for one server + user + organization, and a valid RxDB name. */
export function databaseName(serverUrl: string, userId: string, orgId: string): string {
  return `astral-${hashString(`${serverUrl.replace(/\/+$/, '')}|${userId}|${orgId}`).slice(0, 20)}`;
}

export function defaultStorage(): AnyRxStorage {
  return validatedStorage(getRxStorageDexie());
}

export type OpenOptions = {
  name: string;
  onNotice: NoticeSink;
  /** Defaults to validated Dexie; tests pass RxDB's memory storage. */
  storage?: AnyRxStorage;
  /** Several tabs of one browser share the database; one of them (the leader) replicates. */
  multiInstance?: boolean;
  /** Only these collections (tests running two clients in one process); all by default. */
  collections?: readonly SyncCollection[];
};

export async function openAstralDatabase(options: OpenOptions): Promise<AstralData> {
  addPlugins();
  let opened: AstralDatabase | null = null;
  const conflicts = createSyncConflicts(options.onNotice, () => opened);
  const db = await createRxDatabase<AstralCollections>({
    name: options.name,
    storage: options.storage ?? defaultStorage(),
    multiInstance: options.multiInstance ?? typeof window !== 'undefined',
    localDocuments: true,
    hashFunction: rxdbHash,
    eventReduce: true,
    closeDuplicates: true,
  });
  const all = {
    athletes: {
      schema: athleteSchema,
      conflictHandler: conflicts.athletes.handler,
      // 0 -> 1: the profile fields arrived (sync schema 2); unsent edits of older fields are kept.
      migrationStrategies: { 1: (doc: Athlete) => ({ ...EMPTY_PROFILE_FIELDS, ...doc }) },
    },
    coaches: { schema: coachSchema, conflictHandler: serverWinsHandler<CoachMembership>() },
    groups: { schema: groupSchema, conflictHandler: conflicts.groups.handler },
    training_plans: { schema: trainingPlanSchema, conflictHandler: conflicts.training_plans.handler },
    plan_assignments: { schema: planAssignmentSchema, conflictHandler: conflicts.plan_assignments.handler },
    invitations: { schema: invitationSchema, conflictHandler: conflicts.invitations.handler },
    activities: { schema: activitySchema, conflictHandler: conflicts.activities.handler },
    daily_metrics: { schema: dailyMetricSchema, conflictHandler: conflicts.daily_metrics.handler },
    attention_signals: { schema: attentionSignalSchema, conflictHandler: conflicts.attention_signals.handler },
  };
  const wanted = options.collections ?? SYNC_COLLECTIONS;
  await db.addCollections(Object.fromEntries(Object.entries(all).filter(([name]) => wanted.includes(name as SyncCollection))) as typeof all);
  opened = db;
  return { db, conflicts };
}
