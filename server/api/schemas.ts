/**
 * The shared zod schemas under the names the OpenAPI document uses for them (components), so the
 * document shows `Athlete`, `CoachMembership`, ... once and references them. Validation is unchanged.
 * zod's own `.meta({ id })` is used, not `.openapi()`: the shared schemas may be created before
 * @hono/zod-openapi extends zod (import order), and zod 4 instances made earlier lack `.openapi`.
 */
import type { z } from '@hono/zod-openapi';
import { Athlete, AthletePatch } from '../../shared/domain/athlete';
import { ApiError } from '../../shared/domain/common';
import { Group } from '../../shared/domain/group';
import { CoachMembership, LoginRequest, OrganizationMembershipSummary, SessionResponse, SignupRequest, User } from '../../shared/domain/organization';

export const AthleteDoc = Athlete.meta({ id: 'Athlete' });
export const AthletePatchBody = AthletePatch.meta({ id: 'AthletePatch' });
export const CoachDoc = CoachMembership.meta({ id: 'CoachMembership' });
export const GroupDoc = Group.meta({ id: 'Group' });
export const ErrorDoc = ApiError.meta({ id: 'Error' });
export const LoginBody = LoginRequest.meta({ id: 'LoginRequest' });
export const SignupBody = SignupRequest.meta({ id: 'SignupRequest' });
export const SessionDoc = SessionResponse.meta({ id: 'SessionResponse' });
export const UserDoc = User.meta({ id: 'User' });
export const MembershipSummaryDoc = OrganizationMembershipSummary.meta({ id: 'OrganizationMembership' });

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
