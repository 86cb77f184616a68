/** The contract between the runner (run.ts) and one suite module (suites/*.ts). */
import type { SuiteResult } from './report';

export type SuiteContext = {
  /** Progress lines (the report itself is printed by the runner). */
  log(line: string): void;
  /** Epoch ms by which the suite must wrap up: loops stop early and report what they measured. */
  deadline: number;
  /** Profile where the time goes even when every target is met. */
  profile: boolean;
};

export type Suite = { id: string; title: string; run(ctx: SuiteContext): Promise<SuiteResult> };
