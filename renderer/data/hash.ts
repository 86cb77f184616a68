/**
 * A small, deterministic, non-cryptographic string hash.
 *
 * Why: RxDB's default hash uses `crypto.subtle`, which only exists in secure contexts; the web
 * dashboard may be opened over plain http on a LAN address. RxDB only needs the hash for revision
 * and schema fingerprints, so a fast 106-bit (two cyrb53 lanes) hash is enough. It must never
 * change once databases exist, or their stored schema hashes stop matching.
 */
function cyrb53(input: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < input.length; i++) {
    const ch = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export function hashString(input: string): string {
  return cyrb53(input, 0).toString(16).padStart(14, '0') + cyrb53(input, 0x9e3779b9).toString(16).padStart(14, '0');
}

const bytesToString = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join('');

/** RxDB's `hashFunction` option (binary input only occurs with attachments, which the app has none of). */
export async function rxdbHash(input: string | ArrayBuffer | Blob): Promise<string> {
  if (typeof input === 'string') return hashString(input);
  const buffer = input instanceof ArrayBuffer ? input : await input.arrayBuffer();
  return hashString(bytesToString(new Uint8Array(buffer)));
}
