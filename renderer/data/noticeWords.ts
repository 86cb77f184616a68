/**
 * How sync notices name things, per pushed collection: the document in words ("Ada Runner",
 * "the plan Marathon base", "Marathon base for Ana Silva"), its fields and values, and where a
 * notice links to. Plan and athlete names of an assignment are looked up in the local database
 * (the conflict handler is async); a name that cannot be found falls back to a generic word.
 */
import { FIELD_LABELS, type Athlete } from '../../shared/domain/athlete';
import type { PlanAssignment } from '../../shared/domain/assignment';
import type { Group } from '../../shared/domain/group';
import { PLAN_LEVEL_LABELS, type TrainingPlan } from '../../shared/domain/plan';
import type { SyncDocs } from '../../shared/sync/protocol';
import type { AstralDatabase } from './database';
import type { PushedCollection } from './pushed';
import { activityWords, dailyMetricWords, invitationWords, signalWords } from './noticeWordsProfile';

export type NoticeLinks = { route?: string; athleteId?: string };

export type Words<T> = {
  setFields: readonly string[];
  label(field: string): string;
  value(field: string, value: unknown): Promise<string>;
  /** Who or what a change was made to: "Ada Runner", "the plan Marathon base". */
  subject(doc: T): Promise<string>;
  /** A refused creation: "Creating the plan Marathon base", "Assigning Marathon base to Ana Silva". */
  creating(doc: T): Promise<string>;
  /** A refused deletion: "Deleting the plan Marathon base". */
  deleting(doc: T): Promise<string>;
  /** After a refused creation ('' when the notice says enough). */
  createdGone: string;
  /** A refused edit of a row the server does not have. */
  gone: string;
  /** A refused deletion: the row is back. */
  shownAgain: string;
  removedTitle: string;
  /** Why a local edit was dropped when the server deleted the row. */
  removedReason: string;
  links(doc: T): NoticeLinks;
  /** Where a notice about a row that is gone from this device links to. */
  goneLinks(doc: T): NoticeLinks;
};

const STATUS_LABELS: Record<string, string> = { active: 'Active', inactive: 'Inactive', suspended: 'Suspended' };

export function formatFieldValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'empty';
  if (Array.isArray(value)) return value.length === 0 ? 'empty' : `"${value.join(', ')}"`;
  if (field === 'status' && typeof value === 'string') return `"${STATUS_LABELS[value] ?? value}"`;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return `"${oneLine.length > 60 ? `${oneLine.slice(0, 59)}…` : oneLine}"`;
}

export const personName = (a: Pick<Athlete, 'first_name' | 'last_name'>) => `${a.first_name} ${a.last_name}`.trim() || 'an athlete';

type Lookup = () => AstralDatabase | null;

/** Documents by id, removed ones included: a notice may be about a row just removed here. */
async function find<C extends 'athletes' | 'training_plans' | 'groups'>(lookup: Lookup, collection: C, ids: readonly string[]): Promise<Map<string, SyncDocs[C]>> {
  const db = lookup();
  if (!db || db.closed || ids.length === 0) return new Map();
  try {
    const docs = await db[collection].storageInstance.findDocumentsById([...ids], true);
    return new Map(docs.map((d) => [d.id, d as unknown as SyncDocs[C]]));
  } catch {
    return new Map();
  }
}

const table = (labels: Record<string, string>) => (field: string) => labels[field] ?? field;

function athleteWords(lookup: Lookup): Words<Athlete> {
  return {
    setFields: ['labels', 'coach_ids', 'group_ids'],
    label: table(FIELD_LABELS),
    async value(field, value) {
      if (field !== 'group_ids' || !Array.isArray(value) || value.length === 0) return formatFieldValue(field, value);
      const groups = await find(lookup, 'groups', value as string[]);
      return formatFieldValue(field, (value as string[]).map((id) => groups.get(id)?.name ?? id));
    },
    subject: async (a) => personName(a),
    creating: async (a) => `Adding ${personName(a)}`,
    deleting: async (a) => `Removing ${personName(a)}`,
    createdGone: '',
    gone: 'The athlete is not in your organization on the server and was removed from this device.',
    shownAgain: 'The athlete is shown again.',
    removedTitle: 'Athlete removed',
    removedReason: 'the athlete was removed from the organization.',
    links: (a) => ({ athleteId: a.id, route: `/athletes/${a.id}` }),
    goneLinks: () => ({ route: '/' }),
  };
}

const PLAN_LABELS: Record<string, string> = { name: 'Name', description: 'Description', level: 'Level', weeks: 'Length', sessions: 'Sessions', archived: 'Archived' };

