/** The roster's last query string, so "Back to athletes" returns to the same search and filters. */
let last = '';

export function rememberRosterSearch(search: string): void {
  last = search;
}

export function rosterHref(): string {
  return `/${last}`;
}
