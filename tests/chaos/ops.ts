/**
 * The edits a chaos client makes, each through the app's own data functions (renderer/data), the
 * way a coach's clicks would: the orchestrator picks the kind and a seed, the client picks the
 * target from what its own database holds at that moment (sorted by id, so the same local state
 * gives the same pick). An edit the app itself refuses (a plan in use, a resolved signal) counts
 * as made but changes nothing, like a click that shows an error.
 */
import type { AstralDatabase } from '../../renderer/data/database';
import { removeAthlete, updateAthlete } from '../../renderer/data/athletes';
import { createGroup, deleteGroup, renameGroup } from '../../renderer/data/groups';
import { createPlan, deletePlan, setPlanArchived, updatePlan } from '../../renderer/data/plans';
import { assignPlan, endAssignment, removeAssignment, reopenAssignment } from '../../renderer/data/assignments';
import { createInvitation, resendInvitation, revokeInvitation } from '../../renderer/data/invitations';
import { acknowledgeSignal, markSignalsNotified, reopenSignal, snoozeSignal } from '../../renderer/data/signals';
import { importActivityFiles, removeActivity } from '../../renderer/data/activities';
import { bytesOf, makeGpx, makeTrack } from '../../shared/activities/fixtures.test-helpers';
import { addDays, todayIn } from '../../shared/schedule/dates';
import type { SyncCollection } from '../../shared/sync/protocol';
import { rng, type Rng } from './prng';

export const OP_KINDS = [
  'athlete.label_add', 'athlete.label_remove', 'athlete.notes', 'athlete.display_name', 'athlete.level', 'athlete.status',
  'athlete.group_add', 'athlete.group_remove', 'athlete.coaches', 'athlete.remove',
  'group.create', 'group.rename', 'group.delete',
  'plan.create', 'plan.update', 'plan.archive', 'plan.delete',
  'assignment.create', 'assignment.end', 'assignment.reopen', 'assignment.remove',
  'invitation.create_link', 'invitation.create_email', 'invitation.revoke', 'invitation.resend',
  'signal.acknowledge', 'signal.snooze', 'signal.reopen', 'signal.notified',
  'activity.import', 'activity.remove',
] as const;
export type OpKind = (typeof OP_KINDS)[number];

/** Relative weights: field edits are common, removals rare (they cascade and end a document's story). */
export const OP_WEIGHTS: Record<OpKind, number> = {
  'athlete.label_add': 8, 'athlete.label_remove': 5, 'athlete.notes': 8, 'athlete.display_name': 4, 'athlete.level': 4, 'athlete.status': 2,
  'athlete.group_add': 4, 'athlete.group_remove': 3, 'athlete.coaches': 3, 'athlete.remove': 0.4,
  'group.create': 2, 'group.rename': 3, 'group.delete': 0.7,
  'plan.create': 2, 'plan.update': 4, 'plan.archive': 2, 'plan.delete': 0.8,
  'assignment.create': 4, 'assignment.end': 2, 'assignment.reopen': 1.5, 'assignment.remove': 1,
  'invitation.create_link': 2, 'invitation.create_email': 2, 'invitation.revoke': 1.5, 'invitation.resend': 1.5,
  'signal.acknowledge': 4, 'signal.snooze': 3, 'signal.reopen': 2, 'signal.notified': 2,
  'activity.import': 3, 'activity.remove': 1,
};

export type OpContext = { db: AstralDatabase; client: number; coachId: string; role: 'head_coach' | 'coach'; coachIds: readonly string[]; counter: number };
export type OpOutcome = { kind: OpKind; collection: SyncCollection | null; id: string | null; ok: boolean; note?: string };

const LABELS = ['@5k', '@10k', '@marathon', '@trail', '@injury-watch', '@masters'];
const LEVELS = ['beginner', 'intermediate', 'advanced', null] as const;

async function live(db: AstralDatabase, collection: SyncCollection): Promise<{ id: string; data: Record<string, unknown> }[]> {
  const docs = await db[collection].find().exec();
  return docs.map((d) => ({ id: d.primary, data: d.toJSON() as Record<string, unknown> })).sort((a, b) => (a.id < b.id ? -1 : 1));
}

