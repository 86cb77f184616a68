/**
 * "Add existing user": add an athlete who already has an Astral account, by email. Only the server
 * can look the email up (POST /api/v1/organizations/{org}/athletes), so offline the request is kept
 * and carried out when the app is back online; the coach is told the outcome either way.
 *
 * Storage: each request is a local document `add-existing:<id>` (never replicated, kept across
 * restarts) listed in `add-existing`. A request gets its outcome written into its document before the
 * coach is told, and is deleted once told (takeOutcomes), so each one is sent once and reported once
 * even if the app stops in between. A request naming a group or plan created offline waits until
 * that has synced, or the server would not know it.
 */
import type { z } from 'zod';
import { AddExistingAthleteRequest } from '../../shared/domain/invitation';
import type { Athlete } from '../../shared/domain/athlete';
import { ApiRequestError, request } from '../session/api';
import type { AstralDatabase } from './database';
import { localNow, newId } from './ids';
import { modifyLocal, readLocal } from './localDocs';
import { outboxKey, readOutbox } from './syncStatus';
import { fieldErrorsOf, refused, written, type WriteResult } from './writeResult';

export const INDEX_DOC = 'add-existing';
const docId = (id: string) => `add-existing:${id}`;

/** Where and as whom to call (the session's server, token and organization). */
export type AddContext = { serverUrl: string; token: string; orgId: string };

export type AddRequest = z.output<typeof AddExistingAthleteRequest>;
export type AddOutcome =
  | { kind: 'added'; name: string; athleteId: string }
  | { kind: 'not_found' }
  | { kind: 'already_member' }
  | { kind: 'refused'; message: string };
export type QueuedAdd = AddRequest & { id: string; requested_at: string; attempts: number; outcome: AddOutcome | null };

type Index = { ids: string[] };
/** Server errors (5xx, bad answers) tolerated before the request is given up with a message. */
const MAX_ATTEMPTS = 5;

export function checkAddRequest(input: z.input<typeof AddExistingAthleteRequest>): WriteResult<AddRequest> {
  const plan = input.training_plan_id || null;
  const parsed = AddExistingAthleteRequest.safeParse({
    email: input.email,
    group_id: input.group_id || null,
    training_plan_id: plan,
    plan_start_date: plan ? input.plan_start_date || null : null,
  });
  return parsed.success ? written(parsed.data) : refused('Please correct the highlighted fields.', fieldErrorsOf(parsed.error));
}

/** What the coach is told: a title and, for "no such account", the offer to invite instead. */
export function outcomeWords(req: Pick<AddRequest, 'email'>, outcome: AddOutcome): { title: string; message: string; ok: boolean } {
  switch (outcome.kind) {
    case 'added':
      return { ok: true, title: `${outcome.name} was added`, message: `${outcome.name} (${req.email}) is in your roster now.` };
    case 'not_found':
      return { ok: false, title: `No Astral account uses ${req.email}`, message: 'Send them an invitation instead: they create an account when they accept it.' };
    case 'already_member':
      return { ok: false, title: `${req.email} is already in the organization`, message: 'Nothing was changed.' };
    case 'refused':
      return { ok: false, title: `${req.email} was not added`, message: outcome.message };
  }
}

const personName = (a: Pick<Athlete, 'first_name' | 'last_name'>, fallback: string) => `${a.first_name} ${a.last_name}`.trim() || fallback;

/**
 * Asks the server. Resolves to the outcome; throws ApiRequestError when there is no answer to act
 * on yet (unreachable, signed out, rate-limited, server error): the request is then kept.
 */
export async function sendAddRequest(ctx: AddContext, req: AddRequest): Promise<AddOutcome> {
  try {
    const athlete = await request<Athlete>(ctx.serverUrl, `/organizations/${encodeURIComponent(ctx.orgId)}/athletes`, {
      method: 'POST',
      token: ctx.token,
      body: JSON.stringify({ email: req.email, group_id: req.group_id, training_plan_id: req.training_plan_id, plan_start_date: req.plan_start_date }),
    });
    return { kind: 'added', name: personName(athlete, req.email), athleteId: athlete.id };
  } catch (err) {
    if (!(err instanceof ApiRequestError)) throw err;
    if (err.code === 'user_not_found') return { kind: 'not_found' };
    if (err.code === 'already_member') return { kind: 'already_member' };
    const retry = err.status === 0 || err.status === 401 || err.status === 408 || err.status === 429 || err.status >= 500;
    if (retry) throw err;
    return { kind: 'refused', message: err.message };
  }
}

/** The email is already a member of the roster on this device: no need to ask the server. */
async function knownMember(db: AstralDatabase, email: string): Promise<boolean> {
  return (await db.athletes.find().exec()).some((a) => a.email.toLowerCase() === email);
}

