/**
 * Seeds the bench database: "Large Running Club" with 10,000 realistic athletes (names from many
 * languages with their accents, nicknames, labels, levels, statuses, groups, assigned coaches) and
 * "Empty Running Club" with none, each with a head coach who can sign in.
 *
 * Fast: the organizations, coaches and groups go through the usual DocumentStore writes, the
 * athletes and their accounts through a few multi-row INSERTs in one DocumentStore transaction
 * (which holds the organization's lock and hands out its sequence numbers), not 10,000 API calls.
 * A seeded PRNG makes every run produce the same roster, ids included.
 */
import { Athlete } from '../../shared/domain/athlete';
import type { Group } from '../../shared/domain/group';
import { seededRandom } from '../../server/demo/seed';
import { createOrganizationWithHeadCoach } from '../../server/orgs/organizations';
import { insertUser } from '../../server/auth/users';
import { coachMembership } from '../../server/orgs/organizations';
import type { DocumentStore } from '../../server/sync/store';

export const BENCH_PASSWORD = 'bench-password-1';
export const LARGE_HEAD_COACH = 'head@large.bench';
export const EMPTY_HEAD_COACH = 'head@empty.bench';

export const FIRST_NAMES = [
  'Zoë', 'José', 'Émile', 'Siobhán', 'Björn', 'Chloé', 'Renée', 'Łukasz', 'Amara', 'Liam', 'Sofia', 'Noah', 'Aisha', 'Oliver',
  'Mei', 'Lucas', 'Hannah', 'Mateo', 'Grace', 'Ethan', 'Isla', 'Kwame', 'Freya', 'Diego', 'Yasmin', 'Tomás', 'Leah', 'Ravi',
  'Elena', 'Samuel', 'Ingrid', 'Jack', 'Nadia', 'Arjun', 'Maya', 'Finn', 'Camille', 'Hugo', 'Ava', 'Kai', 'Lena', 'Omar',
  'Ruby', 'Mateus', 'Søren', 'Åsa', 'Jürgen', 'François', 'Núria', 'Dorota', 'Çağla', 'Ştefan', 'Thảo', 'Hà', 'Anaïs',
  'Joël', 'Inês', 'João', 'Małgorzata', 'Žofia', 'Dāvis', 'Ólafur', 'Eoin', 'Niamh', 'Fatima', 'Chidi', 'Yuki', 'Hiroshi',
  'Ana', 'Marta', 'Pablo', 'Andrés', 'Ximena', 'Valentina', 'Benedikt', 'Matthäus', 'Gaëlle', 'Zoltán', 'Réka', 'Miloš',
];
export const LAST_NAMES = [
  'Martin', 'García', 'Laurent', "O'Connor", 'Lindqvist', 'Dubois', 'Fischer', 'Nowak', 'Nwosu', 'Walsh', 'Rossi', 'Schmidt',
  'Khan', 'Bennett', 'Tanaka', 'Silva', 'Cohen', 'Fernández', 'Kim', 'Murphy', 'MacDonald', 'Mensah', 'Andersen', 'Morales',
  'Haddad', 'Byrne', 'Goldberg', 'Patel', 'Popescu', 'Adeyemi', 'Berg', 'Thompson', 'Petrova', 'Singh', 'Levi', 'Gallagher',
  'Moreau', 'Lefèvre', 'Robinson', 'Nakamura', 'Weber', 'Farouk', 'Clarke', 'Costa', 'Müller', 'Sørensen', 'Ångström',
  'Gonçalves', 'Wójcik', 'Kowalczyk', 'Dvořák', 'Novák', 'Yılmaz', 'Öztürk', 'Nguyễn', 'Trần', 'Lê', 'Jiménez', 'Núñez',
  'Peña', 'Ibáñez', 'Böhm', 'Krüger', 'Håkansson', 'Þórsson', 'Ó Súilleabháin', 'Okonkwo', 'Abubakar', 'Sato', 'Watanabe',
  'Rodríguez', 'López', 'Hernández', 'Castaño', 'Šimić', 'Horváth', 'Szabó', 'Kovačević', 'Papadopoulos', 'Ferreira',
];
const NICKNAMES = ['Pepe', 'Ollie', 'Sam', 'Beni', 'Lulu', 'Zo', 'Mo', 'Jojo', 'Kiki', 'Flash', 'Rocket', 'Coco', 'Teddy', 'Nico', 'Dani', 'Maxi'];
const LEVELS = ['beginner', 'intermediate', 'advanced', 'elite', 'masters'] as const;
const LABELS = ['@marathon', '@half-marathon', '@10k', '@5k', '@trail', '@track', '@injury-watch', '@comeback', '@masters', '@ultra', '@xc', '@u20'];
const GROUPS = ['Marathon squad', 'Tuesday track', 'Beginners 5k', 'Trail crew', 'Masters', 'Juniors', 'Sunday long run', 'Ultra project'];
const NOTES = ['', '', 'Left knee: ease off hills until the physio signs off.', 'Targeting a sub-3:30 marathon in the spring.', 'Prefers morning sessions.', 'Run-walk intervals only for now.'];
const DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example', 'club.example'];
const COACHES = [
  { email: 'coach1@large.bench', first: 'Marcus', last: 'Okafor' },
  { email: 'coach2@large.bench', first: 'Priya', last: 'Raman' },
  { email: 'coach3@large.bench', first: 'Gunnar', last: 'Eriksson' },
  { email: 'coach4@large.bench', first: 'Lucía', last: 'Domínguez' },
] as const;

