/** The orchestrator's handle on one client worker (worker.ts): typed requests, answers by id. */
import { Worker } from 'node:worker_threads';
import type { Command, Dump, OpenArgs, OpOutcome, Reply, SettleResult } from './protocol';
import type { OpKind } from './ops';

const REQUEST_TIMEOUT_MS = 240_000;

export type ChaosClient = {
  open(args: OpenArgs): Promise<void>;
  op(kind: OpKind, seed: number): Promise<OpOutcome>;
  offline(): Promise<void>;
  online(): Promise<void>;
  restartSync(): Promise<void>;
  settle(timeoutMs: number): Promise<SettleResult>;
  dump(): Promise<Dump>;
  close(): Promise<void>;
  terminate(): Promise<void>;
};

export function spawnClient(): ChaosClient {
  // The worker registers tsx itself (worker-boot.mjs): it runs the app's TypeScript sources as they are.
  const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url));
  worker.unref();
  let next = 1;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout }>();
  const failAll = (err: Error) => {
    for (const w of waiting.values()) {
      clearTimeout(w.timer);
      w.reject(err);
    }
    waiting.clear();
  };
  worker.on('message', (reply: Reply) => {
    const w = waiting.get(reply.reqId);
    if (!w) return;
    waiting.delete(reply.reqId);
    clearTimeout(w.timer);
    if (reply.ok) w.resolve(reply.value);
    else w.reject(new Error(`client worker: ${reply.error}`));
  });
  worker.on('error', (err) => failAll(err));
  worker.on('exit', (code) => failAll(new Error(`client worker exited (${code})`)));

  const send = <T>(command: Command): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const reqId = next++;
      const timer = setTimeout(() => {
        waiting.delete(reqId);
        reject(new Error(`client worker did not answer ${command.cmd} within ${REQUEST_TIMEOUT_MS / 1000} s`));
      }, REQUEST_TIMEOUT_MS);
      waiting.set(reqId, { resolve: resolve as (v: unknown) => void, reject, timer });
      worker.postMessage({ ...command, reqId });
    });

  return {
    open: (args) => send({ cmd: 'open', args }),
    op: (kind, seed) => send({ cmd: 'op', kind, seed }),
    offline: () => send({ cmd: 'offline' }),
    online: () => send({ cmd: 'online' }),
    restartSync: () => send({ cmd: 'restartSync' }),
    settle: (timeoutMs) => send({ cmd: 'settle', timeoutMs }),
    dump: () => send({ cmd: 'dump' }),
    close: () => send({ cmd: 'close' }),
    terminate: async () => {
      await worker.terminate();
    },
  };
}
