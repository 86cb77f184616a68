import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID, isAppUrl } from './app-config';

const builderConfig = readFileSync(path.join(import.meta.dirname, '..', 'electron-builder.yml'), 'utf8');

describe('app identity', () => {
  it('uses the same appId in the shell and in electron-builder.yml', () => {
    expect(builderConfig).toMatch(new RegExp(`^appId: ${APP_ID.replaceAll('.', '\\.')}(\\s|$)`, 'm'));
  });

  it('registers the astral:// deep-link scheme for every platform', () => {
    expect(builderConfig).toMatch(/^protocols:\n {2}- name: .+\n {4}schemes:\n {6}- astral$/m);
    expect(builderConfig).toMatch(/^ {2}include: build\/installer\.nsh$/m);
    const nsis = readFileSync(path.join(import.meta.dirname, '..', 'build', 'installer.nsh'), 'utf8');
    expect(nsis).toContain('!macro customInstall');
    expect(nsis).toContain('!macro customUnInstall');
    expect(nsis).toMatch(/Software\\Classes\\astral" "URL Protocol"/);
  });

  it('describes a generic update feed but never publishes from npm run dist', () => {
    expect(builderConfig).toMatch(/^publish:\n {2}provider: generic$/m);
    const pkg = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      dependencies?: Record<string, string>;
    };
    expect(pkg.scripts.dist).toMatch(/electron-builder --publish never$/);
    expect(pkg.scripts['dist:dir']).toMatch(/electron-builder --dir --publish never$/);
    // main.cjs bundles what the shell needs: a dependency would be copied into app.asar.
    expect(pkg.dependencies ?? {}).toEqual({});
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
