/**
 * Builds one seeded data folder (the demo organization on PGlite) before the e2e run. Each test
 * then starts its server on a copy of it: reopening a PGlite folder takes well under a second,
 * while a fresh initdb plus the demo seed takes many seconds (DESIGN.md).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './fixtures';

export default async function globalSetup(): Promise<() => void> {
  const server = await startServer({}, { template: false });
  await server.stop({ keepData: true });
  const template = mkdtempSync(join(tmpdir(), 'astral-e2e-template-'));
  cpSync(server.dataDir, template, { recursive: true });
  rmSync(server.dataDir, { recursive: true, force: true });
  process.env.ASTRAL_E2E_TEMPLATE = template;
  return () => rmSync(template, { recursive: true, force: true });
}
