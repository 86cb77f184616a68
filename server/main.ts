/**
 * `npm run server` entry point.
 *   npm run server                       serve (env: PORT, HOST, ASTRAL_DATA_DIR, DATABASE_URL, PUBLIC_URL,
 *                                        ASTRAL_SIGNUP, ASTRAL_DEMO, ASTRAL_DEMO_PASSWORD, SMTP_URL, MAIL_FROM,
 *                                        LOG_LEVEL)
 *   npm run server -- create-org ...     create an organization and its head coach, print the ids
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { SignupRequest } from '../shared/domain/organization';
import { parseEnv, type ServerEnv } from './config/env';
import { openDatabase, type DatabaseOptions } from './db/open';
import { FolderInUse } from './db/folder-lock';
import { DEMO_COACHES, DEMO_FREE_AGENT, DEMO_ORG_NAME } from './demo/roster';
import { describeZodError, HttpProblem } from './http/errors';
import { createOrganizationWithHeadCoach } from './orgs/organizations';
import { startServer } from './server';
import { DocumentStore } from './sync/store';

export const USAGE = `Usage:
  npm run server                                  start the server (configured by environment variables)
  npm run server -- create-org --name <organization> --email <email> --password <password>
                               --first-name <first> --last-name <last> [--time-zone <IANA zone>]
                                                  create an organization and its head coach`;

function loadEnv(): ServerEnv {
  const result = parseEnv(process.env);
  if (!result.ok) {
    console.error(`Invalid environment:\n  ${result.errors.join('\n  ')}`);
    process.exit(1);
  }
  return result.env;
}

const databaseOf = (env: ServerEnv): DatabaseOptions =>
  env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dataDir: env.ASTRAL_DATA_DIR };

async function serveCommand(): Promise<void> {
  const env = loadEnv();
  const server = await startServer({
    database: databaseOf(env),
    port: env.PORT,
    host: env.HOST,
    signup: env.ASTRAL_SIGNUP,
    demo: env.ASTRAL_DEMO,
    demoPassword: env.ASTRAL_DEMO_PASSWORD,
    publicUrl: env.PUBLIC_URL,
    logLevel: env.LOG_LEVEL,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
  });
  const where = env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${env.ASTRAL_DATA_DIR}/pglite`;
  console.log(`Astral Coach server listening on ${server.url} (database: ${where}; sign-up ${env.ASTRAL_SIGNUP})`);
  console.log(`Email: ${server.services.mailer.describe()}`);
  if (env.ASTRAL_DEMO) {
    console.log(
      [
        `Demo organization "${DEMO_ORG_NAME}"${server.seeded ? ' created' : ''}. Sign in at ${server.publicUrl} with:`,
        ...DEMO_COACHES.map((c) => `  ${c.email.padEnd(24)} (${c.role === 'head_coach' ? 'head coach' : 'coach'})`),
        `  password: ${env.ASTRAL_DEMO_PASSWORD}`,
        `  (${DEMO_FREE_AGENT.email} has an account but no organization)`,
      ].join('\n'),
    );
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    const hard = setTimeout(() => process.exit(1), 10_000);
    hard.unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function createOrgCommand(args: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args,
      options: {
        name: { type: 'string' },
        email: { type: 'string' },
        password: { type: 'string' },
        'first-name': { type: 'string' },
        'last-name': { type: 'string' },
        'time-zone': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    return 2;
  }
  const input = SignupRequest.safeParse({
    organization_name: values.name,
    email: values.email,
    password: values.password,
    first_name: values['first-name'],
    last_name: values['last-name'],
    ...(values['time-zone'] !== undefined ? { time_zone: values['time-zone'] } : {}),
  });
  if (!input.success) {
    const flag: Record<string, string> = { organization_name: '--name', first_name: '--first-name', last_name: '--last-name', time_zone: '--time-zone' };
    const { field, message } = describeZodError(input.error);
    const name = field ? (flag[field] ?? `--${field}`) : '';
    console.error(`${name ? message.replace(field ?? '', name) : message}\n\n${USAGE}`);
    return 2;
  }
  const env = loadEnv();
  const db = await openDatabase(databaseOf(env));
  try {
    const created = await createOrganizationWithHeadCoach(new DocumentStore(db), {
      organizationName: input.data.organization_name,
      timeZone: input.data.time_zone,
      email: input.data.email,
      firstName: input.data.first_name,
      lastName: input.data.last_name,
      password: input.data.password,
    });
    console.log(`Created organization "${created.organization.name}"`);
    console.log(`organization_id=${created.organization.id}`);
    console.log(`user_id=${created.user.id}`);
    console.log(`coach_id=${created.membership.id}`);
    console.log(`Head coach ${created.user.email} can now sign in.`);
    return 0;
  } catch (err) {
    if (err instanceof HttpProblem) {
      console.error(err.message);
      return err.status === 409 ? 3 : 2;
    }
    throw err;
  } finally {
    await db.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'serve') return serveCommand();
  if (command === 'create-org') {
    process.exitCode = await createOrgCommand(rest);
    return;
  }
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return;
  }
  console.error(`Unknown command "${command}".\n\n${USAGE}`);
  process.exitCode = 2;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof FolderInUse ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  });
}
