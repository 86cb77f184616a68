/**
 * Runs notifyPlan.ts against the live database: when sync brings attention signals, this coach's
 * app shows the notifications the plan asks for, then records its coach id in each signal's
 * notified_coach_ids (a synced write: no other start or device of this coach notifies it again).
 *
 * - One batch = the changes that arrive within BATCH_MS of each other (a pull writes its documents
 *   at once; the delay also gathers a burst of pulls), so digest mode sees one sync as one batch.
 * - A tick every TICK_MS re-evaluates: quiet hours ending, the day changing (snoozes ending).
 * - First start on this device (no local document yet): every signal already there is set aside
 *   silently; from then on only what sync brings notifies. The local document `attention-notifier`
 *   holds the set-aside keys (`id:severity`), pruned to the signals still on the device.
 * - Only the leader tab notifies when several tabs share the database.
 */
import { combineLatest, debounceTime, map, type Subscription } from 'rxjs';
import type { NotifyPayload } from '../../shared/ipc/contract';
import type { AttentionSignal } from '../../shared/domain/signal';
import type { AstralDatabase } from '../data/database';
import { modifyLocal, readLocal } from '../data/localDocs';
import { markSignalsNotified, watchSignals } from '../data/signals';
import type { NotificationPrefs } from './notificationPrefs';
import { planNotifications, seenKey, type Me, type NotifyAthlete } from './notifyPlan';

export const NOTIFIER_DOC = 'attention-notifier';
export const BATCH_MS = 1500;
export const TICK_MS = 60_000;

type NotifierDoc = { seen: string[] };

export type NotifierDeps = {
  db: AstralDatabase;
  me: Me;
  getPrefs(): NotificationPrefs;
  notify(payload: NotifyPayload): void;
  /** The organization's today (signalIsOpen). */
  today(): string;
  now?(): Date;
  batchMs?: number;
  tickMs?: number;
  log?(message: string): void;
};

export type Notifier = {
  /** Re-evaluate now (settings changed); resolves when done. */
  evaluate(): Promise<void>;
  /** Resolves once the first-start baseline is written and the subscription runs. */
  ready: Promise<void>;
  stop(): void;
};

export function startNotifier(deps: NotifierDeps): Notifier {
  const { db, me } = deps;
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? ((m: string) => console.warn(m));
  let stopped = false;
  let athletes: Map<string, NotifyAthlete> | null = null;
  // Shown by this run: never twice, even if an evaluation races the write that records it.
  const shownHere = new Set<string>();
  let chain: Promise<void> = Promise.resolve();
  const subs: Subscription[] = [];
  let timer: ReturnType<typeof setInterval> | null = null;

  const run = async () => {
    if (stopped || !athletes || db.closed) return;
    // Read now, not from the (debounced) subscription: an evaluation must see the last notified write.
    const signals = (await db.attention_signals.find().exec()).map((d) => d.toJSON() as AttentionSignal);
    const doc = (await readLocal<NotifierDoc>(db, NOTIFIER_DOC)) ?? { seen: [] };
    const seen = new Set([...doc.seen, ...shownHere]);
    const plan = planNotifications({ signals, athletes, me, prefs: deps.getPrefs(), seen, today: deps.today(), now: now() });
    for (const s of signals) if (plan.notified.includes(s.id)) shownHere.add(seenKey(s));
    for (const payload of plan.show) deps.notify(payload);
    if (plan.notified.length > 0) await markSignalsNotified(db, plan.notified, me.coachId);
    const present = new Set(signals.filter((s) => s.status !== 'resolved').map((s) => s.id));
    const stale = doc.seen.some((k) => !present.has(k.slice(0, k.lastIndexOf(':'))));
    if (plan.setAside.length > 0 || stale) {
      await modifyLocal<NotifierDoc>(db, NOTIFIER_DOC, { seen: [] }, (d) => ({
        seen: [...new Set([...d.seen, ...plan.setAside])].filter((k) => present.has(k.slice(0, k.lastIndexOf(':')))),
      }));
    }
  };
  const evaluate = () => {
    chain = chain.then(run).catch((err: unknown) => {
      if (!stopped) log(`[attention] notifier: ${String(err)}`);
    });
    return chain;
  };

  const start = async () => {
    await db.waitForLeadership();
    if (stopped) return;
    if ((await readLocal<NotifierDoc>(db, NOTIFIER_DOC)) === null) {
      const existing = await db.attention_signals.find().exec();
      const seen = existing.map((d) => seenKey(d.toJSON() as AttentionSignal));
      await modifyLocal<NotifierDoc>(db, NOTIFIER_DOC, { seen: [] }, (d) => ({ seen: [...new Set([...d.seen, ...seen])] }));
    }
    if (stopped) return;
    const athletes$ = db.athletes.find().$.pipe(
      map((docs) => new Map(docs.map((d) => [d.primary, { id: d.primary, first_name: d.first_name, last_name: d.last_name, coach_ids: [...d.coach_ids] }]))),
    );
    subs.push(
      combineLatest([watchSignals(db), athletes$])
        .pipe(debounceTime(deps.batchMs ?? BATCH_MS))
        .subscribe(([, byId]) => {
          athletes = byId;
          void evaluate();
        }),
    );
    timer = setInterval(() => void evaluate(), deps.tickMs ?? TICK_MS);
  };
  const ready = start().catch((err: unknown) => log(`[attention] notifier did not start: ${String(err)}`));

  return {
    evaluate: () => evaluate(),
    ready,
    stop() {
      stopped = true;
      subs.forEach((s) => s.unsubscribe());
      if (timer) clearInterval(timer);
    },
  };
}
