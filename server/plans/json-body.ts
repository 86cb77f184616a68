/**
 * The OpenAPI body validator skips a request without a JSON Content-Type and hands the route `{}`:
 * for a PATCH whose fields are all optional that would be a silent no-op. This refuses it instead.
 */
import type { MiddlewareHandler } from 'hono';
import { HttpProblem } from '../http/errors';

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\b/i;

export const requireJsonBody: MiddlewareHandler = async (c, next) => {
  if (['POST', 'PATCH', 'PUT'].includes(c.req.method) && !JSON_TYPE.test(c.req.header('content-type') ?? '')) {
    throw new HttpProblem(400, 'invalid_request', 'A JSON body is required (Content-Type: application/json).');
  }
  await next();
};
