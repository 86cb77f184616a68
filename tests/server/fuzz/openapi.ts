/**
 * Requests for every operation of the served OpenAPI document, so a new route is fuzzed without
 * touching the tests. A write (POST, PATCH, PUT, DELETE) always carries one defect that must get it
 * refused: a body its schema refuses, broken or deeply nested JSON, a wrong content type, an
 * oversized body, a bad or unknown path id, or a bad credential. A read may be anything (its
 * parameters valid, hostile, unknown or repeated): it must only never fail with a 5xx.
 */
import fc from 'fast-check';
import type { FuzzRequest } from './probe';
import { NONE, type JsonSchema, type SchemaReader } from './schema';
import { brokenJson, deepJson, encodeLoose, nastyString, urlValue } from './values';

type Param = { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: JsonSchema };
type OpenApiOperation = { parameters?: Param[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> }; security?: Record<string, string[]>[] };
export type OpenApiDoc = { paths: Record<string, Record<string, OpenApiOperation>> };

export type Operation = {
  label: string;
  method: string;
  template: string;
  pathParams: Param[];
  queryParams: Param[];
  body: JsonSchema | null;
  /** null: no credential needed; otherwise which of 'bearer' and 'apiKey' the route takes. */
  security: Set<string> | null;
};

export function operations(doc: OpenApiDoc): Operation[] {
  const out: Operation[] = [];
  for (const [template, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = op.parameters ?? [];
      out.push({
        label: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        template,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
        security: op.security ? new Set(op.security.flatMap((s) => Object.keys(s))) : null,
      });
    }
  }
  return out;
}

/** What the generated requests may use: real ids (so defects reach the deepest validation) and credentials. */
export type Context = {
  /** Valid values by path parameter name (org_id, athlete_id, ...). */
  ids: Record<string, string[]>;
  /** Pairs that belong together, e.g. an assignment and its athlete: {athlete_id, assignment_id}. */
  pairs: Record<string, string>[];
  /** Ids of another organization, by parameter name: a head coach of this one is refused there. */
  otherIds: Record<string, string[]>;
  sessionToken: string;
  apiKey: string;
};

const JSON_HEADERS = { 'content-type': 'application/json' };
const WRONG_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/html', 'application/jsonx', 'json'];

type Credential = { headers: Record<string, string>; bad: string | null };

function credentials(op: Operation, ctx: Context): fc.Arbitrary<Credential> {
  if (!op.security) return fc.constant({ headers: {}, bad: null });
  const good: Credential[] = [{ headers: { authorization: `Bearer ${ctx.sessionToken}` }, bad: null }];
  if (op.security.has('apiKey')) good.push({ headers: { 'x-api-key': ctx.apiKey }, bad: null });
  const bad: Credential[] = [
    { headers: {}, bad: 'no credential' },
    { headers: { authorization: 'Bearer ' }, bad: 'empty bearer' },
    { headers: { authorization: 'Bearer not-a-token' }, bad: 'junk bearer' },
    { headers: { authorization: `Bearer ${'A'.repeat(43)}` }, bad: 'unknown token' },
    { headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }, bad: 'basic auth' },
    { headers: { 'x-api-key': 'ak_nope' }, bad: 'junk API key' },
    { headers: { 'x-api-key': `ak_${'B'.repeat(43)}` }, bad: 'unknown API key' },
    { headers: { authorization: `Bearer ${ctx.sessionToken}`, 'x-api-key': ctx.apiKey }, bad: 'two credentials' },
  ];
  if (!op.security.has('apiKey')) bad.push({ headers: { 'x-api-key': ctx.apiKey }, bad: 'API key on a session-only route' });
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: fc.constantFrom(...bad) });
}

/** Valid path values, consistent with each other where a pair exists (an assignment under its own athlete). */
function validPath(op: Operation, ctx: Context): fc.Arbitrary<Record<string, string>> {
  const names = op.pathParams.map((p) => p.name);
  const pairs = ctx.pairs.filter((pair) => names.some((n) => n in pair));
  const base = pairs.length > 0 ? fc.constantFrom(...pairs) : fc.constant({} as Record<string, string>);
  return base.chain((pair) =>
    fc.record(Object.fromEntries(names.map((n) => [n, n in pair ? fc.constant(pair[n] as string) : fc.constantFrom(...(ctx.ids[n] ?? ['00000000-0000-4000-8000-000000000000']))]))),
  );
}

/** A path value that names nothing the caller may reach. */
function badPathValue(name: string, ctx: Context): fc.Arbitrary<{ value: string; what: string }> {
  const other = ctx.otherIds[name] ?? [];
  return fc.oneof(
    nastyString.filter((s) => s.length > 0 && s.length < 4000 && !/^\.+$/.test(s) && !(ctx.ids[name] ?? []).includes(s)).chain(urlValue).map((value) => ({ value, what: `junk ${name}` })),
    fc.uuid({ version: 4 }).map((value) => ({ value, what: `unknown ${name}` })),
    ...(other.length > 0 ? [fc.constantFrom(...other).map((value) => ({ value, what: `another organization's ${name}` }))] : []),
  );
}

