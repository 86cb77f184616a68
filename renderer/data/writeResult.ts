/**
 * The answer of every write of the plans, groups and assignments modules: the written value, or
 * why nothing was written (a message for the coach, and per-field errors keyed by the input's
 * path such as `name` or `sessions.3.day`, for forms).
 */
import type { z } from 'zod';

export type WriteResult<T> = { ok: true; value: T; changed: boolean } | { ok: false; message: string; fieldErrors?: Record<string, string> };

export const written = <T>(value: T, changed = true): WriteResult<T> => ({ ok: true, value, changed });

export const refused = (message: string, fieldErrors?: Record<string, string>): { ok: false; message: string; fieldErrors?: Record<string, string> } =>
  fieldErrors ? { ok: false, message, fieldErrors } : { ok: false, message };

/** The first message per path of a zod error, keyed `a.b.3.c`. */
export function fieldErrorsOf(error: z.ZodError, prefix: readonly PropertyKey[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = [...prefix, ...issue.path].map(String).join('.') || '_';
    out[key] ??= issue.message;
  }
  return out;
}

export const invalid = (error: z.ZodError): { ok: false; message: string; fieldErrors: Record<string, string> } => ({
  ok: false,
  message: 'Please correct the highlighted fields.',
  fieldErrors: fieldErrorsOf(error),
});
