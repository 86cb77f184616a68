/**
 * The organization every chaos seed starts from, built once into a PGlite data folder and copied
 * per seed (a copy opens in well under a second; an initdb and a seed take many seconds).
 *
 * Small on purpose, so a seed spends its time on edits, not on first syncs: a head coach and two
 * coaches, each with a sign-in session written straight into the sessions table (no login per
 * seed, so the login rate limit never interferes), 3 groups, 10 athletes with one run 10 days ago
 * each (the server's evaluation raises their "no recent activity" signals, which coaches then
 * acknowledge and snooze), 3 plans, 4 assignments. Folder name carries a version: change FORMAT
 * when the contents change and old copies are never used.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assignmentId } from '../../shared/domain/assignment';
import { Activity, activityId } from '../../shared/domain/activity';
import type { Athlete } from '../../shared/domain/athlete';
import { EMPTY_PROFILE_FIELDS } from '../../shared/domain/athlete';
import { parseActivityFile } from '../../shared/activities/import';
import { bytesOf, makeGpx, makeTrack } from '../../shared/activities/fixtures.test-helpers';
import { addDays, todayIn } from '../../shared/schedule/dates';
import { createSession } from '../../server/auth/sessions';
import { insertUser } from '../../server/auth/users';
import { openDatabase } from '../../server/db/open';
import { coachMembership } from '../../server/orgs/organizations';
import { evaluateAthletes } from '../../server/signals/evaluate';
import { DocumentStore } from '../../server/sync/store';

const FORMAT = 1;
const MAX_AGE_MS = 20 * 86_400_000;
const ROOT = resolve(import.meta.dirname, '../..');
const CACHE = join(ROOT, 'node_modules/.cache/chaos');
export const TIME_ZONE = 'UTC';

export type ChaosCoach = { coachId: string; userId: string; role: 'head_coach' | 'coach'; token: string };
export type ChaosFixture = { orgId: string; coaches: ChaosCoach[]; dataDir: string };

const ORG_ID = '0c4a05c4-0000-4000-8000-000000000001';
const id = (kind: number, n: number) => `0c4a05c4-${kind.toString(16).padStart(4, '0')}-4000-8000-${n.toString(16).padStart(12, '0')}`;

function planContent(n: number) {
  return {
    name: `Chaos plan ${n}`,
    description: 'Seeded for the chaos test.',
    level: 'intermediate' as const,
    weeks: 2,
    sessions: [
      { week: 1, day: 2, kind: 'easy' as const, distance_m: 8000, duration_s: null, target_pace_s_per_km: 330, effort_rpe: null, note: '' },
      { week: 2, day: 5, kind: 'tempo' as const, distance_m: null, duration_s: 2400, target_pace_s_per_km: 270, effort_rpe: null, note: '' },
    ],
  };
}

async function build(dir: string): Promise<Omit<ChaosFixture, 'dataDir'>> {
  const db = await openDatabase({ kind: 'pglite', dataDir: dir });
  try {
    const store = new DocumentStore(db);
    const now = new Date().toISOString();
    const today = todayIn(TIME_ZONE);
    const coaches: ChaosCoach[] = [];
    await store.write(
      ORG_ID,
      async (w) => {
        const people = [
          { email: 'chaos.head@chaos.local', first: 'Hana', last: 'Head', role: 'head_coach' as const },
          { email: 'chaos.one@chaos.local', first: 'Omar', last: 'One', role: 'coach' as const },
          { email: 'chaos.two@chaos.local', first: 'Tess', last: 'Two', role: 'coach' as const },
        ];
        for (const [i, p] of people.entries()) {
          const user = await insertUser(w.tx, { email: p.email, firstName: p.first, lastName: p.last, passwordHash: null });
          const m = coachMembership(user, p.role, now, id(1, i + 1));
          await w.put('coaches', m);
          coaches.push({ coachId: m.id, userId: user.id, role: p.role, token: '' });
        }
        const groups = [1, 2, 3].map((n) => ({ id: id(2, n), name: `Squad ${n}`, created_at: now, updated_at: now }));
        for (const g of groups) await w.put('groups', g);
        const plans = [1, 2, 3].map((n) => ({ id: id(3, n), ...planContent(n), archived: false, created_at: now, updated_at: now }));
        for (const p of plans) await w.put('training_plans', p);
        const athletes: Athlete[] = [];
        for (let n = 1; n <= 10; n++) {
          const user = await insertUser(w.tx, { email: `runner${n}@chaos.local`, firstName: 'Runner', lastName: `No${n}`, passwordHash: null });
          const a: Athlete = {
            ...EMPTY_PROFILE_FIELDS,
            id: id(4, n),
            user_id: user.id,
            first_name: 'Runner',
            last_name: `No${n}`,
            email: user.email,
            display_name: null,
            member_level: null,
            labels: n % 3 === 0 ? ['@marathon'] : [],
            private_notes: '',
            status: 'active',
            coach_ids: [coaches[n % 3]!.coachId],
            group_ids: [groups[n % 3]!.id],
            created_at: now,
            updated_at: now,
          };
          await w.put('athletes', a);
          athletes.push(a);
          const start = new Date(`${addDays(today, -10)}T07:00:00Z`);
          start.setUTCMinutes(n);
          const parsed = parseActivityFile('run.gpx', bytesOf(makeGpx({ tracks: [makeTrack({ start, points: 120 })] })), { timeZone: TIME_ZONE });
          if (!parsed.ok) throw new Error('template activity did not parse');
          for (const s of parsed.activities) {
            const doc = Activity.parse({ ...s, id: activityId(a.id, s.start_time), athlete_id: a.id, local_date: todayIn(TIME_ZONE, new Date(s.start_time)), created_at: now, updated_at: now });
            await w.put('activities', doc);
          }
        }
        for (const [i, a] of athletes.slice(0, 4).entries()) {
          const plan = plans[i % 3]!;
          const start = addDays(today, i * 7);
          await w.put('plan_assignments', { id: assignmentId(a.id, plan.id, start), athlete_id: a.id, training_plan_id: plan.id, start_date: start, ended_on: null, created_at: now, updated_at: now });
        }
        await evaluateAthletes(w, athletes.map((a) => a.id), today, now);
      },
      { id: ORG_ID, name: 'Chaos Running Club', timeZone: TIME_ZONE },
    );
    // Four laptops: the head coach on two, each coach on one.
    const sessions = [coaches[0]!, coaches[0]!, coaches[1]!, coaches[2]!];
    const withTokens: ChaosCoach[] = [];
    for (const c of sessions) withTokens.push({ ...c, token: await createSession(db, c.userId) });
    return { orgId: ORG_ID, coaches: withTokens };
  } finally {
    await db.close();
  }
}

/** The template folder (built when missing) and its fixture. */
export async function chaosTemplate(): Promise<{ dir: string; fixture: Omit<ChaosFixture, 'dataDir'> }> {
  const dir = join(CACHE, `template-v${FORMAT}`);
  const fixtureFile = join(dir, 'fixture.json');
  // Its sessions last 30 days (server/auth/tokens.ts): an older template is built again.
  if (existsSync(fixtureFile) && Date.now() - statSync(fixtureFile).mtimeMs > MAX_AGE_MS) rmSync(dir, { recursive: true, force: true });
  if (existsSync(fixtureFile)) return { dir, fixture: JSON.parse(readFileSync(fixtureFile, 'utf8')) as Omit<ChaosFixture, 'dataDir'> };
  mkdirSync(CACHE, { recursive: true });
  const tmp = `${dir}.building-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const fixture = await build(tmp);
  writeFileSync(join(tmp, 'fixture.json'), JSON.stringify(fixture, null, 2));
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another run finished first: use theirs
  }
  return { dir, fixture: JSON.parse(readFileSync(fixtureFile, 'utf8')) as Omit<ChaosFixture, 'dataDir'> };
}

/** A fresh copy of the template for one seed. */
export function copyTemplate(templateDir: string, target: string): void {
  cpSync(templateDir, target, { recursive: true });
  rmSync(join(target, 'fixture.json'), { force: true });
}
