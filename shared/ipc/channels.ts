/**
 * The IPC channel names alone, without the zod schemas of contract.ts: the sandboxed preload
 * imports this file so its bundle stays a few hundred bytes instead of carrying zod.
 * contract.ts re-exports both names; import them from either.
 */
export const IPC_CHANNELS = {
  notify: 'astral:notify',
  getVersion: 'astral:get-version',
  setBadgeCount: 'astral:set-badge-count',
} as const;

export const NAVIGATE_EVENT = 'astral:navigate';
