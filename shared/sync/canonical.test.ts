import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sameJson } from './canonical';
import { SERVER_FIELDS, sameDocumentState } from './protocol';

/** The definition sameJson must agree with: the two values written out as canonical JSON. */
const byText = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/** The definition sameDocumentState must agree with (its string form before it compared in place). */
function stateText(doc: Record<string, unknown>): string {
  const keys = Object.keys(doc)
    .filter((k) => (!(SERVER_FIELDS as readonly string[]).includes(k) && !k.startsWith('_')) || k === '_deleted')
    .sort();
  return canonicalJson(keys.map((k) => [k, k === '_deleted' ? Boolean(doc[k]) : doc[k]]));
}
const stateByText = (a: Record<string, unknown> | null, b: Record<string, unknown> | null) => (!a || !b ? !a && !b : stateText(a) === stateText(b));

const key = fc.constantFrom('a', 'b', 'c', 'id', 'name', 'labels', '_deleted', '_rev', 'created_at', 'updated_at', '__proto__', 'toString');
const leaf = fc.oneof(fc.constant(undefined), fc.constant(null), fc.boolean(), fc.constantFrom(0, -0, 1, 2.5, Number.NaN, Infinity), fc.constantFrom('', 'x', 'y', 'É'));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(key, tie('value'), { maxKeys: 4 })),
}));
const doc = fc.dictionary(key, value, { maxKeys: 6 });

/** The same content with every object's keys in reverse order: equal by definition. */
function reordered(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reordered);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).reverse()) Object.defineProperty(out, k, { value: reordered((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
  return out;
}

describe('sameJson', () => {
  it('agrees with comparing canonical JSON text, for any pair of values', () => {
    fc.assert(fc.property(value, value, (a, b) => sameJson(a, b) === byText(a, b)), { numRuns: 3000 });
  });

  it('is true for the same content in another key order, false for one changed leaf', () => {
    fc.assert(fc.property(value, (a) => sameJson(a, reordered(a))), { numRuns: 1000 });
    expect(sameJson({ a: 1, b: { c: [1, { d: 'x', e: null }] } }, { b: { c: [1, { e: null, d: 'x' }] }, a: 1 })).toBe(true);
    expect(sameJson({ a: 1, b: { c: [1, { d: 'x' }] } }, { a: 1, b: { c: [1, { d: 'y' }] } })).toBe(false);
  });

  it('treats a missing value as JSON does: left out of an object, null in an array', () => {
    expect(sameJson({ a: undefined, b: 1 }, { b: 1 })).toBe(true);
    expect(sameJson([undefined], [null])).toBe(true);
    expect(sameJson([1], [1, undefined])).toBe(false);
    expect(sameJson(undefined, null)).toBe(true);
    expect(sameJson({ a: null }, {})).toBe(false);
    expect(sameJson({ a: null }, { a: undefined, b: 1 })).toBe(false);
    expect(sameJson(new Date(0), '1970-01-01T00:00:00.000Z')).toBe(true);
  });
});

describe('sameDocumentState', () => {
  it('agrees with comparing the documents written out, for any pair of documents', () => {
    fc.assert(fc.property(doc, doc, (a, b) => sameDocumentState(a, b) === stateByText(a, b)), { numRuns: 3000 });
    fc.assert(fc.property(doc, (a) => sameDocumentState(a, reordered(a) as Record<string, unknown>)), { numRuns: 1000 });
  });

  it('ignores server-written and RxDB fields, not _deleted', () => {
    const a = { id: 'a', name: 'x', _deleted: false, updated_at: '1', _rev: '1-a', _meta: { lwt: 1 } };
    expect(sameDocumentState(a, { name: 'x', id: 'a', _deleted: false, updated_at: '2', created_at: '0' })).toBe(true);
    expect(sameDocumentState(a, { id: 'a', name: 'x', _deleted: true })).toBe(false);
    expect(sameDocumentState(a, { id: 'a', name: 'x' })).toBe(false);
    expect(sameDocumentState({ id: 'a', _deleted: undefined }, { id: 'a', _deleted: false })).toBe(true);
    expect(sameDocumentState(null, undefined)).toBe(true);
    expect(sameDocumentState(a, null)).toBe(false);
  });
});
