/**
 * The goal race and target pace a coach sets (PUT .../goal), and the integration state a partner
 * reports (PUT .../integrations/{provider}; `integrations` is written by the server only). Both go
 * through DocumentStore.write so open apps see them live. A new target pace changes the load
 * estimate of runs without heart rate, so the athlete's signals are evaluated again.
 */
import type { z } from 'zod';
import { INTEGRATION_PROVIDERS, type Athlete, type GoalRequest, type Integration, type IntegrationProvider, type IntegrationReport } from '../../shared/domain/athlete';
import { todayIn } from '../../shared/schedule/dates';
import { currentRole, type Member } from '../auth/membership';
import { notFound } from '../http/errors';
import { evaluateAthlete } from '../signals/evaluate';
import { canonicalJson } from '../signals/lifecycle';
import { orgTimeZone } from '../sync/rules/profile';
import type { DocumentStore, OrgWriter } from '../sync/store';

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

async function liveAthlete(w: OrgWriter, athleteId: string): Promise<Athlete> {
  const stored = await w.read('athletes', athleteId);
  if (!stored || stored.deleted) throw notFound('Athlete');
  return stored.data as Athlete;
}

export async function setGoal(store: DocumentStore, member: Member, athleteId: string, goal: z.infer<typeof GoalRequest>): Promise<Athlete> {
  return store.write(member.orgId, async (w) => {
    await currentRole(w, member);
    const before = await liveAthlete(w, athleteId);
    if (same(before.goal_race, goal.goal_race) && before.target_pace_s_per_km === goal.target_pace_s_per_km) return before;
    const now = new Date().toISOString();
    const after: Athlete = { ...before, goal_race: goal.goal_race, target_pace_s_per_km: goal.target_pace_s_per_km, updated_at: now };
    await w.put('athletes', after);
    if (before.target_pace_s_per_km !== goal.target_pace_s_per_km) await evaluateAthlete(w, athleteId, todayIn(await orgTimeZone(w), new Date(now)), now);
    return after;
  });
}

export const isProvider = (p: string): p is IntegrationProvider => (INTEGRATION_PROVIDERS as readonly string[]).includes(p);

/** Integrations in INTEGRATION_PROVIDERS order, the reported one replaced. */
export function withIntegration(list: readonly Integration[], next: Integration): Integration[] {
  const others = list.filter((i) => i.provider !== next.provider);
  return [...others, next].sort((a, b) => INTEGRATION_PROVIDERS.indexOf(a.provider) - INTEGRATION_PROVIDERS.indexOf(b.provider));
}

export async function reportIntegration(store: DocumentStore, member: Member, athleteId: string, provider: string, report: z.infer<typeof IntegrationReport>): Promise<Athlete> {
  if (!isProvider(provider)) throw notFound(`Integration provider "${provider.slice(0, 40)}" (one of ${INTEGRATION_PROVIDERS.join(', ')})`);
  return store.write(member.orgId, async (w) => {
    await currentRole(w, member);
    const before = await liveAthlete(w, athleteId);
    const current = before.integrations.find((i) => i.provider === provider);
    const detail = report.state === 'error' ? report.detail : null;
    if (current && current.state === report.state && current.last_sync_at === report.last_sync_at && current.detail === detail) return before;
    const now = new Date().toISOString();
    const integration: Integration = { provider, state: report.state, last_sync_at: report.last_sync_at, detail, updated_at: now };
    const after: Athlete = { ...before, integrations: withIntegration(before.integrations, integration), updated_at: now };
    await w.put('athletes', after);
    return after;
  });
}

export type { IntegrationReport };
