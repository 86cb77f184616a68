/**
 * Plan files: a plan exported as pretty JSON (`<slug>.plan.json`, format in shared/domain/plan.ts)
 * and imported back as a new plan of the library. A wrong file imports nothing and lists what is
 * wrong in it, with where ("plan.sessions[3].day: ...").
 */
import { readPlanFile, toPlanFile, type TrainingPlan } from '../../shared/domain/plan';
import type { AstralDatabase } from './database';
import { createPlan } from './plans';
import type { WriteResult } from './writeResult';

export function planFileText(plan: TrainingPlan): string {
  return `${JSON.stringify(toPlanFile(plan), null, 2)}\n`;
}

/** "Marathon base: 16 weeks" -> "marathon-base-16-weeks.plan.json". */
export function planFileName(plan: Pick<TrainingPlan, 'name'>): string {
  const slug = plan.name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'training-plan'}.plan.json`;
}

export type ImportResult = WriteResult<TrainingPlan> | { ok: false; message: string; errors: string[] };

/** Reads a plan file's text and adds the plan to the library. */
export async function importPlan(db: AstralDatabase, text: string): Promise<ImportResult> {
  const file = readPlanFile(text);
  if (!file.ok) {
    return { ok: false, message: 'This file cannot be imported:', errors: file.errors };
  }
  const created = await createPlan(db, file.plan);
  if (!created.ok) {
    return { ok: false, message: 'This file cannot be imported:', errors: Object.entries(created.fieldErrors ?? {}).map(([k, m]) => `plan.${k}: ${m}`) };
  }
  return created;
}
