import { afterEach, describe, expect, it } from 'vitest';
import type { Invitation } from '../../shared/domain/invitation';
import type { AstralData } from './database';
import {
  createInvitation,
  invitationRows,
  linkFor,
  newLinkHere,
  resendInvitation,
  revokeInvitation,
  watchInvitations,
  type InvitationDraft,
} from './invitations';
import { newLinkToken, sha256Fallback, sha256Hex } from './linkToken';
import { readOutbox, removeFromOutbox } from './syncStatus';
import { TEST_COLLECTIONS, openTestDatabase, sampleAthlete, sampleGroup, samplePlan, uuid } from './testDb';
import { firstValueFrom } from 'rxjs';

let open: AstralData | null = null;
afterEach(async () => {
  await open?.db.close();
  open = null;
});

const COACH = uuid(20_001);
const SERVER = 'http://coach.test:8787/';

async function setup() {
  const data = await openTestDatabase([...TEST_COLLECTIONS, 'invitations']);
  open = data;
  await data.db.athletes.insert(sampleAthlete(1, { email: 'ana@example.test' }));
  await data.db.groups.insert(sampleGroup(1, { name: 'Track' }));
  await data.db.training_plans.bulkInsert([samplePlan(1), samplePlan(2, { name: 'Old plan', archived: true })]);
  return data;
}

const nina: InvitationDraft = {
  type: 'single_use',
  first_name: ' Nina ',
  email: 'Nina@Example.test',
  group_id: uuid(50_001),
  training_plan_id: uuid(40_001),
  plan_start_date: '2026-12-07',
};

async function created(db: AstralData['db'], draft: InvitationDraft = nina) {
  const made = await createInvitation(db, draft, COACH);
  if (!made.ok) throw new Error(made.message);
  return made.value;
}

describe('link tokens', () => {
  it('are 32 random bytes in base64url, and the fallback SHA-256 matches crypto.subtle', async () => {
    const token = newLinkToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newLinkToken()).not.toBe(token);
    const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    expect(hex(sha256Fallback(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha256Fallback(new Uint8Array(0)))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    for (const text of [token, 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), 'é'.repeat(300)]) {
      expect(hex(sha256Fallback(new TextEncoder().encode(text)))).toBe(await sha256Hex(text));
    }
  });
});

describe('createInvitation', () => {
  it('stores a single-use invitation with the hash of a token kept on this laptop only', async () => {
    const { db } = await setup();
    const { invitation, token } = await created(db);
    expect(invitation).toMatchObject({
      type: 'single_use',
      first_name: 'Nina',
      email: 'nina@example.test',
      group_id: uuid(50_001),
      training_plan_id: uuid(40_001),
      plan_start_date: '2026-12-07',
      max_uses: null,
      expires_at: null,
      status: 'pending',
      uses: 0,
      send_count: 1,
      email_status: 'queued',
      created_by: COACH,
      accepted_athlete_id: null,
      revoked_at: null,
    });
    expect(invitation.link_token_hash).toBe(await sha256Hex(token));
    expect(JSON.stringify((await db.invitations.findOne(invitation.id).exec())?.toJSON())).not.toContain(token);
    expect(await readOutbox(db)).toEqual([`invitations:${invitation.id}`]);
    expect(await linkFor(db, invitation, SERVER)).toBe(`http://coach.test:8787/join/${token}`);
    expect(await linkFor(db, { id: uuid(99) }, SERVER)).toBeNull();
  });

  it('stores a multi-use link with its limit and expiry, no email, and no plan start without a plan', async () => {
    const { db } = await setup();
    const expires = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const { invitation } = await created(db, {
      type: 'multi_use',
      first_name: 'ignored',
      group_id: uuid(50_001),
      plan_start_date: '2026-12-07',
      max_uses: 5,
      expires_at: expires,
    });
    expect(invitation).toMatchObject({
      type: 'multi_use',
      first_name: null,
      email: null,
      training_plan_id: null,
      plan_start_date: null,
      max_uses: 5,
      expires_at: expires,
      send_count: 0,
      email_status: 'none',
    });
  });

  it('refuses bad drafts with a message per field and writes nothing', async () => {
    const { db } = await setup();
    const cases: [InvitationDraft, Record<string, string>][] = [
      [{ ...nina, first_name: '  ' }, { first_name: 'required' }],
      [{ ...nina, email: 'not-an-email' }, { email: expect.any(String) as unknown as string }],
      [{ ...nina, group_id: uuid(50_009) }, { group_id: 'This group no longer exists.' }],
      [{ ...nina, training_plan_id: uuid(40_009) }, { training_plan_id: 'This plan no longer exists.' }],
      [{ ...nina, training_plan_id: uuid(40_002) }, { training_plan_id: 'Old plan is archived.' }],
      [{ ...nina, plan_start_date: '2026-13-01' }, { plan_start_date: expect.any(String) as unknown as string }],
      [{ ...nina, email: 'ANA@example.test' }, { email: 'This email is already in the organization.' }],
      [{ type: 'multi_use', max_uses: 0 }, { max_uses: expect.any(String) as unknown as string }],
      [{ type: 'multi_use', expires_at: '2020-01-01T00:00:00.000Z' }, { expires_at: 'must be in the future' }],
    ];
    for (const [draft, fieldErrors] of cases) {
      const result = await createInvitation(db, draft, COACH);
      expect(result.ok, JSON.stringify(draft)).toBe(false);
      if (!result.ok) expect(result.fieldErrors).toEqual(fieldErrors);
    }
    expect(await db.invitations.count().exec()).toBe(0);
    expect(await readOutbox(db)).toEqual([]);
  });

  it('refuses a second pending invitation of the same email, but not after the first was revoked', async () => {
    const { db } = await setup();
    const first = await created(db);
    expect(await createInvitation(db, { ...nina, email: 'NINA@example.test' }, COACH)).toMatchObject({
      ok: false,
      message: 'nina@example.test already has a pending invitation: resend it instead.',
    });
    await revokeInvitation(db, first.invitation.id);
    expect((await createInvitation(db, nina, COACH)).ok).toBe(true);
  });
});

