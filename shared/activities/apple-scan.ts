/**
 * Walks an Apple Health export.xml (up to 300 MB) without decoding or parsing all of it: the scan
 * runs over the bytes (UTF-8, whose "<" and ">" bytes never occur inside a multi-byte character),
 * and only <Workout> elements (whole) and the start tags of wanted <Record> elements are decoded
 * and handed on. The millions of other records (steps, energy, heart-rate samples) are passed
 * over without becoming strings: decoding a 50 MB export to text alone took over a second here,
 * and twice its size in memory, because device names like "Jane’s Watch" make it a two-byte string.
 * Memory beyond the caller's bytes is one element at a time.
 *
 * Consequently the whole document is not checked for well-formedness: each workout is checked on
 * its own (apple-health.ts) and the export must end with </HealthData> (a truncated copy is refused).
 */

export type ScanHandlers = {
  /** The whole <Workout ...>...</Workout> (or <Workout .../>) text. */
  workout: (xml: string) => void;
  /** Record types wanted (e.g. HKQuantityTypeIdentifierRestingHeartRate). */
  recordTypes: readonly string[];
  /** A wanted record's start tag, made self-closing so it parses alone. */
  record: (startTag: string) => void;
};

export type ScanResult = { ok: true } | { ok: false; message: string };

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const WORKOUT = ascii('<Workout');
const RECORD = ascii('<Record');
const WORKOUT_CLOSE = ascii('</Workout>');
const TYPE_ATTR = ascii(' type="');

const matchAt = (bytes: Uint8Array, at: number, pattern: Uint8Array): boolean => {
  if (at + pattern.length > bytes.length) return false;
  for (let i = 0; i < pattern.length; i++) if (bytes[at + i] !== pattern[i]) return false;
  return true;
};

/** Whether the byte after an element name ends the name (space, tab, line break, "/" or ">"). */
const endsName = (byte: number | undefined): boolean => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === SLASH || byte === GT;

function find(bytes: Uint8Array, pattern: Uint8Array, from: number): number {
  const first = pattern[0] ?? LT;
  for (let at = bytes.indexOf(first, from); at !== -1; at = bytes.indexOf(first, at + 1)) {
    if (matchAt(bytes, at, pattern)) return at;
  }
  return -1;
}

export function scanAppleExport(bytes: Uint8Array, handlers: ScanHandlers): ScanResult {
  const decoder = new TextDecoder('utf-8');
  const wanted = handlers.recordTypes.map((type) => ascii(`${type}"`));
  for (let at = bytes.indexOf(LT); at !== -1; at = bytes.indexOf(LT, at + 1)) {
    const isRecord = matchAt(bytes, at, RECORD) && endsName(bytes[at + RECORD.length]);
    const isWorkout = !isRecord && matchAt(bytes, at, WORKOUT) && endsName(bytes[at + WORKOUT.length]);
    if (!isRecord && !isWorkout) continue;
    const tagEnd = bytes.indexOf(GT, at);
    if (tagEnd === -1) break;
    if (isRecord) {
      // Apple writes type first: <Record type="HK...">. Any other order is decoded and searched.
      const typeAt = at + RECORD.length;
      const fast = matchAt(bytes, typeAt, TYPE_ATTR);
      const valueAt = typeAt + TYPE_ATTR.length;
      const keep = fast
        ? wanted.some((type) => matchAt(bytes, valueAt, type))
        : handlers.recordTypes.some((type) => decoder.decode(bytes.subarray(at, tagEnd + 1)).includes(`"${type}"`));
      if (keep) {
        const tag = decoder.decode(bytes.subarray(at, tagEnd + 1));
        handlers.record(bytes[tagEnd - 1] === SLASH ? tag : `${tag.slice(0, -1)}/>`);
      }
      at = tagEnd;
      continue;
    }
    let end = tagEnd + 1;
    if (bytes[tagEnd - 1] !== SLASH) {
      const close = find(bytes, WORKOUT_CLOSE, tagEnd);
      if (close === -1) {
        return { ok: false, message: 'This Apple Health export ends in the middle of a workout: the file is incomplete (unzip export.zip again). Nothing was imported.' };
      }
      end = close + WORKOUT_CLOSE.length;
    }
    handlers.workout(decoder.decode(bytes.subarray(at, end)));
    at = end - 1;
  }
  const tail = decoder.decode(bytes.subarray(Math.max(0, bytes.length - 4096)));
  if (!tail.includes('</HealthData>')) {
    return {
      ok: false,
      message: 'This Apple Health export is incomplete: it ends before its closing </HealthData> (unzip export.zip again and drop the whole export.xml). Nothing was imported.',
    };
  }
  return { ok: true };
}
