/**
 * The menu's Find (CmdOrCtrl+F in the desktop shell): focus the roster search box and select its
 * text; from any other screen, go back to the roster (with its last search and filters) first.
 * The box is found by `data-roster-search` or its accessible name, so the roster needs no hook.
 */
import { rosterHref } from '../roster/lastRosterSearch';

export const ROSTER_SEARCH_SELECTOR = '[data-roster-search], input[aria-label="Search athletes"]';
const RETRY_FRAMES = 30;

export function focusRosterSearch(root: Pick<Document, 'querySelector'> = document): boolean {
  const input = root.querySelector<HTMLInputElement>(ROSTER_SEARCH_SELECTOR);
  if (!input) return false;
  input.focus();
  input.select();
  return true;
}

export function handleFind(
  navigate: (route: string) => void,
  schedule: (callback: () => void) => unknown = (callback) => requestAnimationFrame(callback),
  root?: Pick<Document, 'querySelector'>,
): void {
  const focus = () => focusRosterSearch(root ?? document);
  if (focus()) return;
  navigate(rosterHref());
  let frames = 0;
  const retry = (): void => {
    if (focus() || ++frames >= RETRY_FRAMES) return;
    schedule(retry);
  };
  schedule(retry);
}