describe('revoke, resend and a link on another laptop', () => {
  it('revokes a pending invitation once', async () => {
    const { db } = await setup();
    const { invitation } = await created(db);
    await removeFromOutbox(db, await readOutbox(db));
    const revoked = await revokeInvitation(db, invitation.id);
    expect(revoked).toMatchObject({ ok: true, value: { status: 'revoked' } });
    if (revoked.ok) expect(revoked.value.revoked_at).not.toBeNull();
    expect(await readOutbox(db)).toEqual([`invitations:${invitation.id}`]);
    expect(await revokeInvitation(db, invitation.id)).toEqual({ ok: false, message: 'This invitation is revoked: nothing was changed.' });
    expect(await resendInvitation(db, invitation.id)).toMatchObject({ ok: false });
    expect(await revokeInvitation(db, uuid(77))).toEqual({ ok: false, message: 'This invitation no longer exists.' });
  });

  it('resends a single-use invitation (one more email), never a multi-use link', async () => {
    const { db } = await setup();
    const { invitation } = await created(db);
    expect(await resendInvitation(db, invitation.id)).toMatchObject({ ok: true, value: { send_count: 2 } });
    expect(await resendInvitation(db, invitation.id)).toMatchObject({ ok: true, value: { send_count: 3 } });
    const link = await created(db, { type: 'multi_use' });
    expect(await resendInvitation(db, link.invitation.id)).toEqual({ ok: false, message: 'Only an invitation to one person is sent by email.' });
  });

  it('makes a new link on a laptop without the token, replacing only the hash', async () => {
    const { db } = await setup();
    const { invitation, token } = await created(db, { type: 'multi_use' });
    await db.getLocal(`invitation-link:${invitation.id}`).then((d) => d?.remove()); // as on another laptop
    expect(await linkFor(db, invitation, SERVER)).toBeNull();
    const made = await newLinkHere(db, invitation.id, SERVER);
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const newToken = made.value.split('/join/')[1] ?? '';
    expect(newToken).not.toBe(token);
    expect(await linkFor(db, invitation, SERVER)).toBe(made.value);
    expect((await db.invitations.findOne(invitation.id).exec())?.link_token_hash).toBe(await sha256Hex(newToken));
  });
});

describe('invitation states in the list', () => {
  const base = (n: number, patch: Partial<Invitation> = {}): Invitation => ({
    id: uuid(n),
    type: 'multi_use',
    first_name: null,
    email: null,
    group_id: null,
    training_plan_id: null,
    plan_start_date: null,
    max_uses: null,
    expires_at: null,
    status: 'pending',
    uses: 0,
    accepted_athlete_id: null,
    accepted_at: null,
    link_token_hash: null,
    send_count: 0,
    email_status: 'none',
    email_error: null,
    last_sent_at: null,
    created_by: COACH,
    revoked_at: null,
    created_at: `2026-11-0${n}T10:00:00.000Z`,
    updated_at: `2026-11-0${n}T10:00:00.000Z`,
    ...patch,
  });

  it('says waiting while unsent, else the stored or derived state, newest first', () => {
    const now = new Date('2026-11-20T00:00:00.000Z');
    const rows = invitationRows(
      [
        base(1),
        base(2, { max_uses: 2, uses: 2 }),
        base(3, { expires_at: '2026-11-10T00:00:00.000Z' }),
        base(4, { status: 'revoked' }),
        base(5, { type: 'single_use', status: 'accepted', uses: 1 }),
        base(6, { status: 'revoked' }),
      ],
      ['invitations:' + uuid(6), 'athletes:' + uuid(1)],
      now,
    );
    expect(rows.map((r) => [r.id, r.state])).toEqual([
      [uuid(6), 'waiting'],
      [uuid(5), 'accepted'],
      [uuid(4), 'revoked'],
      [uuid(3), 'expired'],
      [uuid(2), 'used_up'],
      [uuid(1), 'pending'],
    ]);
  });

  it('turns from waiting to pending live when the outbox entry goes', async () => {
    const { db } = await setup();
    const { invitation } = await created(db);
    expect((await firstValueFrom(watchInvitations(db))).map((r) => r.state)).toEqual(['waiting']);
    await removeFromOutbox(db, [`invitations:${invitation.id}`]);
    expect((await firstValueFrom(watchInvitations(db))).map((r) => r.state)).toEqual(['pending']);
  });
});
