/**
 * The coach's distance unit (km or miles): a display preference of this device, not organization
 * data, so it lives in zustand persisted to localStorage, not in RxDB. Every distance and pace of
 * the profile reads it through useUnits().
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { DistanceUnits } from '../../shared/training/units';

export type { DistanceUnits } from '../../shared/training/units';
export const UNIT_LABELS: Record<DistanceUnits, string> = { km: 'Kilometres (km)', mi: 'Miles (mi)' };

type UnitsState = { units: DistanceUnits; setUnits(units: DistanceUnits): void };

export const useUnitsStore = create<UnitsState>()(
  persist((set) => ({ units: 'km', setUnits: (units) => set({ units }) }), {
    name: 'astral-units',
    version: 1,
    storage: createJSONStorage(() => localStorage),
    partialize: (s) => ({ units: s.units }),
    // Anything but a known unit (an edited or foreign value) reads as km.
    merge: (persisted, current) => {
      const units = (persisted as { units?: unknown } | null)?.units;
      return { ...current, units: units === 'mi' ? 'mi' : 'km' };
    },
  }),
);

/** The coach's distance unit. */
export const useUnits = (): DistanceUnits => useUnitsStore((s) => s.units);
