/**
 * Making a user an athlete of an organization, in the caller's write (one transaction with the
 * organization's row lock): the athlete document, its group if the group still exists, and the
 * plan assignment when a plan was chosen. Shared by invitation acceptance and by a coach adding an
 * existing user directly (POST .../athletes). A plan archived or deleted since the invitation was
 * made is skipped and reported, never a reason to refuse the join: the athlete is in, the coach
 * assigns another plan.
 */
import { randomUUID } from 'node:crypto';
import { EMPTY_PROFILE_FIELDS, type Athlete } from '../../shared/domain/athlete';
import { todayIn } from '../../shared/schedule/dates';
import { assignInWrite } from '../plans/assignments';
import type { Refusal } from '../sync/references';
import type { OrgWriter } from '../sync/store';

export type JoinInput = {
  userId: string;
  firstName: string;
  lastName: string;
  email: string;
  groupId: string | null;
  planId: string | null;
  /** Null: the organization's today. */
  planStartDate: string | null;
  now: string;
};

export type JoinResult = {
  athleteId: string;
  /** The group joined (null when none was asked or it no longer exists). */
  groupId: string | null;
  /** The assignment made, or why the plan was skipped. */
  plan: { assignmentId: string; startDate: string } | { skipped: 'plan_archived' | 'plan_missing'; message: string } | null;
};

export const alreadyMember = (): Refusal => ({ code: 'already_member', message: 'This person is already an athlete of the organization.' });

/** The live athlete document of this user in the writer's organization, if any. */
export async function liveAthleteOf(w: OrgWriter, userId: string): Promise<string | null> {
  const { rows } = await w.tx.query<{ id: string }>(
    `SELECT id FROM documents WHERE org_id = $1 AND collection = 'athletes' AND NOT deleted AND data->>'user_id' = $2`,
    [w.orgId, userId],
  );
  return rows[0]?.id ?? null;
}

async function orgTimeZone(w: OrgWriter): Promise<string> {
  const { rows } = await w.tx.query<{ time_zone: string }>('SELECT time_zone FROM organizations WHERE id = $1', [w.orgId]);
  return rows[0]?.time_zone ?? 'UTC';
}

/** Creates the athlete (and plan assignment) for `input.userId`; refuses `already_member`. */
export async function joinOrganization(w: OrgWriter, input: JoinInput): Promise<JoinResult | Refusal> {
  if (await liveAthleteOf(w, input.userId)) return alreadyMember();
  let groupId: string | null = null;
  if (input.groupId) {
    const group = await w.read('groups', input.groupId);
    if (group && !group.deleted) groupId = group.id;
  }
  const athlete: Athlete = {
    id: randomUUID(),
    user_id: input.userId,
    first_name: input.firstName,
    last_name: input.lastName,
    email: input.email.trim().toLowerCase(),
    display_name: null,
    member_level: null,
    labels: [],
    private_notes: '',
    status: 'active',
    coach_ids: [],
    group_ids: groupId ? [groupId] : [],
    ...EMPTY_PROFILE_FIELDS,
    integrations: [],
    created_at: input.now,
    updated_at: input.now,
  };
  await w.put('athletes', athlete);
  let plan: JoinResult['plan'] = null;
  if (input.planId) {
    const startDate = input.planStartDate ?? todayIn(await orgTimeZone(w), new Date(input.now));
    const result = await assignInWrite(w, athlete.id, { training_plan_id: input.planId, start_date: startDate }, input.now);
    if ('outcome' in result) plan = { assignmentId: result.assignment.id, startDate };
    else plan = { skipped: result.code === 'plan_archived' ? 'plan_archived' : 'plan_missing', message: result.message };
  }
  return { athleteId: athlete.id, groupId, plan };
}

export const isRefusal = (r: JoinResult | Refusal): r is Refusal => 'code' in r;
