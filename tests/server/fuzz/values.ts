/**
 * The raw material of the bad-input tests: hostile strings (control characters, NUL, lone
 * surrogates, script and markup, huge), malformed JSON texts, and a percent-encoder that can put
 * what `encodeURIComponent` refuses (a lone surrogate) or never makes (a stray `%`) into a URL.
 */
import fc from 'fast-check';

export const SCRIPT_PAYLOADS = [
  '<img src=x onerror=window.__xss=1>',
  '<script>window.__xss=1</script>',
  '"><svg onload=alert(1)>',
  "'; DROP TABLE documents; --",
  '{{constructor.constructor("return 1")()}}',
  '${7*7}',
] as const;

const CONTROL = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f', '\u007f', '\r', '\n', '\t'];
const SURROGATES = ['\ud800', '\udfff', '\udc00x', 'x\ud83d'];
const ODD = ['', ' ', '   ', '\u200b', '\ufeff', '\u202e', 'null', 'undefined', 'NaN', '-1', '0', '1e309', '../..', '%', '%00', '__proto__', 'constructor', 'ä', '🏃‍♀️', 'Ω'.repeat(3)];

/** One hostile string: short and odd, or long. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SCRIPT_PAYLOADS, ...CONTROL, ...SURROGATES, ...ODD),
  fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...CONTROL, ...SURROGATES, ...SCRIPT_PAYLOADS), fc.string({ maxLength: 8 })).map((p) => p.join('')),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: fc.constantFrom(...CONTROL, ...SURROGATES, 'a', '<', '>', '"', "'", '&'), maxLength: 20 }),
  fc.integer({ min: 200, max: 20_000 }).map((n) => 'x'.repeat(n)),
);

/** Any JSON-able junk value (numbers out of range included). */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, [], {}, [null], { '': '' }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Text that is not JSON, or JSON cut short. */
export function brokenJson(valid: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('', '{', '[', '{"a":', '{"a":1,}', "{'a':1}", 'nul', 'undefined', '{"a":NaN}', '\u0000', '<xml/>', 'a=1&b=2', '{"a":"\ud800"}'),
    valid.length > 1 ? fc.integer({ min: 1, max: valid.length - 1 }).map((n) => valid.slice(0, n)) : fc.constant('{'),
    fc.string({ unit: 'binary', maxLength: 60 }).filter((s) => !isJson(s)),
  );
}

function isJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

/** JSON nested `depth` levels deep, as text (a parser that recurses may overflow its stack). */
export function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/**
 * Percent-encodes every UTF-16 unit like encodeURIComponent, but a lone surrogate becomes the
 * bytes a careless encoder would write (%ED%A0%80, not valid UTF-8) instead of an exception.
 */
export function encodeLoose(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(s.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += `%${(0xe0 | (unit >> 12)).toString(16)}%${(0x80 | ((unit >> 6) & 0x3f)).toString(16)}%${(0x80 | (unit & 0x3f)).toString(16)}`.toUpperCase();
    } else {
      out += encodeURIComponent(s[i] as string);
    }
  }
  return out;
}

/** A path or query value: encoded loosely, sometimes with a raw malformed escape left in. */
export const urlValue = (value: string): fc.Arbitrary<string> =>
  fc.oneof({ weight: 5, arbitrary: fc.constant(encodeLoose(value)) }, { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%E0%A4', '%C0%80', '%00') });
