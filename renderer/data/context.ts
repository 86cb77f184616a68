import { createContext, useContext, useEffect, useState } from 'react';
import type { Observable } from 'rxjs';
import type { AstralData } from './database';

/** The open database of the signed-in organization; provided by the session gate. */
export const DataContext = createContext<AstralData | null>(null);

export function useAstralData(): AstralData {
  const value = useContext(DataContext);
  if (!value) throw new Error('useAstralData() used outside of an open database');
  return value;
}

/** Subscribes to an observable built from `deps`; `undefined` until the first emission. */
export function useObservable<T>(factory: () => Observable<T>, deps: readonly unknown[]): T | undefined {
  const [state, setState] = useState<{ deps: readonly unknown[]; value: T | undefined }>({ deps, value: undefined });
  useEffect(() => {
    const sub = factory().subscribe((value) => setState({ deps, value }));
    return () => sub.unsubscribe();
  }, deps);
  // A value computed for other deps must not be shown for the new ones.
  return sameDeps(state.deps, deps) ? state.value : undefined;
}

const sameDeps = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
