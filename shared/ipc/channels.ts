/**
 * The IPC channel names alone, without the zod schemas of contract.ts: the sandboxed preload
 * imports this file so its bundle stays a few hundred bytes instead of carrying zod.
 * contract.ts re-exports both names; import them from either.
 */
export const IPC_CHANNELS = {
  notify: 'astral:notify',
  getVersion: 'astral:get-version',
  setBadgeCount: 'astral:set-badge-count',
  readSessionToken: 'astral:session-token-read',
  storeSessionToken: 'astral:session-token-store',
  clearSessionToken: 'astral:session-token-clear',
} as const;

/** Main -> renderer: open an in-app route (notification click, deep link, tray, menu). */
export const NAVIGATE_EVENT = 'astral:navigate';

/** Main -> renderer: an application-menu command the renderer carries out (see ShellCommand). */
export const COMMAND_EVENT = 'astral:command';

/** The commands COMMAND_EVENT carries. `find`: focus the roster search. */
export const SHELL_COMMANDS = ['find'] as const;
export type ShellCommand = (typeof SHELL_COMMANDS)[number];
