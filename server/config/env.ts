/**
 * Environment of the server, parsed once with zod. A bad value names the variable and exits 1
 * (see main.ts). Empty strings count as unset, so `DATABASE_URL=` selects the embedded database.
 */
import { z } from 'zod';

const empty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const flag = z.preprocess(
  empty,
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], { message: 'must be 1 or 0 (or true/false)' })
    .optional()
    .transform((v) => v === '1' || v === 'true' || v === 'yes' || v === 'on'),
);

export const ServerEnv = z.object({
  PORT: z.preprocess(empty, z.coerce.number({ message: 'must be a port number' }).int('must be a whole number').min(0, 'must be 0..65535').max(65535, 'must be 0..65535').default(8787)),
  HOST: z.preprocess(empty, z.string().max(255).default('127.0.0.1')),
  ASTRAL_DATA_DIR: z.preprocess(empty, z.string().max(4096).default('.astral-data')),
  DATABASE_URL: z.preprocess(
    empty,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  PUBLIC_URL: z.preprocess(empty, z.url({ message: 'must be an http(s) URL', protocol: /^https?$/ }).optional()),
  ASTRAL_SIGNUP: z.preprocess(empty, z.enum(['open', 'closed'], { message: "must be 'open' or 'closed'" }).default('closed')),
  ASTRAL_DEMO: flag,
  ASTRAL_DEMO_PASSWORD: z.preprocess(empty, z.string().min(8, 'must be at least 8 characters').max(200).default('astral-demo')),
  SMTP_URL: z.preprocess(
    empty,
    z
      .string()
      .max(2048)
      .refine((v) => URL.canParse(v) && /^smtps?:\/\/[^/?#]/.test(v), 'must be an smtp:// or smtps:// URL (credentials in it: smtp://user:password@host:587)')
      .optional(),
  ),
  MAIL_FROM: z.preprocess(
    empty,
    z
      .string()
      .max(320)
      .regex(/^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/, 'must be an email address, optionally with a name: Astral Coach <coach@example.org>')
      .default('Astral Coach <no-reply@astral.local>'),
  ),
  LOG_LEVEL: z.preprocess(empty, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
});
export type ServerEnv = z.infer<typeof ServerEnv>;

/** A URL's password never reaches the console: smtp://user:secret@host -> smtp://user:***@host. */
const hidePassword = (value: string): string => value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*):[^@/]*@/i, '$1:***@');

export type EnvResult = { ok: true; env: ServerEnv } | { ok: false; errors: string[] };

export function parseEnv(source: Record<string, string | undefined>): EnvResult {
  const parsed = ServerEnv.safeParse(source);
  if (parsed.success) return { ok: true, env: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}=${JSON.stringify(hidePassword(source[String(i.path[0])] ?? ''))}: ${i.message}`),
  };
}