/** Keeps a request for later (offline). */
export async function queueAddRequest(db: AstralDatabase, req: AddRequest): Promise<QueuedAdd> {
  const queued: QueuedAdd = { ...req, id: newId(), requested_at: localNow(), attempts: 0, outcome: null };
  await db.upsertLocal<QueuedAdd>(docId(queued.id), queued);
  await modifyLocal<Index>(db, INDEX_DOC, { ids: [] }, (i) => ({ ids: [...i.ids, queued.id] }));
  return queued;
}

export async function readQueue(db: AstralDatabase): Promise<QueuedAdd[]> {
  const ids = (await readLocal<Index>(db, INDEX_DOC))?.ids ?? [];
  const docs = await Promise.all(ids.map((id) => readLocal<QueuedAdd>(db, docId(id))));
  return docs.filter((d): d is QueuedAdd => d !== null);
}

/** A group or plan this request names that this device has not synced yet. */
async function waitsForSync(db: AstralDatabase, req: AddRequest): Promise<boolean> {
  const outbox = new Set(await readOutbox(db));
  return (req.group_id !== null && outbox.has(outboxKey('groups', req.group_id))) || (req.training_plan_id !== null && outbox.has(outboxKey('training_plans', req.training_plan_id)));
}

export type AddResult = { kind: 'done'; outcome: AddOutcome } | { kind: 'queued' } | { kind: 'invalid'; message: string; fieldErrors: Record<string, string> };

/** The dialog's action: the outcome at once when the server answers, else the request is kept. */
export async function addExistingUser(db: AstralDatabase, ctx: AddContext | null, input: z.input<typeof AddExistingAthleteRequest>, online: boolean): Promise<AddResult> {
  const checked = checkAddRequest(input);
  if (!checked.ok) return { kind: 'invalid', message: checked.message, fieldErrors: checked.fieldErrors ?? {} };
  const req = checked.value;
  if (await knownMember(db, req.email)) return { kind: 'done', outcome: { kind: 'already_member' } };
  if (!ctx || !online || (await waitsForSync(db, req))) {
    await queueAddRequest(db, req);
    return { kind: 'queued' };
  }
  try {
    return { kind: 'done', outcome: await sendAddRequest(ctx, req) };
  } catch (err) {
    if (err instanceof ApiRequestError && (err.status === 0 || err.status >= 500)) {
      await queueAddRequest(db, req);
      return { kind: 'queued' };
    }
    throw err;
  }
}

const running = new WeakMap<AstralDatabase, Promise<number>>();

/**
 * Sends every kept request that has no outcome yet, one at a time, writing each outcome into its
 * document; stops at the first one the server cannot answer now. One run per database at a time.
 * Resolves to the number of outcomes written.
 */
export function processQueue(db: AstralDatabase, ctx: AddContext): Promise<number> {
  const current = running.get(db);
  if (current) return current;
  const run = (async () => {
    let done = 0;
    for (const req of await readQueue(db)) {
      if (req.outcome || db.closed) continue;
      if (await waitsForSync(db, req)) continue;
      let outcome: AddOutcome;
      try {
        outcome = (await knownMember(db, req.email)) ? { kind: 'already_member' } : await sendAddRequest(ctx, req);
      } catch (err) {
        if (!(err instanceof ApiRequestError) || err.status === 0 || err.status === 401 || err.status === 429) break;
        if (req.attempts + 1 < MAX_ATTEMPTS) {
          await db.upsertLocal<QueuedAdd>(docId(req.id), { ...req, attempts: req.attempts + 1 });
          break;
        }
        outcome = { kind: 'refused', message: `The server could not add them: ${err.message}` };
      }
      await db.upsertLocal<QueuedAdd>(docId(req.id), { ...req, outcome });
      done++;
    }
    return done;
  })().finally(() => running.delete(db));
  running.set(db, run);
  return run;
}

/** Requests with an outcome, removed from the queue: the caller tells the coach. */
export async function takeOutcomes(db: AstralDatabase): Promise<(QueuedAdd & { outcome: AddOutcome })[]> {
  const finished = (await readQueue(db)).filter((r): r is QueuedAdd & { outcome: AddOutcome } => r.outcome !== null);
  if (finished.length === 0) return [];
  const gone = new Set(finished.map((r) => r.id));
  await modifyLocal<Index>(db, INDEX_DOC, { ids: [] }, (i) => ({ ids: i.ids.filter((id) => !gone.has(id)) }));
  for (const r of finished) await (await db.getLocal(docId(r.id)))?.remove();
  return finished;
}
