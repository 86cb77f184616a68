import { describe, expect, it } from 'vitest';
import { CoachInvitation, CoachInvitationPage } from './coach-invitation';

const valid = {
  id: 'ci_1', email: 'new@demo.local', first_name: null, status: 'pending', invited_by: 'c1', invited_by_name: 'Head',
  expires_at: '2026-01-01T00:00:00.000Z', send_count: 1, email_status: 'sent', email_error: null, last_sent_at: null,
  accepted_at: null, accepted_coach_id: null, revoked_at: null, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z',
};

describe('CoachInvitation schema', () => {
  it('accepts the wire shape the API answers', () => {
    expect(CoachInvitation.parse(valid)).toEqual(valid);
    expect(CoachInvitationPage.parse({ data: [valid] }).data).toHaveLength(1);
  });
  it('refuses an unknown status, a missing field or a wrong type', () => {
    expect(CoachInvitation.safeParse({ ...valid, status: 'lost' }).success).toBe(false);
    const { email: _email, ...noEmail } = valid;
    expect(CoachInvitation.safeParse(noEmail).success).toBe(false);
    expect(CoachInvitation.safeParse({ ...valid, send_count: '1' }).success).toBe(false);
    expect(CoachInvitationPage.safeParse({ data: 'nope' }).success).toBe(false);
  });
});
