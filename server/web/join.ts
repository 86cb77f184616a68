/**
 * The join page an invited athlete or coach opens from a link: `GET /join/{token}` shows the
 * invitation and two forms, `POST /join/{token}` (a plain form post, `mode=new|existing`) accepts it through the
 * same atomic acceptance and rate limit as the API. Works without JavaScript; strict headers (no
 * scripts, no referrer leaking the token, never cached). Every link that cannot be used gets one
 * and the same page, so nobody learns whether a token ever existed. A coach invitation's token
 * (kind 'coach') shows "<head coach> invites you to coach at <org>", with its email fixed in both
 * forms; the acceptance path is the same (server/invitations/accept.ts dispatches on the kind).
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { Email } from '../../shared/domain/common';
import { AcceptNewAccountRequest } from '../../shared/domain/invitation';
import type { DocumentStore } from '../sync/store';
import { HttpProblem } from '../http/errors';
import { acceptInvitation, type AcceptAs } from '../invitations/accept';
import { RateLimited, clientIp, limitedAttempt } from '../invitations/guard';
import { acceptLimitFor } from '../invitations/limit';
import { findToken, hashToken } from '../invitations/tokens';
import { joinView, type JoinView } from '../invitations/view';
import { coachJoinView } from '../orgs/coach-join';
import type { Db } from '../db/db';
import { coachSuccessPage, emptyForm, invalidPage, invitationPage, successPage, tooManyPage, type FormState, type PageCopy } from './join-html';

const HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Frame-Options': 'DENY',
};

type Status = 200 | 400 | 404 | 409 | 413 | 429;

function page(c: Context, html: string, status: Status) {
  for (const [k, v] of Object.entries(HEADERS)) c.header(k, v);
  return c.html(html, status);
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

type NewFields = 'first_name' | 'last_name' | 'email' | 'password';
const NEW_FIELDS: readonly string[] = ['first_name', 'last_name', 'email', 'password'];

/** The new-account form as the API's request, or the errors of its fields (all of them at once). */
function readNewAccount(view: JoinView, form: Record<string, unknown>): { ok: true; account: AcceptNewAccountRequest } | { ok: false; state: FormState } {
  const values = { first_name: text(form.first_name), last_name: text(form.last_name), email: view.type === 'single_use' ? view.email ?? '' : text(form.email) };
  const state: FormState = { mode: 'new', values, errors: {} };
  const parsed = AcceptNewAccountRequest.safeParse({ ...values, password: text(form.password) });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (NEW_FIELDS.includes(key)) state.errors[key as NewFields] ??= issue.message === 'required' ? 'Required.' : `This ${key.replace('_', ' ')} ${issue.message}.`;
    }
  }
  if (text(form.password) !== text(form.password_confirm)) state.errors.password_confirm = 'The two passwords differ.';
  if (!parsed.success || state.errors.password_confirm) return { ok: false, state };
  return { ok: true, account: parsed.data };
}

type PageView = { view: JoinView; copy?: PageCopy };

/** The page of a usable token (athlete or coach invitation), or null. */
async function pageView(db: Db, token: string): Promise<PageView | null> {
  const target = await findToken(db, token);
  if (target?.kind !== 'coach') {
    const view = await joinView(db, token);
    return view ? { view } : null;
  }
  const coach = await coachJoinView(db, target);
  if (!coach) return null;
  return {
    view: { orgName: coach.orgName, inviter: coach.inviter, type: 'single_use', firstName: coach.firstName, email: coach.email },
    copy: {
      heading: coach.inviter ? `${coach.inviter} invites you to coach at ${coach.orgName}` : `You are invited to coach at ${coach.orgName}`,
      intro: `You will join the coaching staff of ${coach.orgName} on Astral Coach, with the account of ${coach.email}.`,
      newButton: 'Create account and join as a coach',
      existingButton: 'Sign in and join as a coach',
      existingEmail: coach.email,
    },
  };
}

