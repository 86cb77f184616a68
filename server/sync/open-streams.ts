/**
 * The live streams open on this server, by session (token hash). Signing out ends that session's
 * streams at once; without this a stream opened before logout kept delivering changes until the
 * client disconnected. In-process only, like the change bus: with several server instances the
 * heartbeat re-check of the session (stream.ts) is what ends streams opened on another instance.
 */
export class OpenStreams {
  private readonly bySession = new Map<string, Set<() => void>>();

  /** Registers `close` for the session; the returned function unregisters it. */
  add(tokenHash: string, close: () => void): () => void {
    let set = this.bySession.get(tokenHash);
    if (!set) this.bySession.set(tokenHash, (set = new Set()));
    set.add(close);
    return () => {
      set.delete(close);
      if (set.size === 0 && this.bySession.get(tokenHash) === set) this.bySession.delete(tokenHash);
    };
  }

  /** Ends every open stream of the session; returns how many were open. */
  closeSession(tokenHash: string): number {
    const set = this.bySession.get(tokenHash);
    if (!set) return 0;
    this.bySession.delete(tokenHash);
    for (const close of [...set]) close();
    return set.size;
  }

  count(): number {
    let n = 0;
    for (const set of this.bySession.values()) n += set.size;
    return n;
  }
}
