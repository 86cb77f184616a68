/**
 * The open urgent count the coach sees on the app badge (tray, dock, taskbar) and beside "Needs
 * attention" in the header: open urgent signals of the athletes this coach follows, the same rule
 * as notifications (a coach: assigned athletes; a head coach: all, or assigned by setting).
 */
import { useMemo } from 'react';
import { useAthletes } from '../data/athletes';
import { useMyMembership } from '../data/coaches';
import { useOpenSignals } from '../data/signals';
import { useSession } from '../session/store';
import { useNotificationPrefs } from './notificationPrefs';
import { follows } from './notifyPlan';

export function useFollowedUrgentCount(): number {
  const open = useOpenSignals();
  const athletes = useAthletes();
  const me = useMyMembership(useSession((s) => s.user?.id));
  const [prefs] = useNotificationPrefs();
  const scope = prefs.headCoachScope;
  return useMemo(() => {
    if (!open || !athletes || !me) return 0;
    const byId = new Map(athletes.map((a) => [a.id, a]));
    const who = { coachId: me.id, role: me.role };
    return open.filter((s) => s.severity === 'urgent' && follows(byId.get(s.athlete_id), who, { headCoachScope: scope })).length;
  }, [open, athletes, me, scope]);
}
