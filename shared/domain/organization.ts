import { z } from 'zod';
import { Email, Id, Timestamp, lineText } from './common';

export const Organization = z.object({
  id: Id,
  name: lineText(120).pipe(z.string().min(1, 'is required')),
  time_zone: z.string().min(1).max(64),
  created_at: Timestamp,
});
export type Organization = z.infer<typeof Organization>;

export const CoachRole = z.enum(['head_coach', 'coach']);
export type CoachRole = z.infer<typeof CoachRole>;

/** A coach's membership of an organization, replicated read-only to the app (collection `coaches`). */
export const CoachMembership = z.object({
  id: Id,
  user_id: Id,
  first_name: lineText(80),
  last_name: lineText(80),
  email: Email,
  role: CoachRole,
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type CoachMembership = z.infer<typeof CoachMembership>;

export const User = z.object({
  id: Id,
  email: Email,
  first_name: z.string(),
  last_name: z.string(),
});
export type User = z.infer<typeof User>;

export const Password = z.string().min(8, 'must be at least 8 characters').max(200, 'must be at most 200 characters');

export const LoginRequest = z.strictObject({ email: Email, password: z.string().min(1).max(200) });
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SignupRequest = z.strictObject({
  organization_name: lineText(120).pipe(z.string().min(1, 'is required')),
  first_name: lineText(80).pipe(z.string().min(1, 'is required')),
  last_name: lineText(80),
  email: Email,
  password: Password,
  time_zone: z.string().min(1).max(64).optional(),
});
export type SignupRequest = z.infer<typeof SignupRequest>;

/** An organization the user coaches; `time_zone` decides what "today" is for its plans (shared/schedule). */
export const OrganizationMembershipSummary = z.object({ id: Id, name: z.string(), role: CoachRole, time_zone: z.string() });
export type OrganizationMembershipSummary = z.infer<typeof OrganizationMembershipSummary>;

/** Answer of POST /api/v1/auth/login and /auth/signup. */
export const SessionResponse = z.object({
  token: z.string(),
  user: User,
  organizations: z.array(OrganizationMembershipSummary),
});
export type SessionResponse = z.infer<typeof SessionResponse>;
