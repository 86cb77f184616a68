/**
 * Ids of documents created on this device: random UUIDs (version 4) from crypto.getRandomValues,
 * which, unlike crypto.randomUUID, also exists when the dashboard is served over plain http on a
 * local network address (not a secure context).
 */
export function newId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The time a local write is stamped with; the server replaces it with its own on push. */
export const localNow = (): string => new Date().toISOString();
