import type { Db } from '../db/db';
import type { LoginRateLimit } from '../auth/rate-limit';
import type { DocumentStore } from '../sync/store';

/** What the API routes need from the server; injected so tests and the CLI share one wiring. */
export type ApiDeps = { db: Db; store: DocumentStore; signup: 'open' | 'closed'; loginLimit?: LoginRateLimit };
