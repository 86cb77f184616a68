/**
 * Owns the open database and its replication for the signed-in organization. There is at most
 * one per app window: switching account or organization closes the previous one first (two
 * RxDB databases of the same name must never be open at once). React re-renders and StrictMode's
 * double effects reuse the same session instead of opening the database again.
 */
import { useEffect, useState } from 'react';
import type { NoticeDraft } from './conflicts';
import { databaseName, openAstralDatabase, type AstralData } from './database';
import { startSync, type SyncHandle } from './replication';
import { prefetchRosterSnapshot } from './rosterSnapshot';

export type DataSessionConfig = {
  serverUrl: string;
  token: string;
  userId: string;
  orgId: string;
};

export type DataSessionCallbacks = {
  onUnauthorized(): void;
  onOutdated(): void;
  onNotice(database: string, notice: NoticeDraft): void;
};

type Opened = { data: AstralData; sync: SyncHandle };
type Session = { key: string; name: string; ready: Promise<Opened>; close(): Promise<void> };

let current: Session | null = null;
const callbacks: DataSessionCallbacks = { onUnauthorized: () => undefined, onOutdated: () => undefined, onNotice: () => undefined };

function sessionKey(cfg: DataSessionConfig) {
  return `${databaseName(cfg.serverUrl, cfg.userId, cfg.orgId)}|${cfg.token}`;
}

function acquire(cfg: DataSessionConfig): Session {
  const key = sessionKey(cfg);
  if (current?.key === key) return current;
  const previous = current;
  const name = databaseName(cfg.serverUrl, cfg.userId, cfg.orgId);
  const ready = (previous ? previous.close() : Promise.resolve()).then(async () => {
    const data = await openAstralDatabase({ name, onNotice: (n) => callbacks.onNotice(name, n) });
    prefetchRosterSnapshot(data.db);
    const sync = startSync(data, {
      serverUrl: cfg.serverUrl,
      token: cfg.token,
      orgId: cfg.orgId,
      onUnauthorized: () => callbacks.onUnauthorized(),
      onOutdated: () => callbacks.onOutdated(),
    });
    return { data, sync };
  });
  let closing: Promise<void> | null = null;
  const session: Session = {
    key,
    name,
    ready,
    close: () =>
      (closing ??= ready.then(
        async ({ data, sync }) => {
          await sync.stop();
          await data.db.close();
        },
        () => undefined,
      )),
  };
  current = session;
  return session;
}

/** Closes the open database (sign-out). Local data stays on the device for the next sign-in. */
export async function closeDataSession(): Promise<void> {
  const session = current;
  current = null;
  await session?.close();
}

export type DataSessionState =
  | { status: 'opening'; name: string }
  | { status: 'ready'; name: string; data: AstralData; sync: SyncHandle }
  | { status: 'error'; name: string; error: Error };

export function useDataSession(cfg: DataSessionConfig | null, cbs: DataSessionCallbacks): DataSessionState | null {
  Object.assign(callbacks, cbs);
  const key = cfg ? sessionKey(cfg) : null;
  const [state, setState] = useState<{ key: string; value: DataSessionState } | null>(null);
  useEffect(() => {
    if (!cfg || !key) return;
    const session = acquire(cfg);
    let alive = true;
    session.ready.then(
      ({ data, sync }) => alive && setState({ key, value: { status: 'ready', name: session.name, data, sync } }),
      (err: unknown) => alive && setState({ key, value: { status: 'error', name: session.name, error: err instanceof Error ? err : new Error(String(err)) } }),
    );
    return () => {
      alive = false;
    };
    // The key captures everything of cfg that matters.
  }, [key]);
  if (!cfg || !key) return null;
  if (state?.key === key) return state.value;
  return { status: 'opening', name: databaseName(cfg.serverUrl, cfg.userId, cfg.orgId) };
}
