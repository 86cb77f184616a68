import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID, isAppUrl } from './app-config';

const builderConfig = readFileSync(path.join(import.meta.dirname, '..', 'electron-builder.yml'), 'utf8');

describe('app identity', () => {
  it('uses the same appId in the shell and in electron-builder.yml', () => {
    expect(builderConfig).toMatch(new RegExp(`^appId: ${APP_ID.replaceAll('.', '\\.')}(\\s|$)`, 'm'));
  });

  it('packages with the security fuses and without npm rebuilds', () => {
    for (const line of ['runAsNode: false', 'enableEmbeddedAsarIntegrityValidation: true', 'onlyLoadAppFromAsar: true', 'npmRebuild: false']) {
      expect(builderConfig).toContain(line);
    }
  });
});

describe('isAppUrl', () => {
  it('recognises only the app origin', () => {
    expect(isAppUrl('app://app/')).toBe(true);
    expect(isAppUrl('app://app/athletes/1?x=1')).toBe(true);
    expect(isAppUrl('APP://APP/index.html')).toBe(true);
    expect(isAppUrl('app://app:443/')).toBe(false);
    expect(isAppUrl('app://evil/')).toBe(false);
    expect(isAppUrl('app://x:y@app/')).toBe(false);
    expect(isAppUrl('http://app/')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });
});
