// Worker entry: Node 20 does not apply `--import tsx` given in a Worker's execArgv, so the worker
// registers tsx itself, then loads the TypeScript client (worker.ts).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
