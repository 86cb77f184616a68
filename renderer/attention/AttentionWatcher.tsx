/**
 * Mounted once behind sign-in (SessionGate): runs the desktop-notification watcher for the
 * signed-in coach (notifier.ts), re-evaluates at once when the settings change, and keeps the open
 * urgent count on the app badge (tray, dock, taskbar).
 */
import { useEffect } from 'react';
import { todayIn } from '../../shared/schedule/dates';
import { useAstralData } from '../data/context';
import { useMyMembership } from '../data/coaches';
import { orgTimeZone } from '../data/orgToday';
import { notifyDesktop, setBadgeCount } from '../platform/bridge';
import { useSession } from '../session/store';
import { prefsFor, prefsKey, useNotificationPrefsStore } from './notificationPrefs';
import { startNotifier } from './notifier';
import { useFollowedUrgentCount } from './useUrgentCount';

export function AttentionWatcher() {
  const { db } = useAstralData();
  const userId = useSession((s) => s.user?.id);
  const orgId = useSession((s) => s.org?.id);
  const zone = orgTimeZone(useSession((s) => s.org?.time_zone));
  const me = useMyMembership(userId);
  const coachId = me?.id;
  const role = me?.role;

  useEffect(() => {
    if (!coachId || !role || !userId || !orgId) return;
    const key = prefsKey(orgId, userId);
    const notifier = startNotifier({
      db,
      me: { coachId, role },
      getPrefs: () => prefsFor(key),
      notify: (payload) => notifyDesktop(payload, { evenWhenVisible: true }),
      today: () => todayIn(zone),
    });
    const unsubscribe = useNotificationPrefsStore.subscribe(() => void notifier.evaluate());
    return () => {
      unsubscribe();
      notifier.stop();
    };
  }, [db, coachId, role, userId, orgId, zone]);

  const urgent = useFollowedUrgentCount();
  useEffect(() => setBadgeCount(urgent), [urgent]);
  return null;
}
