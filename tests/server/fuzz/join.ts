/**
 * Generated posts of the join page's form (`POST /join/{token}`, server/web/join.ts) that must
 * never accept: a new account whose password confirmation differs or whose fields are invalid,
 * an existing-account form with a field missing, any content type, repeated and unknown fields,
 * hostile values (script, control characters, lone surrogates, huge), an oversized body, a token
 * that opens nothing. And reads of the page with any token and query string.
 */
import fc from 'fast-check';
import type { FuzzRequest } from './probe';
import { SCRIPT_PAYLOADS, encodeLoose, nastyString, urlValue } from './values';

type Field = [string, string];

const value = fc.oneof(nastyString, fc.constantFrom(...SCRIPT_PAYLOADS), fc.stringMatching(/^[a-z]{1,8}$/), fc.constant(''));

/** The form's fields, defective by construction. */
const fields: fc.Arbitrary<{ fields: Field[]; defect: string }> = fc.oneof(
  fc.tuple(value, value, value, value).map(([first, last, email, password]) => ({
    fields: [['mode', 'new'], ['first_name', first], ['last_name', last], ['email', email], ['password', password], ['password_confirm', `${password}x`]] as Field[],
    defect: 'new account: the two passwords differ',
  })),
  fc.tuple(value, value, value).map(([first, last, email]) => ({
    fields: [['mode', 'new'], ['first_name', first], ['last_name', last], ['email', email]] as Field[],
    defect: 'new account: no password',
  })),
  fc.tuple(fc.constantFrom('existing', 'existing'), value).map(([mode, email]) => ({ fields: [['mode', mode], ['email', email]] as Field[], defect: 'existing account: no password' })),
  fc.tuple(fc.constantFrom('', 'NEW', 'admin', '<b>', '\u0000'), value).map(([mode, v]) => ({ fields: [['mode', mode], ['first_name', v], ['password', 'short']] as Field[], defect: 'odd mode and no valid account' })),
);

const extras = fc.array(fc.tuple(fc.constantFrom('mode', 'first_name', 'email', 'password', 'token', '__proto__', 'x[]', ''), value), { maxLength: 3 });

function encode(type: string, all: Field[]): string {
  if (type.startsWith('multipart/')) return all.map(([k, v]) => `--xyz\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + '--xyz--\r\n';
  if (type === 'application/json') return JSON.stringify(Object.fromEntries(all));
  return all.map(([k, v]) => `${encodeLoose(k)}=${encodeLoose(v)}`).join('&');
}

const TYPES = ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=xyz', 'text/plain', 'application/json', 'multipart/form-data'];

export function joinPost(token: string): fc.Arbitrary<FuzzRequest> {
  const normal = fc.tuple(fields, extras, fc.constantFrom(...TYPES)).map(([f, x, type]) => ({
    label: 'POST /join/{token}',
    method: 'POST',
    path: `/join/${token}`,
    headers: { 'content-type': type },
    body: encode(type, [...f.fields, ...x]),
    defect: f.defect,
  }));
  const huge = fc.integer({ min: 16 * 1024, max: 200 * 1024 }).map((n) => ({
    label: 'POST /join/{token}',
    method: 'POST',
    path: `/join/${token}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `mode=new&first_name=${'f'.repeat(n)}&password=a&password_confirm=b`,
    defect: 'body over 16 KiB',
  }));
  return fc.oneof({ weight: 9, arbitrary: normal }, { weight: 1, arbitrary: huge });
}

/** The page with a real token, or one that opens nothing, and any query string. */
export function joinGet(token: string): fc.Arbitrary<FuzzRequest> {
  const path = fc.oneof(fc.constant(token), nastyString.filter((s) => s.length > 0 && s.length < 2000 && !/^\.+$/.test(s)).chain(urlValue));
  const query = fc.option(nastyString.filter((s) => s.length < 1000).chain(urlValue).map((q) => `?q=${q}`), { nil: '' });
  return fc.tuple(path, query).map(([p, q]) => ({ label: 'GET /join/{token}', method: 'GET', path: `/join/${p}${q}`, headers: {}, defect: null }));
}

/** Markup that would run if a value were echoed unescaped. */
export const UNESCAPED = /<script>window\.__xss|<img src=x onerror|<svg onload/i;
