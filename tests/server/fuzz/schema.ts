/**
 * Values from a JSON Schema (the OpenAPI 3.0 document's, or zod's `z.toJSONSchema` of a sync
 * document): `validValue` makes a plausible value (its strings may be hostile: they only have to
 * pass the schema's documented shape), `invalidValue` makes one the schema must refuse, with
 * exactly one named defect somewhere inside (wrong type, missing or unknown field, out of range,
 * too long, too many items, bad format or enum). A request built on it can never be accepted,
 * which is what lets the tests require "nothing changed" after thousands of them.
 */
import fc from 'fast-check';
import { SCRIPT_PAYLOADS, nastyString } from './values';

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
};

export type Defective = { value: unknown; defect: string };
/** The defect of a schema that accepts anything: no invalid value exists there. */
export const NONE = 'none';
type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'null';

/** Resolves `$ref`s against a root document (`#/components/schemas/X` or `#/$defs/X`). */
export class SchemaReader {
  constructor(private readonly root: unknown) {}

  resolve(schema: JsonSchema): JsonSchema {
    let s = schema;
    for (let i = 0; s.$ref && i < 20; i++) {
      const path = s.$ref.replace(/^#\//, '').split('/');
      s = path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], this.root) as JsonSchema;
    }
    if (s.allOf && s.allOf.length === 1) return this.resolve({ ...s.allOf[0], ...s, allOf: undefined });
    return s;
  }

  /** The JSON types a value may have here (`integer` implies whole numbers). */
  types(schema: JsonSchema): Set<JsonType> {
    const s = this.resolve(schema);
    const out = new Set<JsonType>();
    const branches = s.oneOf ?? s.anyOf;
    if (branches) for (const b of branches) for (const t of this.types(b)) out.add(t);
    if (s.enum) for (const v of s.enum) out.add(v === null ? 'null' : (typeof v as JsonType));
    if (s.const !== undefined) out.add(s.const === null ? 'null' : (typeof s.const as JsonType));
    for (const t of [s.type ?? []].flat()) out.add(t as JsonType);
    if (s.nullable) out.add('null');
    if (!s.type && !branches && !s.enum && s.const === undefined && s.properties) out.add('object');
    if (out.size === 0) for (const t of ['string', 'number', 'integer', 'boolean', 'array', 'object', 'null'] as const) out.add(t);
    return out;
  }

  validValue(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
    const s = this.resolve(schema);
    const branches = s.oneOf ?? s.anyOf;
    if (branches) return fc.oneof(...branches.map((b) => this.validValue(b, depth)));
    if (s.const !== undefined) return fc.constant(s.const);
    if (s.enum) return fc.constantFrom(...s.enum);
    const types = [...this.types(s)];
    const type = types.find((t) => t !== 'null') ?? 'null';
    const value = this.validOfType(s, type, depth);
    return types.includes('null') && type !== 'null' ? fc.oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) }) : value;
  }

  private validOfType(s: JsonSchema, type: JsonType, depth: number): fc.Arbitrary<unknown> {
    switch (type) {
      case 'object': {
        const props = Object.entries(s.properties ?? {});
        if (depth > 6) return fc.constant({});
        const required = new Set(s.required ?? []);
        const model = Object.fromEntries(props.map(([k, v]) => [k, this.validValue(v, depth + 1)]));
        return fc.record(model, { requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)) });
      }
      case 'array': {
        const min = s.minItems ?? 0;
        const max = Math.min(s.maxItems ?? min + 3, min + 3);
        return s.items ? fc.array(this.validValue(s.items, depth + 1), { minLength: min, maxLength: max }) : fc.constant([]);
      }
      case 'integer':
      case 'number': {
        const min = typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : (s.minimum ?? -1000);
        const max = typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - 1 : (s.maximum ?? 1_000_000);
        return fc.integer({ min: Math.ceil(Math.max(min, -(2 ** 31))), max: Math.floor(Math.min(max, 2 ** 31)) });
      }
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      default:
        return this.validString(s);
    }
  }

  private validString(s: JsonSchema): fc.Arbitrary<string> {
    switch (s.format) {
      case 'uuid':
        return fc.uuid({ version: 4 });
      case 'email':
        return fc.stringMatching(/^[a-z]{1,10}$/).map((n) => `${n}@fuzz.test`);
      case 'date-time':
        return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
      case 'date':
        return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    }
    if (s.pattern?.startsWith('^@')) return fc.stringMatching(/^[a-z]{1,10}$/).map((n) => `@${n}`);
    const min = s.minLength ?? 0;
    const max = Math.min(s.maxLength ?? 60, 60);
    // Hostile text within the length bounds: script, markup, control characters and broken Unicode.
    const hostile = fc.oneof(fc.constantFrom(...SCRIPT_PAYLOADS), nastyString).filter((v) => v.length >= min && v.length <= max);
    return fc.oneof(fc.string({ minLength: min, maxLength: Math.max(min, max) }), hostile);
  }

  /** A value this schema refuses, with the defect named. */
  invalidValue(schema: JsonSchema, path = '', depth = 0): fc.Arbitrary<Defective> {
    const s = this.resolve(schema);
    const options: fc.Arbitrary<Defective>[] = [this.wrongType(s, path)];
    const branches = s.oneOf ?? s.anyOf;
    if (branches) {
      const tag = this.discriminator(branches);
      if (tag) options.push(fc.constantFrom(...branches).chain((b) => this.invalidObject(this.resolve(b), path, depth, tag)));
      return fc.oneof(...options);
    }
    if (s.enum) {
      options.push(fc.oneof(nastyString, fc.constantFrom('ACTIVE', 'unknown', '')).filter((v) => !s.enum?.includes(v)).map((value) => ({ value, defect: `${path}: not one of ${s.enum?.join('|')}` })));
      return fc.oneof(...options);
    }
    const types = this.types(s);
    if (types.has('string')) options.push(...this.invalidStrings(s, path));
    if (types.has('integer') || types.has('number')) options.push(...this.invalidNumbers(s, types, path));
    if (types.has('array')) options.push(...this.invalidArrays(s, path, depth));
    if (types.has('object') && depth < 6) options.push(this.invalidObject(s, path, depth));
    return fc.oneof(...options);
  }

  private wrongType(s: JsonSchema, path: string): fc.Arbitrary<Defective> {
    const allowed = this.types(s);
    const candidates: [JsonType, unknown[]][] = [
      ['string', ['x', '1', 'true', '', SCRIPT_PAYLOADS[0]]],
      ['number', [1.5, 0, -1, 1e21]],
      ['boolean', [true, false]],
      ['array', [[], ['x'], [[null]]]],
      ['object', [{}, { x: 1 }, { $ne: null }]],
      ['null', [null]],
    ];
    const pool = candidates
      .filter(([t]) => !allowed.has(t) && !(t === 'number' && allowed.has('integer')))
      .flatMap(([t, vs]) => vs.map((value) => ({ value, defect: `${path}: ${t} instead of ${[...allowed].join('|')}` })));
    if (allowed.has('integer') && !allowed.has('number')) pool.push({ value: 1.5, defect: `${path}: 1.5 instead of an integer` });
    return pool.length > 0 ? fc.constantFrom(...pool) : fc.constant({ value: undefined, defect: NONE });
  }

  private invalidStrings(s: JsonSchema, path: string): fc.Arbitrary<Defective>[] {
    const out: fc.Arbitrary<Defective>[] = [];
    if (s.maxLength !== undefined) {
      const max = s.maxLength;
      out.push(fc.integer({ min: max + 1, max: max + 1 + (max > 1000 ? 2000 : 20_000) }).map((n) => ({ value: 'y'.repeat(n), defect: `${path}: ${n} characters, at most ${max}` })));
    }
    if (s.minLength) out.push(fc.constant({ value: 'z'.repeat(s.minLength - 1), defect: `${path}: shorter than ${s.minLength}` }));
    const junk = (values: string[], what: string) => fc.constantFrom(...values).map((value) => ({ value, defect: `${path}: ${what}` }));
    if (s.format === 'uuid') out.push(junk(['not-a-uuid', '00000000-0000-0000-0000-00000000000g', '1', '{}', SCRIPT_PAYLOADS[1], 'a\u0000b', '\ud800'], 'not a uuid'));
    if (s.format === 'email') out.push(junk(['not-an-email', '@', 'a@', 'a b@c.d', '<a@b.c>', 'a\u0000@b.c'], 'not an email'));
    if (s.format === 'date-time') out.push(junk(['yesterday', '2024-13-45T99:99:99Z', '2024-01-01', '0', '\u0000'], 'not a date-time'));
    if (s.pattern?.startsWith('^@')) out.push(junk(['nolabel', '@', '@UPPER', '@a b', '@<b>', '@\u0000'], 'not a label'));
    return out;
  }

  private invalidNumbers(s: JsonSchema, types: Set<JsonType>, path: string): fc.Arbitrary<Defective>[] {
    const out: fc.Arbitrary<Defective>[] = [];
    const min = typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum : s.minimum;
    const max = typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum : s.maximum;
    if (min !== undefined) out.push(fc.constantFrom(min - 1, min - 1000, -(2 ** 53), -1e308).filter((v) => v < min).map((value) => ({ value, defect: `${path}: ${value} below ${min}` })));
    if (max !== undefined) out.push(fc.constantFrom(max + 1, max * 10 + 1, 2 ** 53, 1e308).filter((v) => v > max).map((value) => ({ value, defect: `${path}: ${value} above ${max}` })));
    if (types.has('integer') && !types.has('number')) out.push(fc.constantFrom(0.5, 100.25, 1e-9).map((value) => ({ value, defect: `${path}: ${value} not an integer` })));
    return out;
  }

  private invalidArrays(s: JsonSchema, path: string, depth: number): fc.Arbitrary<Defective>[] {
    const out: fc.Arbitrary<Defective>[] = [];
    const item = s.items ?? {};
    if (s.maxItems !== undefined) {
      const max = s.maxItems;
      out.push(
        fc.tuple(fc.integer({ min: max + 1, max: max + 1 + Math.min(5000, max * 4 + 10) }), this.validValue(item, depth + 1)).map(([n, v]) => ({
          value: Array.from({ length: n }, (_, i) => (typeof v === 'string' ? `${v}${i}` : v)),
          defect: `${path}: ${n} items, at most ${max}`,
        })),
      );
    }
    if (s.minItems) out.push(fc.constant({ value: [], defect: `${path}: fewer than ${s.minItems} items` }));
    if (s.items && depth < 6) {
      out.push(
        fc
          .tuple(fc.array(this.validValue(item, depth + 1), { maxLength: 2 }), this.invalidValue(item, `${path}[]`, depth + 1))
          .map(([ok, bad]) => ({ value: [...ok, bad.value], defect: bad.defect }))
          .filter((d) => d.defect !== NONE),
      );
    }
    return out;
  }

  /** A property present in every branch with one fixed value: the branches can tell a value apart by it. */
  private discriminator(branches: JsonSchema[]): string | null {
    const objects = branches.map((b) => this.resolve(b));
    const first = objects[0]?.properties ?? {};
    for (const key of Object.keys(first)) {
      const fixed = objects.every((o) => {
        const p = o.properties?.[key] && this.resolve(o.properties[key]);
        return p && (p.const !== undefined || p.enum?.length === 1) && o.required?.includes(key);
      });
      if (fixed) return key;
    }
    return null;
  }

  private invalidObject(s: JsonSchema, path: string, depth: number, keep?: string): fc.Arbitrary<Defective> {
    const props = s.properties ?? {};
    const base = this.validOfType(s, 'object', depth) as fc.Arbitrary<Record<string, unknown>>;
    const options: fc.Arbitrary<Defective>[] = [];
    const required = (s.required ?? []).filter((k) => k !== keep);
    if (required.length > 0) {
      options.push(fc.tuple(base, fc.constantFrom(...required)).map(([v, k]) => {
        const copy = { ...v };
        delete copy[k];
        return { value: copy, defect: `${path}.${k}: missing` };
      }));
    }
    if (s.additionalProperties === false) {
      const unknown = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'id_', '<script>', ''), fc.string({ minLength: 1, maxLength: 12 }))
        // RxDB's own `_`-prefixed fields are dropped by the sync push, so they are not unknown there.
        .filter((k) => !(k in props) && !(k.startsWith('_') && k !== '__proto__'));
      options.push(fc.tuple(base, unknown, fc.jsonValue({ maxDepth: 1 })).map(([v, k, x]) => {
        // defineProperty: a plain `copy[k] = x` with k = '__proto__' would set the prototype, not a key.
        const copy = { ...v };
        Object.defineProperty(copy, k, { value: x, enumerable: true, configurable: true, writable: true });
        return { value: copy, defect: `${path}.${k}: unknown field` };
      }));
    }
    const keys = Object.keys(props).filter((k) => k !== keep);
    if (keys.length > 0) {
      options.push(fc
          .constantFrom(...keys)
          .chain((k) => fc.tuple(base, this.invalidValue(props[k] as JsonSchema, `${path}.${k}`, depth + 1)).map(([v, bad]) => ({ value: { ...v, [k]: bad.value }, defect: bad.defect })))
          .filter((d) => d.defect !== NONE),
      );
    }
    return options.length > 0 ? fc.oneof(...options) : this.wrongType(s, path);
  }
}
