/**
 * Seeds the live suite's two organizations straight into a database, before the server process
 * starts on it (a PGlite folder is locked by the process that opens it):
 * - "Live Running Club": two coaches who sign in through the app (A edits, B watches), 40
 *   athletes, and LOAD_COACHES further coaches holding `sessions` sign-in sessions between them:
 *   the tokens of the Node live-stream clients (one session per connection, like one device each);
 * - "Push Running Club": PUSHERS coaches, each with a session and ATHLETES_PER_PUSHER athletes it
 *   edits in PUSH_BATCH-row pushes (disjoint slices, so a conflict is only ever one made on purpose).
 * Sessions are created directly (createSession), not by 2,000 password checks; the two app coaches
 * get a real (cheap-parameter) password hash, since they sign in through the UI.
 */
import type { Athlete } from '../../../../shared/domain/athlete';
import { hashPassword } from '../../../../server/auth/password';
import { createSession } from '../../../../server/auth/sessions';
import { insertUser } from '../../../../server/auth/users';
import type { Db } from '../../../../server/db/db';
import { coachMembership, createOrganizationWithHeadCoach } from '../../../../server/orgs/organizations';
import { DocumentStore } from '../../../../server/sync/store';
import { generateAthletes } from '../../seed-large';

export const APP_PASSWORD = 'live-bench-password';
export const COACH_A = 'coach.a@live.bench';
export const COACH_B = 'coach.b@live.bench';
const LOAD_COACHES = 20;
export const PUSHERS = 4;
export const ATHLETES_PER_PUSHER = 500;
const CHEAP_SCRYPT = { N: 1024, r: 8, p: 1 };

export type LiveSeed = {
  live: { orgId: string; athletes: Athlete[]; tokens: string[]; editorToken: string };
  push: { orgId: string; pushers: { token: string; athletes: Athlete[] }[] };
};

async function addCoach(store: DocumentStore, orgId: string, email: string, passwordHash: string | null): Promise<{ userId: string; coachId: string }> {
  const now = new Date().toISOString();
  return store.write(orgId, async (w) => {
    const [first, last] = email.split('@')[0]?.split('.') ?? ['Coach', 'Bench'];
    const user = await insertUser(w.tx, { email, firstName: first ?? 'Coach', lastName: last ?? 'Bench', passwordHash });
    const membership = coachMembership(user, 'coach', now);
    await w.put('coaches', membership);
    return { userId: user.id, coachId: membership.id };
  });
}

async function addAthletes(store: DocumentStore, orgId: string, count: number, coachIds: string[], seed: number): Promise<Athlete[]> {
  const athletes = generateAthletes(count, coachIds, [], new Date().toISOString(), seed).map((a) => ({ ...a, email: `${orgId.slice(0, 8)}.${a.email}` }));
  await store.write(orgId, (w) => w.putMany('athletes', athletes));
  return athletes;
}

/** Seeds both organizations; `sessions` live-stream sessions are made in the live organization. */
export async function seedLive(db: Db, sessions: number): Promise<LiveSeed> {
  const store = new DocumentStore(db);
  const appHash = await hashPassword(APP_PASSWORD, CHEAP_SCRYPT);
  const head = { firstName: 'Hana', lastName: 'Head', password: APP_PASSWORD };

  const live = await createOrganizationWithHeadCoach(store, { organizationName: 'Live Running Club', email: 'head@live.bench', ...head });
  const liveOrg = live.organization.id;
  const a = await addCoach(store, liveOrg, COACH_A, appHash);
  await addCoach(store, liveOrg, COACH_B, appHash);
  const loadUsers: string[] = [];
  for (let i = 0; i < LOAD_COACHES; i++) loadUsers.push((await addCoach(store, liveOrg, `load${i}.coach@live.bench`, null)).userId);
  const liveAthletes = await addAthletes(store, liveOrg, 40, [live.membership.id, a.coachId], 11);
  const tokens: string[] = [];
  for (let i = 0; i < sessions; i++) tokens.push(await createSession(db, loadUsers[i % loadUsers.length] as string));
  const editorToken = await createSession(db, a.userId);

  const push = await createOrganizationWithHeadCoach(store, { organizationName: 'Push Running Club', email: 'head@push.bench', ...head });
  const pushOrg = push.organization.id;
  const pushers: LiveSeed['push']['pushers'] = [];
  const all = await addAthletes(store, pushOrg, PUSHERS * ATHLETES_PER_PUSHER, [push.membership.id], 12);
  for (let i = 0; i < PUSHERS; i++) {
    const coach = await addCoach(store, pushOrg, `pusher${i}@push.bench`, null);
    pushers.push({ token: await createSession(db, coach.userId), athletes: all.slice(i * ATHLETES_PER_PUSHER, (i + 1) * ATHLETES_PER_PUSHER) });
  }
  return { live: { orgId: liveOrg, athletes: liveAthletes, tokens, editorToken }, push: { orgId: pushOrg, pushers } };
}