const ascii = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[łŁ]/g, 'l').replace(/[øØ]/g, 'o').replace(/[þÞ]/g, 'th').replace(/[ßẞ]/g, 'ss').toLowerCase().replace(/[^a-z]/g, '');

/** A version-4-shaped UUID from the PRNG, so ids are the same in every run. */
function uuidFrom(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export type SeededOrg = { orgId: string; email: string; password: string; athletes: number };
export type LargeSeed = { large: SeededOrg; empty: SeededOrg };

/** Builds the athletes (validated with the shared schema, as a sync pull would be). */
export function generateAthletes(count: number, coachIds: readonly string[], groupIds: readonly string[], now: string, seed = 20261127): Athlete[] {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const taken = new Map<string, number>();
  const out: Athlete[] = [];
  for (let i = 0; i < count; i++) {
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    const base = `${ascii(first)}.${ascii(last)}`;
    const n = (taken.get(base) ?? 0) + 1;
    taken.set(base, n);
    const labels = [...new Set(Array.from({ length: Math.floor(rand() * 4) }, () => pick(LABELS)))];
    const r = rand();
    const athlete: Athlete = {
      id: uuidFrom(rand),
      user_id: uuidFrom(rand),
      first_name: first,
      last_name: last,
      email: `${base}${n > 1 ? n : ''}@${pick(DOMAINS)}`,
      display_name: r < 0.15 ? pick(NICKNAMES) : null,
      member_level: rand() < 0.1 ? null : pick(LEVELS),
      labels,
      private_notes: pick(NOTES),
      status: r > 0.93 ? 'suspended' : r > 0.8 ? 'inactive' : 'active',
      coach_ids: rand() < 0.25 ? [] : [pick(coachIds), ...(rand() < 0.1 ? [pick(coachIds)] : [])].filter((c, k, a) => a.indexOf(c) === k),
      group_ids: groupIds.filter(() => rand() < 0.15),
      goal_race: null,
      target_pace_s_per_km: null,
      max_hr: null,
      resting_hr: null,
      integrations: [],
      created_at: now,
      updated_at: now,
    };
    out.push(Athlete.parse(athlete));
  }
  return out;
}

const CHUNK = 2000;

/** Inserts athletes and their accounts with multi-row INSERTs, giving each the organization's next seq. */
async function insertAthletes(store: DocumentStore, orgId: string, athletes: readonly Athlete[]): Promise<void> {
  await store.write(orgId, async (w) => {
    let seq = w.lastSeq;
    for (let i = 0; i < athletes.length; i += CHUNK) {
      const chunk = athletes.slice(i, i + CHUNK);
      const users = chunk.map((a) => ({ id: a.user_id, email: a.email, first_name: a.first_name, last_name: a.last_name }));
      await w.tx.query(
        `INSERT INTO users (id, email, first_name, last_name)
         SELECT id, email, first_name, last_name FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, email text, first_name text, last_name text)`,
        [JSON.stringify(users)],
      );
      await w.tx.query(
        `INSERT INTO documents (org_id, collection, id, data, seq, deleted)
         SELECT $1, 'athletes', doc->>'id', doc, $2::bigint + ord, false FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS t(doc, ord)`,
        [orgId, seq, JSON.stringify(chunk)],
      );
      seq += chunk.length;
    }
    // Nothing went through w.put, so the store leaves organizations.seq to us (same transaction, same lock).
    await w.tx.query('UPDATE organizations SET seq = $2 WHERE id = $1', [orgId, seq]);
  });
}

export async function seedLarge(store: DocumentStore, count = 10_000): Promise<LargeSeed> {
  const now = new Date().toISOString();
  const head = { firstName: 'Helga', lastName: 'Hauptmann', password: BENCH_PASSWORD };
  const large = await createOrganizationWithHeadCoach(store, { organizationName: 'Large Running Club', email: LARGE_HEAD_COACH, ...head });
  const empty = await createOrganizationWithHeadCoach(store, { organizationName: 'Empty Running Club', email: EMPTY_HEAD_COACH, ...head });
  const orgId = large.organization.id;
  const rand = seededRandom(7);
  const { coachIds, groupIds } = await store.write(orgId, async (w) => {
    const coachIds = [large.membership.id];
    for (const c of COACHES) {
      const user = await insertUser(w.tx, { email: c.email, firstName: c.first, lastName: c.last, passwordHash: null, id: uuidFrom(rand) });
      const membership = coachMembership(user, 'coach', now, uuidFrom(rand));
      coachIds.push(membership.id);
      await w.put('coaches', membership);
    }
    const groupIds: string[] = [];
    for (const name of GROUPS) {
      const group: Group = { id: uuidFrom(rand), name, created_at: now, updated_at: now };
      groupIds.push(group.id);
      await w.put('groups', group);
    }
    return { coachIds, groupIds };
  });
  await insertAthletes(store, orgId, generateAthletes(count, coachIds, groupIds, now));
  return {
    large: { orgId, email: LARGE_HEAD_COACH, password: BENCH_PASSWORD, athletes: count },
    empty: { orgId: empty.organization.id, email: EMPTY_HEAD_COACH, password: BENCH_PASSWORD, athletes: 0 },
  };
}
