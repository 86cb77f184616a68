import type { Db } from '../db/db';
import type { LoginRateLimit } from '../auth/rate-limit';
import type { Mailer } from '../mail/mailer';
import type { DocumentStore } from '../sync/store';

/** Services that writes may need besides the database: email, and the public address of join links. */
export type Services = { mailer: Mailer; publicUrl: string };

/** What the API routes need from the server; injected so tests and the CLI share one wiring. */
export type ApiDeps = { db: Db; store: DocumentStore; signup: 'open' | 'closed'; loginLimit?: LoginRateLimit; services: Services };
