/**
 * Who may call what: every /api/v1 route of the OpenAPI document (the test fails when a route has
 * no row here) and, for every replicated collection of shared/sync/protocol.ts, its pull and push
 * endpoints plus the organization's live stream, for the head coach, a coach, a coach of another
 * organization, an athlete (signed in, no coach membership), no token, an API key of the
 * organization, one of another organization, a REVOKED key of the organization and an EXPIRED
 * session of a coach (its `expires_at` moved into the past in the database: the server compares it
 * with the database's now() on every request, server/auth/sessions.ts). Requests are chosen so that
 * an allowed caller changes nothing that a later row depends on (same values, unknown ids,
 * existing emails). Private notes in athlete-facing answers: permissions-private.test.ts.
 */
import { expect, it } from 'vitest';
import type { Athlete } from '../../shared/domain/athlete';
import type { CoachMembership } from '../../shared/domain/organization';
import { SYNC_COLLECTIONS } from '../../shared/sync/protocol';
import { COACH1, DEMO_PASSWORD, HEAD, createOtherOrganization, describeOnBackends, login, request, type Session } from './helpers';
import { athleteSession, coaches, createKey, expireSession, orgPath, revokeKey, streamStatus, type ErrorBody, type Page } from './role-helpers';

const WHO = ['head', 'coach', 'other', 'athlete', 'none', 'key', 'other_key', 'revoked_key', 'expired'] as const;
type Who = (typeof WHO)[number];
type Derived = 'other_key' | 'revoked_key' | 'expired';
type Expect = Record<Exclude<Who, Derived>, number>;

type Ctx = { orgId: string; athlete: Athlete; headCoachId: string; coachIds: string[]; planId: string };
type Row = {
  route: string;
  expect: Expect;
  /** Path parameters other than org_id / athlete_id. */
  params?: (ctx: Ctx) => Record<string, string>;
  body?: (ctx: Ctx) => unknown;
  query?: string;
  /** The request ends the session: use a fresh one for it. */
  freshSession?: boolean;
  /** The live stream: an allowed caller's answer never ends, so only the status is read. */
  stream?: boolean;
};

/** Any coach of the organization, or its API key. */
const ANY_COACH = (ok: number): Expect => ({ head: ok, coach: ok, other: 403, athlete: 403, none: 401, key: ok });
/** The signed-in head coach only (an API key has coach rights). */
const HEAD_ONLY = (ok: number): Expect => ({ head: ok, coach: 403, other: 403, athlete: 403, none: 401, key: 403 });
/** Sync: coaches of the organization, session tokens only. */
const SYNC = (ok: number): Expect => ({ head: ok, coach: ok, other: 403, athlete: 403, none: 401, key: 401 });
/** Anyone signed in as a person. */
const ACCOUNT = (ok: number): Expect => ({ head: ok, coach: ok, other: ok, athlete: ok, none: 401, key: 401 });
/** No sign-in needed; credentials change nothing. */
const PUBLIC = (status: number): Expect => ({ head: status, coach: status, other: status, athlete: status, none: status, key: status });

const random = () => crypto.randomUUID();

