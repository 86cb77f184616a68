/**
 * Opaque pagination cursors for the athlete list: the sort key of the last row returned
 * (lower-cased last name, first name, id) as base64url JSON. Decoding validates the shape, so a
 * forged or truncated cursor is a 400, never a database error.
 */
import { z } from 'zod';

export type AthleteSortKey = { last: string; first: string; id: string };

const CursorShape = z.tuple([z.literal(1), z.string().max(400), z.string().max(400), z.string().min(1).max(100)]);

export function encodeCursor(key: AthleteSortKey): string {
  return Buffer.from(JSON.stringify([1, key.last, key.first, key.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): AthleteSortKey | null {
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(cursor)) return null;
  try {
    const parsed = CursorShape.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (!parsed.success) return null;
    const [, last, first, id] = parsed.data;
    return { last, first, id };
  } catch {
    return null;
  }
}