async function target(r: Rng, db: AstralDatabase, collection: SyncCollection, filter: (d: Record<string, unknown>) => boolean = () => true) {
  const docs = (await live(db, collection)).filter((d) => filter(d.data));
  return docs.length === 0 ? null : r.pick(docs);
}

const none = (kind: OpKind, collection: SyncCollection): OpOutcome => ({ kind, collection, id: null, ok: false, note: 'nothing to edit' });
const result = (kind: OpKind, collection: SyncCollection, id: string, ok: boolean, note?: string): OpOutcome => ({ kind, collection, id, ok, ...(note ? { note } : {}) });

export async function runOp(kind: OpKind, seed: number, ctx: OpContext): Promise<OpOutcome> {
  const r = rng(seed);
  const { db } = ctx;
  const tag = `c${ctx.client}-${ctx.counter}`;
  const today = todayIn('UTC');
  if (kind.startsWith('athlete.')) {
    const a = await target(r, db, 'athletes');
    if (!a) return none(kind, 'athletes');
    const labels = a.data.labels as string[];
    const groups = a.data.group_ids as string[];
    const edit = async (e: Parameters<typeof updateAthlete>[2]) => {
      const res = await updateAthlete(db, a.id, e, ctx.role);
      return result(kind, 'athletes', a.id, res.ok, res.ok ? undefined : res.message);
    };
    switch (kind) {
      case 'athlete.label_add': return edit({ labels: [...labels, r.pick(LABELS)] });
      case 'athlete.label_remove': return labels.length ? edit({ labels: labels.filter((l) => l !== r.pick(labels)) }) : none(kind, 'athletes');
      case 'athlete.notes': return edit({ private_notes: `Note ${tag}` });
      case 'athlete.display_name': return edit({ display_name: r.chance(0.2) ? null : `Nick ${tag}` });
      case 'athlete.level': return edit({ member_level: r.pick(LEVELS) });
      case 'athlete.status': return edit({ status: r.pick(['active', 'inactive', 'suspended'] as const) });
      case 'athlete.group_add': {
        const g = await target(r, db, 'groups', (d) => !groups.includes(d.id as string));
        return g ? edit({ group_ids: [...groups, g.id] }) : none(kind, 'groups');
      }
      case 'athlete.group_remove': return groups.length ? edit({ group_ids: groups.filter((g) => g !== r.pick(groups)) }) : none(kind, 'athletes');
      case 'athlete.coaches': {
        if (ctx.role !== 'head_coach') return edit({ private_notes: `Note ${tag}` });
        return edit({ coach_ids: ctx.coachIds.filter(() => r.chance(0.5)) });
      }
      case 'athlete.remove': {
        const res = await removeAthlete(db, a.id);
        return result(kind, 'athletes', a.id, res.ok);
      }
    }
  }
  if (kind.startsWith('group.')) {
    if (kind === 'group.create') {
      const res = await createGroup(db, `Group ${tag}`);
      return res.ok ? result(kind, 'groups', res.value.id, true) : { kind, collection: 'groups', id: null, ok: false, note: res.message };
    }
    const g = await target(r, db, 'groups');
    if (!g) return none(kind, 'groups');
    const res = kind === 'group.rename' ? await renameGroup(db, g.id, `Squad ${tag}`) : await deleteGroup(db, g.id);
    return result(kind, 'groups', g.id, res.ok, res.ok ? undefined : res.message);
  }
  if (kind.startsWith('plan.')) {
    if (kind === 'plan.create') {
      const res = await createPlan(db, { name: `Plan ${tag}`, description: '', level: 'beginner', weeks: 1, sessions: [] });
      return res.ok ? result(kind, 'training_plans', res.value.id, true) : { kind, collection: 'training_plans', id: null, ok: false, note: res.message };
    }
    const p = await target(r, db, 'training_plans');
    if (!p) return none(kind, 'training_plans');
    const res =
      kind === 'plan.update'
        ? await updatePlan(db, p.id, r.chance(0.5) ? { description: `Described ${tag}` } : { name: `Plan ${tag}`, weeks: 1 + r.int(3) })
        : kind === 'plan.archive'
          ? await setPlanArchived(db, p.id, !p.data.archived)
          : await deletePlan(db, p.id);
    return result(kind, 'training_plans', p.id, res.ok, res.ok ? undefined : res.message);
  }
  if (kind.startsWith('assignment.')) {
    if (kind === 'assignment.create') {
      const a = await target(r, db, 'athletes');
      const p = await target(r, db, 'training_plans', (d) => !d.archived);
      if (!a || !p) return none(kind, 'plan_assignments');
      const res = await assignPlan(db, { athleteId: a.id, planId: p.id, startDate: addDays(today, r.int(4) * 7) });
      return { kind, collection: 'plan_assignments', id: null, ok: res.outcome === 'assigned', note: res.message };
    }
    const x = await target(r, db, 'plan_assignments', (d) => (kind === 'assignment.reopen' ? d.ended_on !== null : kind === 'assignment.end' ? d.ended_on === null : true));
    if (!x) return none(kind, 'plan_assignments');
    const res =
      kind === 'assignment.end' ? await endAssignment(db, x.id, addDays(String(x.data.start_date), 7)) : kind === 'assignment.reopen' ? await reopenAssignment(db, x.id) : await removeAssignment(db, x.id);
    return result(kind, 'plan_assignments', x.id, res.ok, res.ok ? undefined : res.message);
  }
  if (kind.startsWith('invitation.')) {
    if (kind === 'invitation.create_link' || kind === 'invitation.create_email') {
      const g = r.chance(0.5) ? await target(r, db, 'groups') : null;
      const draft =
        kind === 'invitation.create_link'
          ? { type: 'multi_use' as const, group_id: g?.id ?? null, max_uses: 5, expires_at: new Date(Date.now() + 7 * 86_400_000).toISOString() }
          : { type: 'single_use' as const, first_name: 'Guest', email: `guest-${tag}@chaos.local`, group_id: g?.id ?? null };
      const res = await createInvitation(db, draft, ctx.coachId);
      return res.ok ? result(kind, 'invitations', res.value.invitation.id, true) : { kind, collection: 'invitations', id: null, ok: false, note: res.message };
    }
    const inv = await target(r, db, 'invitations', (d) => d.status === 'pending' && (kind !== 'invitation.resend' || d.type === 'single_use'));
    if (!inv) return none(kind, 'invitations');
    const res = kind === 'invitation.revoke' ? await revokeInvitation(db, inv.id) : await resendInvitation(db, inv.id);
    return result(kind, 'invitations', inv.id, res.ok, res.ok ? undefined : res.message);
  }
  if (kind.startsWith('signal.')) {
    const s = await target(r, db, 'attention_signals', (d) => d.status !== 'resolved');
    if (!s) return none(kind, 'attention_signals');
    if (kind === 'signal.notified') {
      await markSignalsNotified(db, [s.id], ctx.coachId);
      return result(kind, 'attention_signals', s.id, true);
    }
    const res =
      kind === 'signal.acknowledge'
        ? await acknowledgeSignal(db, s.id, ctx.coachId)
        : kind === 'signal.snooze'
          ? await snoozeSignal(db, s.id, addDays(today, 2 + r.int(5)), ctx.coachId, today)
          : await reopenSignal(db, s.id, ctx.coachId);
    return result(kind, 'attention_signals', s.id, res.ok, res.ok ? undefined : res.message);
  }
  // activities
  if (kind === 'activity.import') {
    const a = await target(r, db, 'athletes');
    if (!a) return none(kind, 'activities');
    const start = new Date(`${addDays(today, -1 - r.int(5))}T06:00:00Z`);
    start.setUTCMinutes(ctx.client * 10 + r.int(10), 0, 0);
    start.setUTCHours(6 + r.int(10));
    const gpx = makeGpx({ tracks: [makeTrack({ start, points: 60 + r.int(60) })] });
    const [res] = await importActivityFiles(db, a.id, [{ name: `${tag}.gpx`, bytes: bytesOf(gpx) }], 'UTC');
    return { kind, collection: 'activities', id: null, ok: Boolean(res?.ok && res.created > 0) };
  }
  const act = await target(r, db, 'activities');
  if (!act) return none(kind, 'activities');
  return result(kind, 'activities', act.id, await removeActivity(db, act.id));
}