const ROWS: Row[] = [
  { route: 'POST /api/v1/auth/login', expect: PUBLIC(200), body: () => ({ email: COACH1, password: DEMO_PASSWORD }) },
  { route: 'POST /api/v1/auth/signup', expect: PUBLIC(403), body: () => ({ organization_name: 'X', first_name: 'A', last_name: 'B', email: 'x@y.test', password: 'long-enough-1' }) },
  { route: 'GET /api/v1/config', expect: PUBLIC(200) },
  { route: 'GET /api/v1/me', expect: ACCOUNT(200) },
  { route: 'POST /api/v1/auth/logout', expect: ACCOUNT(204), freshSession: true },

  { route: 'GET /api/v1/organizations/{org_id}/athletes', expect: ANY_COACH(200), query: '?limit=1' },
  { route: 'GET /api/v1/organizations/{org_id}/athletes/{athlete_id}', expect: ANY_COACH(200) },
  { route: 'PATCH /api/v1/organizations/{org_id}/athletes/{athlete_id}', expect: ANY_COACH(200), body: (c) => ({ status: c.athlete.status }) },
  { route: 'PUT /api/v1/organizations/{org_id}/athletes/{athlete_id}/coaches', expect: HEAD_ONLY(200), body: (c) => ({ coach_ids: c.athlete.coach_ids }) },
  {
    route: 'POST /api/v1/organizations/{org_id}/athletes/bulk',
    expect: ANY_COACH(200),
    body: (c) => ({ action: 'set_status', status: c.athlete.status, athlete_ids: [c.athlete.id] }),
  },

  // Adding and removing athletes (tests/server/members.test.ts): an email without an account, an id that is no athlete.
  { route: 'POST /api/v1/organizations/{org_id}/athletes', expect: ANY_COACH(404), body: () => ({ email: `nobody-${random().slice(0, 8)}@nowhere.test` }) },
  { route: 'DELETE /api/v1/organizations/{org_id}/athletes/{athlete_id}', expect: ANY_COACH(404), params: () => ({ athlete_id: random() }) },

  { route: 'GET /api/v1/organizations/{org_id}/coaches', expect: ANY_COACH(200) },
  { route: 'POST /api/v1/organizations/{org_id}/coaches', expect: HEAD_ONLY(409), body: () => ({ email: COACH1 }) },
  { route: 'GET /api/v1/organizations/{org_id}/coach-invitations', expect: HEAD_ONLY(200), query: '?limit=1' },
  { route: 'DELETE /api/v1/organizations/{org_id}/coach-invitations/{invitation_id}', expect: HEAD_ONLY(404), params: () => ({ invitation_id: random() }) },
  { route: 'POST /api/v1/organizations/{org_id}/coach-invitations/{invitation_id}/resend', expect: HEAD_ONLY(404), params: () => ({ invitation_id: random() }) },
  { route: 'DELETE /api/v1/organizations/{org_id}/coaches/{coach_id}', expect: HEAD_ONLY(404), params: () => ({ coach_id: random() }) },
  {
    route: 'PATCH /api/v1/organizations/{org_id}/coaches/{coach_id}',
    expect: HEAD_ONLY(200),
    params: (c) => ({ coach_id: c.headCoachId }),
    body: () => ({ role: 'head_coach' }),
  },
  { route: 'GET /api/v1/organizations/{org_id}/groups', expect: ANY_COACH(200) },

  { route: 'GET /api/v1/organizations/{org_id}/training-plans', expect: ANY_COACH(200), query: '?limit=1' },
  {
    route: 'POST /api/v1/organizations/{org_id}/training-plans',
    expect: ANY_COACH(201),
    body: () => ({ name: `Permission plan ${random()}`, description: '', level: 'beginner', weeks: 1, sessions: [] }),
  },
  { route: 'GET /api/v1/organizations/{org_id}/training-plans/{plan_id}', expect: ANY_COACH(200), params: (c) => ({ plan_id: c.planId }) },
  { route: 'PATCH /api/v1/organizations/{org_id}/training-plans/{plan_id}', expect: ANY_COACH(404), params: () => ({ plan_id: random() }), body: () => ({ name: 'Renamed' }) },
  { route: 'DELETE /api/v1/organizations/{org_id}/training-plans/{plan_id}', expect: ANY_COACH(404), params: () => ({ plan_id: random() }) },

  { route: 'POST /api/v1/organizations/{org_id}/groups', expect: ANY_COACH(201), body: () => ({ name: `Permission group ${random().slice(0, 8)}` }) },
  { route: 'PATCH /api/v1/organizations/{org_id}/groups/{group_id}', expect: ANY_COACH(404), params: () => ({ group_id: random() }), body: () => ({ name: 'Renamed' }) },
  { route: 'DELETE /api/v1/organizations/{org_id}/groups/{group_id}', expect: ANY_COACH(404), params: () => ({ group_id: random() }) },

  { route: 'GET /api/v1/organizations/{org_id}/athletes/{athlete_id}/plans', expect: ANY_COACH(200) },
  {
    route: 'POST /api/v1/organizations/{org_id}/athletes/{athlete_id}/plans',
    expect: ANY_COACH(404),
    body: () => ({ training_plan_id: random(), start_date: '2026-01-05' }),
  },
  {
    route: 'PATCH /api/v1/organizations/{org_id}/athletes/{athlete_id}/plans/{assignment_id}',
    expect: ANY_COACH(404),
    params: () => ({ assignment_id: random() }),
    body: () => ({ ended_on: null }),
  },
  { route: 'DELETE /api/v1/organizations/{org_id}/athletes/{athlete_id}/plans/{assignment_id}', expect: ANY_COACH(404), params: () => ({ assignment_id: random() }) },
  {
    route: 'POST /api/v1/organizations/{org_id}/plan-assignments/bulk',
    expect: ANY_COACH(404),
    body: (c) => ({ training_plan_id: random(), start_date: '2026-01-05', athlete_ids: [c.athlete.id] }),
  },

  { route: 'POST /api/v1/organizations/{org_id}/api-keys', expect: HEAD_ONLY(201), body: () => ({ name: 'Permission test' }) },
  { route: 'GET /api/v1/organizations/{org_id}/api-keys', expect: HEAD_ONLY(200) },
  { route: 'DELETE /api/v1/organizations/{org_id}/api-keys/{key_id}', expect: HEAD_ONLY(404), params: () => ({ key_id: random() }) },

  { route: 'POST /api/v1/organizations/{org_id}/invitations', expect: ANY_COACH(201), body: () => ({ type: 'multi_use', max_uses: 1 }) },
  { route: 'GET /api/v1/organizations/{org_id}/invitations', expect: ANY_COACH(200), query: '?limit=1' },
  { route: 'GET /api/v1/organizations/{org_id}/invitations/{invitation_id}', expect: ANY_COACH(404), params: () => ({ invitation_id: random() }) },
  { route: 'DELETE /api/v1/organizations/{org_id}/invitations/{invitation_id}', expect: ANY_COACH(404), params: () => ({ invitation_id: random() }) },
  { route: 'POST /api/v1/organizations/{org_id}/invitations/{invitation_id}/resend', expect: ANY_COACH(404), params: () => ({ invitation_id: random() }) },
  {
    route: 'POST /api/v1/organizations/{org_id}/athletes/{athlete_id}/activities',
    expect: ANY_COACH(201),
    body: () => ({ sport: 'run', start_time: '2026-03-02T07:00:00.000Z', duration_s: 1800, distance_m: 6000, elevation_gain_m: null, avg_hr: null, max_hr: null, rpe: null }),
  },
  { route: 'GET /api/v1/organizations/{org_id}/athletes/{athlete_id}/activities', expect: ANY_COACH(200), query: '?limit=1' },
  { route: 'GET /api/v1/organizations/{org_id}/athletes/{athlete_id}/profile', expect: ANY_COACH(200) },
  {
    route: 'PUT /api/v1/organizations/{org_id}/athletes/{athlete_id}/goal',
    expect: ANY_COACH(200),
    body: (c) => ({ goal_race: c.athlete.goal_race, target_pace_s_per_km: c.athlete.target_pace_s_per_km }),
  },
  {
    route: 'PUT /api/v1/organizations/{org_id}/athletes/{athlete_id}/integrations/{provider}',
    expect: ANY_COACH(404),
    params: () => ({ athlete_id: random(), provider: 'strava' }),
    body: () => ({ state: 'connected' }),
  },
  { route: 'GET /api/v1/organizations/{org_id}/attention-signals', expect: ANY_COACH(200) },
  { route: 'POST /api/v1/organizations/{org_id}/attention-signals/{signal_id}/acknowledge', expect: ANY_COACH(404), params: () => ({ signal_id: random() }) },
  { route: 'POST /api/v1/organizations/{org_id}/attention-signals/{signal_id}/snooze', expect: ANY_COACH(404), params: () => ({ signal_id: random() }), body: () => ({ until: '2099-01-01' }) },
  { route: 'POST /api/v1/organizations/{org_id}/attention-signals/{signal_id}/reopen', expect: ANY_COACH(404), params: () => ({ signal_id: random() }) },

  // Anyone may try a link; an unknown one is the same 404 for every signed-in caller, and no credential at all is a 400 (body or session needed).
  {
    route: 'POST /api/v1/invitations/{token}/accept',
    expect: { head: 404, coach: 404, other: 404, athlete: 404, none: 400, key: 400 },
    params: () => ({ token: 'x'.repeat(43) }),
  },

  // Sync: pull and push of every replicated collection (a push of no rows is enough to be let in or
  // not; what a pushed row may change is sync*.test.ts's subject), and the one live stream.
  ...SYNC_COLLECTIONS.flatMap((c): Row[] => [
    { route: `GET /sync/v2/orgs/{org_id}/${c}/pull`, expect: SYNC(200), query: '?seq=0&limit=5' },
    { route: `POST /sync/v2/orgs/{org_id}/${c}/push`, expect: SYNC(200), body: () => ({ rows: [] }) },
  ]),
  { route: 'GET /sync/v2/orgs/{org_id}/stream', expect: SYNC(200), stream: true },
];

