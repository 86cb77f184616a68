/**
 * The HTML of the join page (server-rendered, no JavaScript, inline CSS only, phone-friendly):
 * the invitation with two forms (new account, existing account), the one page for every link that
 * cannot be used, and the success page. Every value is HTML-escaped; passwords are never echoed.
 */
import type { JoinView } from '../invitations/view';

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

const CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f6fb;color:#1b1f2a}
main{max-width:30rem;margin:0 auto;padding:1.5rem 1rem 3rem}h1{font-size:1.4rem;margin:.5rem 0 1rem}h2{font-size:1.1rem;margin:0 0 .75rem}
section{background:#fff;border:1px solid #dde2ee;border-radius:12px;padding:1rem 1rem 1.25rem;margin:1rem 0}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}input{width:100%;font:inherit;padding:.6rem .7rem;border:1px solid #b8c0d4;border-radius:8px}
input[readonly]{background:#eef1f7;color:#444}input[aria-invalid=true]{border-color:#c62828}
.err{color:#b71c1c;font-size:.9rem;margin:.25rem 0 0}.alert{background:#fdecea;color:#8a1c1c;border-radius:8px;padding:.6rem .8rem}
button{margin-top:1rem;width:100%;font:inherit;font-weight:600;padding:.7rem;border:0;border-radius:8px;background:#3451d1;color:#fff}
.muted{color:#5b6275}`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title><style>${CSS}</style></head><body><main>${body}</main></body></html>`;
}

export type FormState = {
  mode: 'new' | 'existing' | null;
  values: { first_name?: string; last_name?: string; email?: string; existing_email?: string };
  errors: Partial<Record<'first_name' | 'last_name' | 'email' | 'password' | 'password_confirm' | 'existing_email' | 'existing_password', string>>;
  /** A message above both forms (e.g. already a member). */
  alert?: string;
};

export const emptyForm = (): FormState => ({ mode: null, values: {}, errors: {} });

function field(o: { id: string; name: string; label: string; type?: string; value?: string; error?: string; readonly?: boolean; autocomplete: string }): string {
  const err = o.error ? `<p class="err" id="${o.id}-err">${escapeHtml(o.error)}</p>` : '';
  const attrs = [
    `id="${o.id}"`, `name="${o.name}"`, `type="${o.type ?? 'text'}"`, `autocomplete="${o.autocomplete}"`, 'required',
    o.value !== undefined ? `value="${escapeHtml(o.value)}"` : '',
    o.readonly ? 'readonly' : '',
    o.error ? `aria-invalid="true" aria-describedby="${o.id}-err"` : '',
  ].filter(Boolean).join(' ');
  return `<label for="${o.id}">${escapeHtml(o.label)}</label><input ${attrs}>${err}`;
}

/** What differs on a coach invitation's page (server/web/join.ts): heading, buttons, the sign-in email fixed too. */
export type PageCopy = { heading: string; intro?: string; newButton: string; existingButton: string; existingEmail?: string };

export function invitationPage(view: JoinView, action: string, state: FormState, copy?: PageCopy): string {
  const who = copy?.heading ?? (view.inviter ? `Coach ${view.inviter} invites you to join ${view.orgName}` : `You are invited to join ${view.orgName}`);
  const single = view.type === 'single_use';
  const nv = state.mode === 'new' ? state.values : {};
  const e = state.mode === 'new' ? state.errors : {};
  const xe = state.mode === 'existing' ? state.errors : {};
  const alert = state.alert ? `<p class="alert" role="alert">${escapeHtml(state.alert)}</p>` : '';
  const newForm =
    `<section><h2>Create your Astral account</h2><form method="post" action="${escapeHtml(action)}"><input type="hidden" name="mode" value="new">` +
    field({ id: 'first_name', name: 'first_name', label: 'First name', value: nv.first_name ?? (single ? view.firstName ?? '' : ''), error: e.first_name, autocomplete: 'given-name' }) +
    field({ id: 'last_name', name: 'last_name', label: 'Last name', value: nv.last_name ?? '', error: e.last_name, autocomplete: 'family-name' }) +
    field({ id: 'email', name: 'email', label: 'Email', type: 'email', value: single ? view.email ?? '' : nv.email ?? '', readonly: single, error: e.email, autocomplete: 'email' }) +
    field({ id: 'password', name: 'password', label: 'Password (at least 8 characters)', type: 'password', error: e.password, autocomplete: 'new-password' }) +
    field({ id: 'password_confirm', name: 'password_confirm', label: 'Confirm password', type: 'password', error: e.password_confirm, autocomplete: 'new-password' }) +
    `<button type="submit">${escapeHtml(copy?.newButton ?? 'Create account and join')}</button></form></section>`;
  const existingForm =
    `<section><h2>I already have an account</h2><form method="post" action="${escapeHtml(action)}"><input type="hidden" name="mode" value="existing">` +
    field({
      id: 'existing_email', name: 'email', label: 'Email', type: 'email', error: xe.existing_email, autocomplete: 'email',
      value: copy?.existingEmail ?? (state.mode === 'existing' ? state.values.existing_email ?? '' : ''), readonly: copy?.existingEmail !== undefined,
    }) +
    field({ id: 'existing_password', name: 'password', label: 'Password', type: 'password', error: xe.existing_password, autocomplete: 'current-password' }) +
    `<button type="submit">${escapeHtml(copy?.existingButton ?? 'Sign in and join')}</button></form></section>`;
  const intro = copy?.intro ? `<p class="muted">${escapeHtml(copy.intro)}</p>` : '';
  return layout(`Join ${view.orgName}`, `<h1>${escapeHtml(who)}</h1>${intro}${alert}${newForm}${existingForm}`);
}

export function invalidPage(): string {
  return layout(
    'Invitation not available',
    `<h1>This invitation link cannot be used</h1><section><p>It may have been used already, revoked or expired, or it was copied incompletely.</p>` +
      `<p class="muted">Ask your coach to send you a new invitation.</p></section>`,
  );
}

export function successPage(email: string): string {
  return layout(
    "You're in",
    `<h1>You're in.</h1><section><p>Your coach will see you in the roster.</p><p>Sign in to Astral with <strong>${escapeHtml(email)}</strong>.</p></section>`,
  );
}

export function coachSuccessPage(email: string, orgName: string): string {
  return layout(
    "You're in",
    `<h1>You're in: you now coach ${escapeHtml(orgName)}.</h1><section><p>Open Astral Coach and sign in with <strong>${escapeHtml(email)}</strong> ` +
      `to see the roster. The head coach already sees you on the coaching staff.</p></section>`,
  );
}

export function tooManyPage(minutes: number): string {
  return layout('Too many attempts', `<h1>Too many attempts</h1><section><p>Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.</p></section>`);
}
