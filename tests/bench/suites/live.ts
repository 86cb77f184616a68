/**
 * Live propagation and server capacity (issue 7). Scaffold: the suite module is registered in run.ts and is being written; until then it
 * reports its figures as not measured.
 */
import type { SuiteResult } from '../lib/report';
import type { Suite } from '../lib/suite';

export const liveSuite: Suite = {
  id: 'live',
  title: 'Live propagation and server capacity (issue 7)',
  async run(): Promise<SuiteResult> {
    return { id: 'live', title: 'Live propagation and server capacity (issue 7)', figures: [], notes: ['Not measured yet.'], environment: {}, durationMs: 0 };
  },
};