/** An API key of another organization: refused wherever the organization's own key would get in. */
const otherKeyStatus = (e: Expect) => (e.key === 401 || e.key === 403 || e.key === e.none ? e.key : 403);
/** A revoked key is no credential: 401 wherever a key is read; where keys are ignored, as no token. */
const revokedKeyStatus = (e: Expect) => (e.key === e.none ? e.none : 401);
/** An expired session is no credential: 401 wherever a sign-in counts; as no token where it does not. */
const expiredStatus = (e: Expect) => (e.none === 401 || e.coach === e.none ? e.none : 401);
const wanted = (row: Row, who: Who): number =>
  who === 'other_key' ? otherKeyStatus(row.expect) : who === 'revoked_key' ? revokedKeyStatus(row.expect) : who === 'expired' ? expiredStatus(row.expect) : row.expect[who];

describeOnBackends('permissions of every route', (server) => {
  type Caller = { token?: string; key?: string; relogin?: () => Promise<Session> };
  let callers: Record<Who, Caller>;
  let ctx: Ctx;

  it('covers every route of the OpenAPI document', async () => {
    const doc = await request<{ paths: Record<string, Record<string, unknown>> }>(server(), 'GET', '/api/v1/openapi.json');
    const documented = Object.entries(doc.body.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const inTable = new Set(ROWS.map((r) => r.route));
    expect(documented.filter((r) => !inTable.has(r)), 'routes without a permission row').toEqual([]);
  });

  it('covers pull and push of every replicated collection and the live stream', () => {
    const sync = ROWS.filter((r) => r.route.includes(' /sync/')).map((r) => r.route);
    const want = [...SYNC_COLLECTIONS.flatMap((c) => [`GET /sync/v2/orgs/{org_id}/${c}/pull`, `POST /sync/v2/orgs/{org_id}/${c}/push`]), 'GET /sync/v2/orgs/{org_id}/stream'];
    expect(sync.sort()).toEqual(want.sort());
    expect(ROWS.length).toBeGreaterThan(SYNC_COLLECTIONS.length * 2);
  });

  it('answers each caller as the table says', async () => {
    const head = await login(server(), HEAD);
    const coach = await login(server(), COACH1);
    const otherEmail = `perm-${crypto.randomUUID().slice(0, 8)}@other.test`;
    const other = await createOtherOrganization(server(), otherEmail);
    const athlete = await athleteSession(server(), head, 1);
    const key = await createKey(server(), head, 'Permissions');
    const otherKey = await createKey(server(), { ...head, orgId: other.orgId, token: other.token }, 'Theirs');
    // Credentials that worked once: a key revoked through the API, a coach's session that ran out.
    const revoked = await revokeKey(server(), head, await createKey(server(), head, 'Revoked'));
    const expired = await expireSession(server(), await login(server(), COACH1));
    const athletes = (await request<Page>(server(), 'GET', orgPath(head.orgId, '/athletes?coach_id=none&limit=1'), { token: head.token })).body.data;
    const list: CoachMembership[] = await coaches(server(), head);
    const plans = await request<{ data: { id: string }[] }>(server(), 'GET', orgPath(head.orgId, '/training-plans?limit=1'), { token: head.token });
    ctx = {
      orgId: head.orgId,
      athlete: athletes[0] as Athlete,
      headCoachId: list.find((c) => c.role === 'head_coach')?.id as string,
      coachIds: list.map((c) => c.id),
      planId: plans.body.data[0]?.id ?? random(),
    };
    callers = {
      head: { token: head.token, relogin: () => login(server(), HEAD) },
      coach: { token: coach.token, relogin: () => login(server(), COACH1) },
      other: { token: other.token, relogin: () => login(server(), otherEmail, 'other-password-1') },
      athlete: { token: athlete.token, relogin: () => login(server(), athlete.athlete.email) },
      none: {},
      key: { key: key.key },
      other_key: { key: otherKey.key },
      revoked_key: { key: revoked.key },
      expired: { token: expired.token },
    };

    const failures: string[] = [];
    let checked = 0;
    for (const row of ROWS) {
      const [method, template] = row.route.split(' ') as [string, string];
      const params: Record<string, string> = { org_id: ctx.orgId, athlete_id: ctx.athlete.id, ...row.params?.(ctx) };
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `missing-${name}`) + (row.query ?? '');
      for (const who of WHO) {
        const want = wanted(row, who);
        const caller = callers[who];
        const token = row.freshSession && caller.relogin ? (await caller.relogin()).token : caller.token;
        const body = row.body?.(ctx);
        const options = {
          token,
          ...(caller.key ? { headers: { 'x-api-key': caller.key } } : {}),
          ...(body === undefined ? {} : { json: body }),
        };
        const res = row.stream ? await streamStatus(server(), path, options) : await request<ErrorBody>(server(), method, path, options);
        checked += 1;
        if (res.status !== want) failures.push(`${row.route} as ${who}: ${res.status} (want ${want}) ${res.text.slice(0, 160)}`);
        else if (want === 401 && res.body.error.code !== 'unauthorized') failures.push(`${row.route} as ${who}: 401 with code ${res.body.error.code}`);
        else if (want === 403 && row.expect.head !== 403 && res.body.error.code !== 'forbidden') failures.push(`${row.route} as ${who}: 403 with code ${res.body.error.code}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBe(ROWS.length * WHO.length);
    console.info(`[permissions] ${server().backend}: ${ROWS.length} routes (${ROWS.filter((r) => r.route.includes(' /sync/')).length} sync) x ${WHO.length} callers = ${checked} answers checked`);
  });

  it('an allowed caller left the data as it was (the rows change nothing that matters)', async () => {
    const head = await login(server(), HEAD);
    const now = (await request<Athlete>(server(), 'GET', orgPath(head.orgId, `/athletes/${ctx.athlete.id}`), { token: head.token })).body;
    expect(now).toEqual(ctx.athlete);
    expect((await coaches(server(), head)).map((c) => [c.id, c.role])).toEqual(expect.arrayContaining([[ctx.headCoachId, 'head_coach']]));
  });
});
