/**
 * Organizations and who coaches them. A coach membership is a replicated document (collection
 * `coaches`), so creating an organization writes through the DocumentStore like any other change.
 * Used by sign-up, the `create-org` CLI command and the demo seed.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db';
import { isUniqueViolation } from '../db/db';
import { hashPassword } from '../auth/password';
import { insertUser } from '../auth/users';
import { HttpProblem } from '../http/errors';
import type { DocumentStore } from '../sync/store';
import type { CoachMembership, CoachRole, Organization, OrganizationMembershipSummary, User } from '../../shared/domain/organization';

export type NewOrganizationInput = {
  organizationName: string;
  timeZone?: string;
  email: string;
  firstName: string;
  lastName: string;
  password: string;
};

export type CreatedOrganization = { organization: Organization; user: User; membership: CoachMembership };

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function coachMembership(user: User, role: CoachRole, now: string, id: string = randomUUID()): CoachMembership {
  return { id, user_id: user.id, first_name: user.first_name, last_name: user.last_name, email: user.email, role, created_at: now, updated_at: now };
}

async function emailTaken(db: Db, email: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM users WHERE email = $1', [email.trim().toLowerCase()]);
  return rows.length > 0;
}

const takenProblem = () => new HttpProblem(409, 'email_taken', 'An account with this email already exists; sign in instead.', 'email');

/** Creates an organization, its head coach's account and membership, in one transaction. */
export async function createOrganizationWithHeadCoach(store: DocumentStore, input: NewOrganizationInput): Promise<CreatedOrganization> {
  const timeZone = input.timeZone ?? 'UTC';
  if (!isTimeZone(timeZone)) throw new HttpProblem(400, 'invalid_request', 'time_zone: must be an IANA time zone such as Europe/London', 'time_zone');
  if (await emailTaken(store.db, input.email)) throw takenProblem();
  const passwordHash = await hashPassword(input.password);
  const orgId = randomUUID();
  const now = new Date().toISOString();
  try {
    return await store.write(
      orgId,
      async (w) => {
        const user = await insertUser(w.tx, { email: input.email, firstName: input.firstName, lastName: input.lastName, passwordHash });
        const membership = coachMembership(user, 'head_coach', now);
        await w.put('coaches', membership);
        const organization: Organization = { id: orgId, name: input.organizationName, time_zone: timeZone, created_at: now };
        return { organization, user, membership };
      },
      { id: orgId, name: input.organizationName, timeZone },
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw takenProblem();
    throw err;
  }
}

/** The organizations a user coaches, with the current role in each. */
export async function organizationsOfUser(db: Db, userId: string): Promise<OrganizationMembershipSummary[]> {
  const { rows } = await db.query<OrganizationMembershipSummary>(
    `SELECT o.id, o.name, d.data->>'role' AS role, o.time_zone
       FROM documents d JOIN organizations o ON o.id = d.org_id
      WHERE d.collection = 'coaches' AND NOT d.deleted AND d.data->>'user_id' = $1
      ORDER BY o.name, o.id`,
    [userId],
  );
  return rows;
}

export async function organizationExists(db: Db, orgId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM organizations WHERE id = $1', [orgId]);
  return rows.length > 0;
}