function planWords(): Words<TrainingPlan> {
  const plan = (p: TrainingPlan) => `the plan ${p.name}`;
  return {
    setFields: [],
    label: table(PLAN_LABELS),
    async value(field, value) {
      if (field === 'sessions' && Array.isArray(value)) return `${value.length} session${value.length === 1 ? '' : 's'}`;
      if (field === 'weeks' && typeof value === 'number') return `${value} week${value === 1 ? '' : 's'}`;
      if (field === 'archived') return value ? 'archived' : 'not archived';
      if (field === 'level' && typeof value === 'string') return `"${PLAN_LEVEL_LABELS[value as TrainingPlan['level']] ?? value}"`;
      return formatFieldValue(field, value);
    },
    subject: async (p) => plan(p),
    creating: async (p) => `Creating ${plan(p)}`,
    deleting: async (p) => `Deleting ${plan(p)}`,
    createdGone: 'The plan was removed from this device.',
    gone: 'The plan does not exist on the server and was removed from this device.',
    shownAgain: 'The plan is shown again.',
    removedTitle: 'Plan deleted',
    removedReason: 'the plan was deleted.',
    links: (p) => ({ route: `/plans/${p.id}` }),
    goneLinks: () => ({ route: '/plans' }),
  };
}

function groupWords(): Words<Group> {
  const group = (g: Group) => `the group ${g.name}`;
  return {
    setFields: [],
    label: table({ name: 'Name' }),
    value: async (field, value) => formatFieldValue(field, value),
    subject: async (g) => group(g),
    creating: async (g) => `Creating ${group(g)}`,
    deleting: async (g) => `Deleting ${group(g)}`,
    createdGone: 'The group was removed from this device.',
    gone: 'The group does not exist on the server and was removed from this device.',
    shownAgain: 'The group is shown again.',
    removedTitle: 'Group deleted',
    removedReason: 'the group was deleted.',
    links: () => ({ route: '/groups' }),
    goneLinks: () => ({ route: '/groups' }),
  };
}

function assignmentWords(lookup: Lookup): Words<PlanAssignment> {
  const names = async (a: PlanAssignment) => {
    const [plans, athletes] = await Promise.all([find(lookup, 'training_plans', [a.training_plan_id]), find(lookup, 'athletes', [a.athlete_id])]);
    const athlete = athletes.get(a.athlete_id);
    return { plan: plans.get(a.training_plan_id)?.name ?? 'a plan', athlete: athlete ? personName(athlete) : 'an athlete' };
  };
  return {
    setFields: [],
    label: table({ ended_on: 'End', start_date: 'Start date' }),
    value: async (field, value) => (field === 'ended_on' && value === null ? 'not ended' : formatFieldValue(field, value)),
    async subject(a) {
      const n = await names(a);
      return `${n.plan} of ${n.athlete} (from ${a.start_date})`;
    },
    async creating(a) {
      const n = await names(a);
      return `Assigning ${n.plan} to ${n.athlete}`;
    },
    async deleting(a) {
      const n = await names(a);
      return `Removing ${n.plan} from ${n.athlete}'s plans`;
    },
    createdGone: '',
    gone: 'The assignment does not exist on the server and was removed from this device.',
    shownAgain: 'The assignment is shown again.',
    removedTitle: 'Assignment removed',
    removedReason: 'the assignment was removed.',
    links: (a) => ({ athleteId: a.athlete_id, route: `/athletes/${a.athlete_id}` }),
    goneLinks: (a) => ({ athleteId: a.athlete_id, route: `/athletes/${a.athlete_id}` }),
  };
}

export type AllWords = { [C in PushedCollection]: Words<SyncDocs[C]> };

export function wordsFor(lookup: Lookup): AllWords {
  return {
    athletes: athleteWords(lookup),
    training_plans: planWords(),
    groups: groupWords(),
    plan_assignments: assignmentWords(lookup),
    invitations: invitationWords(),
    activities: activityWords(),
    daily_metrics: dailyMetricWords(),
    attention_signals: signalWords(),
  };
}

/** The page a notice is about: its route, else its athlete (notices stored before routes existed). */
export function noticeRoute(n: NoticeLinks): string | null {
  return n.route ?? (n.athleteId ? `/athletes/${n.athleteId}` : null);
}

/** What the link to a notice's page says. */
export function noticeLinkLabel(n: NoticeLinks): string {
  const route = noticeRoute(n) ?? '';
  if (route.startsWith('/plans')) return 'Open plan';
  if (route.startsWith('/groups')) return 'Open groups';
  return route === '/' ? 'Open roster' : 'Open athlete';
}
