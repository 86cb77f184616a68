/**
 * Deep links `astral://athletes/{athlete_id}` and `astral://attention`, parsed into in-app routes.
 * Pure: they arrive from the OS (argv on Windows and Linux, `open-url` on macOS) and are untrusted
 * input, so anything that is not exactly one of these shapes is refused (null), and only a route
 * built here from validated parts ever reaches the renderer.
 */
import { Id } from '../shared/domain/common';

export const DEEP_LINK_SCHEME = 'astral';
const MAX_DEEP_LINK_LENGTH = 2048;

/** The in-app route a deep link opens, or null when it is not one of ours. */
export function parseDeepLink(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_DEEP_LINK_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol.toLowerCase() !== `${DEEP_LINK_SCHEME}:`) return null;
  if (url.username !== '' || url.password !== '' || url.port !== '') return null;
  // `astral://athletes/x` parses as host "athletes", path "/x"; `astral:athletes/x` as path only.
  // Empty segments are dropped, so a trailing slash some launchers append is accepted.
  const segments = [url.hostname, ...url.pathname.split('/')].filter((segment) => segment !== '');
  const [screen, id, ...rest] = segments;
  if (rest.length > 0 || screen === undefined) return null;
  switch (screen.toLowerCase()) {
    case 'attention':
      return id === undefined ? '/attention' : null;
    case 'athletes':
      return id !== undefined && Id.safeParse(id).success ? `/athletes/${id.toLowerCase()}` : null;
    default:
      return null;
  }
}

/** True for an argument that looks like a deep link (whether or not it is a valid one). */
export function isDeepLinkArgument(arg: string): boolean {
  return typeof arg === 'string' && arg.trim().toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`);
}

/**
 * The route of the deep link in a command line (cold start, or a second instance's argv on
 * Windows and Linux). Chromium may reorder switches, so every argument is looked at; the last
 * deep link wins. Returns null when there is none or it is not valid.
 */
export function deepLinkFromArgv(argv: readonly string[]): string | null {
  const links = argv.filter(isDeepLinkArgument);
  const last = links[links.length - 1];
  return last === undefined ? null : parseDeepLink(last);
}
