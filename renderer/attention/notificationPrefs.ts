/**
 * Desktop-notification settings, per coach and organization on this device (UI preferences, not
 * roster data: zustand persisted to localStorage, applied at once by the running notifier).
 * Quiet hours are local wall-clock times on this device ("22:00" to "07:00" crosses midnight).
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { useSession } from '../session/store';

/** Which athletes a head coach is notified about; a coach always follows the athletes assigned to them. */
export type FollowScope = 'all' | 'assigned';

export type NotificationPrefs = {
  enabled: boolean;
  urgentOnly: boolean;
  quietEnabled: boolean;
  /** "HH:MM", local time. */
  quietFrom: string;
  quietTo: string;
  /** The new signals of one sync batch in one notification. */
  digest: boolean;
  headCoachScope: FollowScope;
};

export const DEFAULT_PREFS: NotificationPrefs = {
  enabled: true,
  urgentOnly: false,
  quietEnabled: false,
  quietFrom: '22:00',
  quietTo: '07:00',
  digest: false,
  headCoachScope: 'all',
};

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
export const isClockTime = (v: string): boolean => HHMM.test(v);

/** Minutes after midnight of "HH:MM"; null when it is not a time. */
export function clockMinutes(v: string): number | null {
  const m = HHMM.exec(v);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/**
 * Is `now` (device local time) inside quiet hours? From 22:00 to 07:00 crosses midnight; from ==
 * to, or an unreadable time, is never quiet (an empty window rather than a whole silent day).
 */
export function inQuietHours(prefs: Pick<NotificationPrefs, 'quietEnabled' | 'quietFrom' | 'quietTo'>, now: Date): boolean {
  if (!prefs.quietEnabled) return false;
  const from = clockMinutes(prefs.quietFrom);
  const to = clockMinutes(prefs.quietTo);
  if (from === null || to === null || from === to) return false;
  const m = now.getHours() * 60 + now.getMinutes();
  return from < to ? m >= from && m < to : m >= from || m < to;
}

type PrefsState = {
  byKey: Record<string, NotificationPrefs>;
  update(key: string, patch: Partial<NotificationPrefs>): void;
};

export const useNotificationPrefsStore = create<PrefsState>()(
  persist(
    (set) => ({
      byKey: {},
      update: (key, patch) => set((s) => ({ byKey: { ...s.byKey, [key]: { ...DEFAULT_PREFS, ...s.byKey[key], ...patch } } })),
    }),
    { name: 'astral-notification-prefs', version: 1, storage: createJSONStorage(() => localStorage) },
  ),
);

export const prefsKey = (orgId: string, userId: string): string => `${orgId}|${userId}`;

export function prefsFor(key: string | null): NotificationPrefs {
  const stored = key ? useNotificationPrefsStore.getState().byKey[key] : undefined;
  return { ...DEFAULT_PREFS, ...stored };
}

/** The signed-in coach's settings in the open organization, and a setter. */
export function useNotificationPrefs(): [NotificationPrefs, (patch: Partial<NotificationPrefs>) => void] {
  const key = useSession((s) => (s.org && s.user ? prefsKey(s.org.id, s.user.id) : null));
  const stored = useNotificationPrefsStore((s) => (key ? s.byKey[key] : undefined));
  const update = useNotificationPrefsStore((s) => s.update);
  return [{ ...DEFAULT_PREFS, ...stored }, (patch) => key && update(key, patch)];
}
