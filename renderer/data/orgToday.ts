/**
 * "Today" for plans is a calendar day in the organization's time zone (the session knows it), not
 * the device's: a coach travelling, or a club whose coaches live in several zones, still sees the
 * same plan week. Falls back to the device's zone for a session stored before zones were known.
 */
import { useEffect, useState } from 'react';
import { todayIn, type IsoDate } from '../../shared/schedule/dates';
import { useSession } from '../session/store';

const CHECK_MS = 30_000;

export const deviceTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function orgTimeZone(zone: string | null | undefined): string {
  return zone && zone.trim() !== '' ? zone : deviceTimeZone();
}

/** The organization's today; re-renders when the day changes (checked twice a minute). */
export function useOrgToday(): IsoDate {
  const zone = orgTimeZone(useSession((s) => s.org?.time_zone));
  const [state, setState] = useState(() => ({ zone, today: todayIn(zone) }));
  useEffect(() => {
    const check = () => {
      const today = todayIn(zone);
      setState((s) => (s.zone === zone && s.today === today ? s : { zone, today }));
    };
    check();
    const timer = setInterval(check, CHECK_MS);
    return () => clearInterval(timer);
  }, [zone]);
  return state.zone === zone ? state.today : todayIn(zone);
}
