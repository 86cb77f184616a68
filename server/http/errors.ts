/**
 * Every error answer of the server has one shape, `{error: {code, message, field?}}` (the shared
 * ApiError schema). Handlers throw HttpProblem; the app's onError turns it (and framework errors
 * such as malformed JSON or an oversized body) into that shape. Anything else is a 500 and logged.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { ApiError } from '../../shared/domain/common';
import { sqlState } from '../db/db';

export class HttpProblem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}

export const notFound = (what: string) => new HttpProblem(404, 'not_found', `${what} not found.`);
export const forbidden = (message: string, field?: string) => new HttpProblem(403, 'forbidden', message, field);

export function errorBody(code: string, message: string, field?: string): ApiError {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

/** The first issue of a zod error as `field: reason`, with the field named. */
export function describeZodError(error: z.ZodError, prefix?: string): { message: string; field?: string } {
  const issue = error.issues[0];
  if (!issue) return { message: 'invalid input' };
  const path = [prefix, ...issue.path.map(String)].filter((p): p is string => Boolean(p));
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const field = [...path, key].join('.');
    return { field, message: `${field}: unknown field` };
  }
  const field = path.join('.');
  if (!field) return { message: issue.message };
  return { field, message: `${field}: ${issue.message}` };
}

export function invalidRequest(error: z.ZodError, prefix?: string): HttpProblem {
  const { message, field } = describeZodError(error, prefix);
  return new HttpProblem(400, 'invalid_request', message, field);
}

const CODES: Partial<Record<number, string>> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  426: 'client_outdated',
  429: 'rate_limited',
};

export type ErrorLogger = { error: (obj: object, msg: string) => void };

export function handleError(err: unknown, c: Context, log: ErrorLogger): Response {
  if (err instanceof HttpProblem) return c.json(errorBody(err.code, err.message, err.field), err.status);
  if (err instanceof HTTPException) {
    const status = err.status;
    if (status >= 500) {
      log.error({ err }, 'request failed');
      return c.json(errorBody('internal', 'Something went wrong on the server.'), 500);
    }
    const code = /malformed json/i.test(err.message) ? 'invalid_json' : (CODES[status] ?? 'bad_request');
    const message = code === 'invalid_json' ? 'The request body is not valid JSON.' : err.message || code;
    return c.json(errorBody(code, message), status);
  }
  // Safety net: a PostgreSQL data exception (SQLSTATE class 22, e.g. a NUL character or a bad
  // number) is caused by the request's data; inputs are validated before, so log it to fix the gap.
  const state = sqlState(err);
  if (state?.startsWith('22')) {
    log.error({ err }, 'data exception reached the database: validate this input at the boundary');
    return c.json(errorBody('invalid_request', 'The request contains a value the server cannot store or compare.'), 400);
  }
  log.error({ err }, 'request failed');
  return c.json(errorBody('internal', 'Something went wrong on the server.'), 500);
}
