/**
 * Shared pieces of the public REST API (/api/v1): the OpenAPIHono factory whose defaultHook turns
 * every validation failure into `400 {error: {code: 'invalid_request', message: '<field>: <reason>', field}}`,
 * and the documented error answers.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Env } from 'hono';
import { describeZodError, errorBody } from '../http/errors';
import { ErrorDoc } from './schemas';

export function newApi<E extends Env>(): OpenAPIHono<E> {
  return new OpenAPIHono<E>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const { message, field } = describeZodError(result.error as z.ZodError);
      return c.json(errorBody('invalid_request', message, field), 400);
    },
  });
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorDoc } } });

export const ERRORS = {
  400: errorResponse('Invalid request: `message` names the field and the reason'),
  401: errorResponse('Missing, invalid or expired session token'),
  403: errorResponse('Not allowed for this caller'),
  404: errorResponse('Not found (or not in the caller’s organization)'),
  409: errorResponse('Conflict with existing data'),
  429: errorResponse('Too many attempts; the Retry-After header says how many seconds to wait'),
} as const;

export const BEARER = [{ bearer: [] as string[] }];
/** Organization routes: a session token, or an organization API key (coach rights). */
export const BEARER_OR_API_KEY: Record<string, string[]>[] = [{ bearer: [] }, { apiKey: [] }];

export const OrgParams = z.object({ org_id: z.string().openapi({ param: { name: 'org_id', in: 'path' }, format: 'uuid' }) });

export { requireCoach, type Member, type MemberEnv } from '../auth/membership';
