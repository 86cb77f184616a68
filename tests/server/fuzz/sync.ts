/**
 * Generated bad deliveries to the sync endpoints of one collection (contract:
 * shared/sync/protocol.ts): pulls with hostile query strings (reads: never a 5xx), pushes that
 * must store nothing (a real document with one field made invalid, a wrong id, an unknown field,
 * a malformed row or body, broken, deep or oversized JSON, the wrong content type), and pushes and
 * streams refused before any work (another schema version, another organization, no or a bad
 * credential, an unknown collection). Refused rows are answered 200 with `rejections`; a malformed
 * body or a refused caller with a 4xx.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { PUSH_MAX_ROWS, SYNC_DOC_SCHEMAS, SYNC_SCHEMA_VERSION, syncBasePath, type SyncCollection } from '../../../shared/sync/protocol';
import type { Doc } from './context';
import type { FuzzRequest } from './probe';
import { NONE, SchemaReader, type JsonSchema } from './schema';
import { brokenJson, deepJson, encodeLoose, nastyString, urlValue } from './values';

export type SyncContext = { orgId: string; otherOrgId: string; token: string; apiKey: string; docs: Doc[] };

/** The collection's document schema as JSON Schema, unknown fields refused (the push's own-key check). */
export function docReader(collection: SyncCollection): { reader: SchemaReader; schema: JsonSchema } {
  const schema = z.toJSONSchema(SYNC_DOC_SCHEMAS[collection], { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const strict = { ...schema, additionalProperties: false };
  return { reader: new SchemaReader(strict), schema: strict };
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const JSON_TYPE = { 'content-type': 'application/json' };

/** A pushed document that must be refused: a real one with one defect, or a generated one. */
function badDocument(collection: SyncCollection, ctx: SyncContext): fc.Arbitrary<{ row: unknown; defect: string }> {
  const { reader, schema } = docReader(collection);
  const props = Object.entries(schema.properties ?? {});
  const live = ctx.docs.filter((d) => !d._deleted).slice(0, 40);
  const options: fc.Arbitrary<{ row: unknown; defect: string }>[] = [
    reader.invalidValue(schema, 'doc').filter((d) => d.defect !== NONE).map((d) => ({ row: { newDocumentState: { ...(d.value as object), _deleted: false } }, defect: d.defect })),
  ];
  if (live.length > 0 && props.length > 0) {
    const mutated = fc.tuple(fc.constantFrom(...live), fc.constantFrom(...props)).chain(([doc, [key, prop]]) =>
      reader
        .invalidValue(prop, key)
        .filter((d) => d.defect !== NONE)
        .map((bad) => ({ row: { newDocumentState: { ...doc, [key]: bad.value }, assumedMasterState: doc }, defect: bad.defect })),
    );
    const junkId = fc.tuple(fc.constantFrom(...live), nastyString.filter((s) => !/^[0-9a-f-]{36}$/i.test(s))).map(([doc, id]) => ({
      row: { newDocumentState: { ...doc, id }, assumedMasterState: doc },
      defect: 'id: not a uuid',
    }));
    const badDeleted = fc.tuple(fc.constantFrom(...live), fc.constantFrom<unknown>('true', 1, null, {}, [])).map(([doc, flag]) => ({
      row: { newDocumentState: { ...doc, _deleted: flag }, assumedMasterState: doc },
      defect: '_deleted: not a boolean',
    }));
    options.push(mutated, mutated, junkId, badDeleted);
  }
  return fc.oneof(...options);
}

/** A push body the request schema refuses as a whole. */
const badBody: fc.Arbitrary<{ body: unknown; defect: string }> = fc.oneof(
  fc.constantFrom<unknown>(null, [], 1, 'rows', {}, { rows: null }, { rows: {} }, { rows: [1] }, { rows: [null] }, { rows: [{}] }, { rows: [{ newDocumentState: [] }] }, { rows: [{ newDocumentState: 'x' }] })
    .map((body) => ({ body, defect: 'body: not {rows: [...]}' })),
  fc.jsonValue({ maxDepth: 2 }).map((x) => ({ body: { rows: [], extra: x }, defect: 'body.extra: unknown field' })),
  fc.jsonValue({ maxDepth: 2 }).map((x) => ({ body: { rows: [{ newDocumentState: { id: 'x' }, assumedMasterState: null, extra: x }] }, defect: 'row.extra: unknown field' })),
  fc.constant({ body: { rows: Array.from({ length: PUSH_MAX_ROWS + 1 }, () => ({ newDocumentState: { id: 'x' } })) }, defect: `more than ${PUSH_MAX_ROWS} rows` }),
);

export function pushRequest(collection: SyncCollection, ctx: SyncContext): fc.Arbitrary<FuzzRequest> {
  const base = syncBasePath(ctx.orgId);
  const path = `${base}/${collection}/push`;
  const req = (r: Partial<FuzzRequest> & { defect: string }): FuzzRequest => ({
    label: `POST sync ${collection}/push`,
    method: 'POST',
    path,
    headers: { ...JSON_TYPE, ...auth(ctx.token) },
    ...r,
  });
  const rows = fc.array(badDocument(collection, ctx), { minLength: 1, maxLength: 4 });
  return fc.oneof(
    { weight: 6, arbitrary: rows.map((rs) => req({ body: JSON.stringify({ rows: rs.map((r) => r.row) }), defect: rs.map((r) => r.defect).join(', '), alsoAllowed: [200] })) },
    { weight: 2, arbitrary: badBody.map((b) => req({ body: JSON.stringify(b.body), defect: b.defect })) },
    { weight: 1, arbitrary: brokenJson('{"rows":[{"newDocumentState":{"id":"x"}}]}').map((body) => req({ body, defect: 'not JSON' })) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.integer({ min: 1000, max: 100_000 }), fc.constantFrom<'array' | 'object'>('array', 'object'), fc.boolean()).map(([n, kind, inDoc]) =>
        // Inside a document (z.record of unknown lets any value through to the push rules) or as the whole body.
        req({ body: inDoc ? `{"rows":[{"newDocumentState":{"id":"x","notes":${deepJson(n, kind)}}}]}` : deepJson(n, kind), defect: `JSON ${n} levels deep`, alsoAllowed: [200] }),
      ),
    },
    { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'text/html').map((type) => req({ headers: { 'content-type': type, ...auth(ctx.token) }, body: '{"rows":[]}', defect: `content type ${type}` })) },
    { weight: 2, arbitrary: refusedCaller(ctx, collection, 'push').map((r) => req({ ...r, body: '{"rows":[]}' })) },
  );
}

/** Refused before any work: the wrong version, organization, collection or credential. */
function refusedCaller(ctx: SyncContext, collection: SyncCollection, tail: 'push' | 'pull' | 'stream'): fc.Arbitrary<{ path: string; headers: Record<string, string>; defect: string }> {
  const route = (version: number | string, org: string, coll: string | null) => `/sync/v${version}/orgs/${org}/${coll === null ? 'stream' : `${coll}/${tail}`}`;
  const coll = tail === 'stream' ? null : collection;
  const json = tail === 'push' ? JSON_TYPE : {};
  return fc.oneof(
    fc.constantFrom(SYNC_SCHEMA_VERSION - 1, SYNC_SCHEMA_VERSION + 1, 0, 'x', '2.0').map((v) => ({ path: route(v, ctx.orgId, coll), headers: { ...json, ...auth(ctx.token) }, defect: `sync version ${v}` })),
    fc.constant({ path: route(SYNC_SCHEMA_VERSION, ctx.otherOrgId, coll), headers: { ...json, ...auth(ctx.token) }, defect: "another organization's URL" }),
    nastyString.filter((s) => s.length > 0 && s.length < 2000 && !/^\.+$/.test(s)).chain(urlValue).map((org) => ({ path: route(SYNC_SCHEMA_VERSION, org, coll), headers: { ...json, ...auth(ctx.token) }, defect: 'junk organization id' })),
    fc.constantFrom<Record<string, string>>({}, { authorization: 'Bearer x' }, { authorization: `Bearer ${'C'.repeat(43)}` }, { 'x-api-key': ctx.apiKey }, { authorization: 'Basic eDp5' })
      .map((h) => ({ path: route(SYNC_SCHEMA_VERSION, ctx.orgId, coll), headers: { ...json, ...h }, defect: 'no or a bad credential (an API key cannot sync)' })),
    ...(coll === null ? [] : [fc.constantFrom('users', 'sessions', 'api_keys', 'documents', '__proto__', 'athletes ').map((c) => ({ path: route(SYNC_SCHEMA_VERSION, ctx.orgId, encodeLoose(c)), headers: { ...json, ...auth(ctx.token) }, defect: `unknown collection ${c}` }))]),
  );
}

export function pullRequest(collection: SyncCollection, ctx: SyncContext): fc.Arbitrary<FuzzRequest> {
  const value = fc.oneof(fc.constantFrom('0', '-1', '1.5', '1e3', '9007199254740992', '99999999999999999999', 'NaN', '', ' 5', '0x10', '1001', '200'), nastyString.filter((s) => s.length < 2000).chain(urlValue));
  const param = fc.tuple(fc.constantFrom('seq', 'limit', 'seq', 'limit', 'checkpoint', 'since', '__proto__'), value).map(([k, v]) => `${k}=${v}`);
  const good = fc.array(param, { maxLength: 3 }).map((ps) => ({
    label: `GET sync ${collection}/pull`,
    method: 'GET',
    path: `${syncBasePath(ctx.orgId)}/${collection}/pull${ps.length ? `?${ps.join('&')}` : ''}`,
    headers: auth(ctx.token),
    defect: null,
  }));
  const refused = refusedCaller(ctx, collection, 'pull').map((r) => ({ label: `GET sync ${collection}/pull`, method: 'GET', ...r }));
  return fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: refused });
}

/** Only refused streams: an accepted one stays open (its own tests are tests/server/stream.test.ts). */
export function streamRequest(ctx: SyncContext): fc.Arbitrary<FuzzRequest> {
  return refusedCaller(ctx, 'athletes', 'stream').map((r) => ({ label: 'GET sync stream', method: 'GET', ...r }));
}
