/**
 * A coach invitation as the API answers it (never a token: only the email carries it). One
 * definition for the server's answers and the app, which parses what the server sends with it so
 * a malformed answer becomes a clear error instead of a crash further down.
 */
import { z } from 'zod';

export const CoachInvitationState = z.enum(['pending', 'accepted', 'revoked', 'expired']);
export type CoachInvitationState = z.infer<typeof CoachInvitationState>;

export const CoachInvitation = z.object({
  id: z.string(),
  email: z.string(),
  first_name: z.string().nullable(),
  status: CoachInvitationState.meta({ description: 'expired: still pending when expires_at passed' }),
  invited_by: z.string().meta({ description: 'Coach id of the head coach who invited' }),
  invited_by_name: z.string().nullable(),
  expires_at: z.string(),
  send_count: z.number().int().nonnegative(),
  email_status: z.enum(['queued', 'sent', 'failed']),
  email_error: z.string().nullable(),
  last_sent_at: z.string().nullable(),
  accepted_at: z.string().nullable(),
  accepted_coach_id: z.string().nullable(),
  revoked_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type CoachInvitation = z.infer<typeof CoachInvitation>;

/** A page of the invitations list (`GET /organizations/:id/coach-invitations`). */
export const CoachInvitationPage = z.object({ data: z.array(CoachInvitation) }).passthrough();
export type CoachInvitationPage = z.infer<typeof CoachInvitationPage>;