const fill = (template: string, values: Record<string, string>, raw: Set<string> = new Set()) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => (raw.has(name) ? (values[name] as string) : encodeLoose(values[name] as string)));

function query(op: Operation, reader: SchemaReader): fc.Arbitrary<string> {
  const one = (p: Param) =>
    fc.option(
      fc.oneof(reader.validValue(p.schema ?? {}).map((v) => encodeLoose(String(v))), nastyString.filter((s) => s.length < 4000).chain(urlValue), fc.constant('')).map((v) => `${p.name}=${v}`),
      { nil: '' },
    );
  const extra = fc.option(fc.tuple(fc.constantFrom('unknown', 'limit', 'cursor', '__proto__', 'q[]', ''), nastyString.chain(urlValue)).map(([k, v]) => `${k}=${v}`), { nil: '' });
  return fc.tuple(fc.tuple(...op.queryParams.map(one)), extra).map(([parts, x]) => {
    const all = [...parts, x].filter(Boolean);
    return all.length > 0 ? `?${all.join('&')}` : '';
  });
}

/** One generated request for `op`. */
export function requestFor(op: Operation, reader: SchemaReader, ctx: Context): fc.Arbitrary<FuzzRequest> {
  const req = (r: Omit<FuzzRequest, 'label' | 'method'>): FuzzRequest => ({ label: op.label, method: op.method, ...r });
  if (op.method === 'GET') {
    const path = fc.oneof(
      { weight: 3, arbitrary: validPath(op, ctx).map((v) => fill(op.template, v)) },
      {
        weight: 1,
        arbitrary: validPath(op, ctx).chain((v) =>
          op.pathParams.length === 0 ? fc.constant(fill(op.template, v)) : fc.constantFrom(...op.pathParams).chain((p) => badPathValue(p.name, ctx).map((b) => fill(op.template, { ...v, [p.name]: b.value }, new Set([p.name])))),
        ),
      },
    );
    return fc.tuple(path, query(op, reader), credentials(op, ctx)).map(([p, q, cred]) => req({ path: p + q, headers: cred.headers, defect: null }));
  }

  const hasBody = ['POST', 'PATCH', 'PUT'].includes(op.method);
  const validBody = op.body ? reader.validValue(op.body).map((v) => JSON.stringify(v) ?? '{}') : fc.constant('{}');
  // Each defect: the body, headers and path changes it needs, and its name.
  type Built = { body?: string; headers?: Record<string, string>; path?: Record<string, string>; defect: string };
  const defects: fc.Arbitrary<Built>[] = [];
  if (op.body) {
    defects.push(reader.invalidValue(op.body, 'body').filter((d) => d.defect !== NONE).map((d) => ({ body: JSON.stringify(d.value) ?? 'null', defect: d.defect })));
    defects.push(validBody.chain((v) => brokenJson(v)).map((body) => ({ body, defect: 'not JSON' })));
    defects.push(fc.tuple(fc.integer({ min: 2000, max: 200_000 }), fc.constantFrom('array', 'object') as fc.Arbitrary<'array' | 'object'>).map(([n, kind]) => ({ body: deepJson(n, kind), defect: `JSON ${n} levels deep` })));
  }
  if (hasBody) {
    defects.push(fc.tuple(validBody, fc.constantFrom(...WRONG_TYPES)).map(([body, type]) => ({ body, headers: { 'content-type': type }, defect: `content type ${type}` })));
    defects.push(fc.integer({ min: 1, max: 64 }).map((kb) => ({ body: JSON.stringify({ x: 'o'.repeat(1024 * 1024 + kb * 1024) }), defect: 'body over 1 MiB' })));
  }
  const pathNames = op.pathParams.map((p) => p.name);
  if (pathNames.length > 0) {
    defects.push(fc.constantFrom(...pathNames).chain((name) => badPathValue(name, ctx).map((b) => ({ path: { [name]: b.value }, defect: b.what }))));
  }
  const withCredential = credentials(op, ctx);
  return fc.tuple(fc.oneof(...defects), validPath(op, ctx), validBody, withCredential).chain(([d, path, body, cred]) => {
    const rawPath = new Set(Object.keys(d.path ?? {}));
    const built = req({
      path: fill(op.template, { ...path, ...d.path }, rawPath),
      headers: { ...(hasBody ? JSON_HEADERS : {}), ...cred.headers, ...d.headers },
      body: hasBody ? (d.body ?? body) : undefined,
      defect: cred.bad ? `${d.defect}; ${cred.bad}` : d.defect,
    });
    return fc.constant(built);
  });
}