/** An acceptance refused for a reason the person can fix: shown next to the field. */
function refusedState(mode: 'new' | 'existing', values: FormState['values'], err: HttpProblem, orgName: string): { state: FormState; status: Status } {
  const state: FormState = { mode, values, errors: {} };
  switch (err.code) {
    case 'email_mismatch':
      if (mode === 'existing') state.errors.existing_email = 'This invitation is for another email address.';
      else state.errors.email = 'This invitation is for another email address.';
      return { state, status: 400 };
    case 'already_coach':
    case 'already_athlete':
      state.alert = err.message;
      return { state, status: 409 };
    case 'account_exists':
      state.errors.email = 'An Astral account with this email already exists: use "I already have an account" below.';
      return { state, status: 409 };
    case 'invalid_credentials':
      state.errors.existing_password = 'Wrong email or password.';
      return { state, status: 400 };
    case 'already_member':
      state.alert = `You are already a member of ${orgName}: there is nothing more to do.`;
      return { state, status: 409 };
    default:
      state.alert = err.message;
      return { state, status: 400 };
  }
}

export function joinApp(store: DocumentStore) {
  const app = new Hono();
  const limit = acceptLimitFor(store);

  app.get('/join/:token', async (c) => {
    const token = c.req.param('token');
    const found = await pageView(store.db, token);
    if (!found) {
      limit.fail(clientIp(c), hashToken(token), false);
      return page(c, invalidPage(), 404);
    }
    return page(c, invitationPage(found.view, `/join/${token}`, emptyForm(), found.copy), 200);
  });

  app.post(
    '/join/:token',
    // The rest of an oversized body is not read, so the connection cannot be reused (as server/app.ts does): close it.
    bodyLimit({
      maxSize: 16 * 1024,
      onError: (c) => {
        c.header('Connection', 'close');
        return page(c, invalidPage(), 413);
      },
    }),
    async (c) => {
      const token = c.req.param('token');
      const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const mode = form.mode === 'existing' ? 'existing' : 'new';
      try {
        return await limitedAttempt(limit, clientIp(c), token, async () => {
          const found = await pageView(store.db, token);
          if (!found) throw new HttpProblem(404, 'invitation_invalid', 'invalid');
          const { view, copy } = found;
          const action = `/join/${token}`;
          let as: AcceptAs;
          let values: FormState['values'];
          if (mode === 'new') {
            const read = readNewAccount(view, form);
            if (!read.ok) return page(c, invitationPage(view, action, read.state, copy), 400);
            as = { kind: 'new', account: read.account };
            values = { first_name: read.account.first_name, last_name: read.account.last_name, email: read.account.email };
          } else {
            values = { existing_email: text(form.email).trim() };
            const errors: FormState['errors'] = {};
            if (!values.existing_email) errors.existing_email = 'Required.';
            // Checked before any lookup: a control character or a lone surrogate cannot even be compared in the database.
            else if (!Email.safeParse(values.existing_email).success) errors.existing_email = 'This email must be a valid email address.';
            if (!text(form.password)) errors.existing_password = 'Required.';
            if (Object.keys(errors).length > 0) return page(c, invitationPage(view, action, { mode, values, errors }, copy), 400);
            as = { kind: 'credentials', email: values.existing_email ?? '', password: text(form.password) };
          }
          try {
            const accepted = await acceptInvitation(store, token, as);
            return page(c, 'coach_id' in accepted ? coachSuccessPage(accepted.email, view.orgName) : successPage(accepted.email), 200);
          } catch (err) {
            if (!(err instanceof HttpProblem) || err.code === 'invitation_invalid') throw err;
            const refused = refusedState(mode, values, err, view.orgName);
            // Counted as a failure by limitedAttempt: rethrown after rendering is not possible, so record here.
            limit.fail(clientIp(c), hashToken(token), ['invalid_credentials', 'email_mismatch', 'account_exists'].includes(err.code));
            return page(c, invitationPage(view, action, refused.state, copy), refused.status);
          }
        });
      } catch (err) {
        if (err instanceof RateLimited) {
          c.header('Retry-After', String(err.retryAfterS));
          return page(c, tooManyPage(Math.ceil(err.retryAfterS / 60)), 429);
        }
        if (err instanceof HttpProblem && err.code === 'invitation_invalid') return page(c, invalidPage(), 404);
        throw err;
      }
    },
  );

  return app;
}
