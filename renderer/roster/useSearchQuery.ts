/**
 * The roster search box's text, kept in React state for every keystroke and written to the URL
 * (?q=) only after a pause of typing (or when the box loses focus): a URL write per key costs a
 * history entry update and a re-render of everything reading the location. A change of ?q= from
 * elsewhere (Clear filters, a restored or linked view) replaces the text.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export const URL_WRITE_DELAY_MS = 300;

export function useSearchQuery(
  urlQuery: string,
  writeUrl: (q: string) => void,
): { query: string; setQuery(q: string): void; flush(): void; reset(q: string): void } {
  const [query, setQueryState] = useState(urlQuery);
  const written = useRef(urlQuery);
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; q: string } | null>(null);
  const write = useRef(writeUrl);
  write.current = writeUrl;

  const cancel = useCallback(() => {
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = null;
  }, []);
  const flush = useCallback(() => {
    const p = pending.current;
    if (!p) return;
    cancel();
    written.current = p.q;
    write.current(p.q);
  }, [cancel]);
  const setQuery = useCallback(
    (q: string) => {
      setQueryState(q);
      cancel();
      pending.current = { q, timer: setTimeout(flush, URL_WRITE_DELAY_MS) };
    },
    [cancel, flush],
  );
  /** Sets the text without a URL write (the caller changes the URL itself). */
  const reset = useCallback(
    (q: string) => {
      cancel();
      written.current = q;
      setQueryState(q);
    },
    [cancel],
  );

  useEffect(() => {
    // Only a URL value this hook did not write replaces the text (its own writes lag the typing).
    if (urlQuery === written.current) return;
    cancel();
    written.current = urlQuery;
    setQueryState(urlQuery);
  }, [urlQuery, cancel]);
  useEffect(() => cancel, [cancel]); // leaving the page: never write into another page's URL

  return { query, setQuery, flush, reset };
}
