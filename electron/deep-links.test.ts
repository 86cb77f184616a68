import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppRoute } from '../shared/ipc/contract';
import { deepLinkFromArgv, isDeepLinkArgument, parseDeepLink } from './deep-links';

const ID = '11111111-1111-4111-8111-111111111111';

describe('parseDeepLink', () => {
  it.each([
    [`astral://athletes/${ID}`, `/athletes/${ID}`],
    [`astral://athletes/${ID}/`, `/athletes/${ID}`],
    [`astral://athletes/${ID.toUpperCase()}`, `/athletes/${ID}`],
    [`ASTRAL://Athletes/${ID}`, `/athletes/${ID}`],
    [`astral:///athletes/${ID}`, `/athletes/${ID}`],
    [`astral:athletes/${ID}`, `/athletes/${ID}`],
    [`  astral://athletes/${ID}  `, `/athletes/${ID}`],
    ['astral://attention', '/attention'],
    ['astral://attention/', '/attention'],
    ['astral://ATTENTION', '/attention'],
    ['astral://attention?from=mail#top', '/attention'],
  ])('opens %s on %s', (link, route) => {
    expect(parseDeepLink(link)).toBe(route);
  });

  it.each([
    'astral://athletes',
    'astral://athletes/',
    'astral://athletes/not-a-uuid',
    `astral://athletes/${ID}/plans`,
    `astral://athletes/..%2F..%2Fsignin`,
    `astral://athletes/%31${ID.slice(1)}`,
    'astral://attention/extra',
    'astral://roster',
    'astral://',
    'astral:',
    `astral://user:pw@athletes/${ID}`,
    'astral://attention:8080',
    `https://athletes/${ID}`,
    `app://app/athletes/${ID}`,
    'javascript:alert(1)',
    'not a url',
    '',
    `astral://athletes/${ID}${'/'.repeat(3000)}`,
  ])('refuses %s', (link) => {
    expect(parseDeepLink(link)).toBeNull();
  });

  it('only ever yields an in-app route the IPC contract accepts (randomized)', () => {
    const piece = fc.constantFrom('astral:', '//', '/', 'athletes', 'attention', ID, '..', '%2e', '%2F', '?', '#', '@', ':', 'x', '\\', ' ', '\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), fc.string(), (pieces, tail) => {
        const route = parseDeepLink(pieces.join('') + tail);
        return route === null || route === '/attention' || (route === `/athletes/${ID}` && AppRoute.safeParse(route).success);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('deepLinkFromArgv', () => {
  it('finds the link on a Windows/Linux command line, wherever Chromium put it', () => {
    expect(deepLinkFromArgv(['C:\\Program Files\\Astral Coach\\Astral Coach.exe', `astral://athletes/${ID}`])).toBe(`/athletes/${ID}`);
    expect(deepLinkFromArgv(['/opt/Astral Coach/astral-coach', '--allow-file-access-from-files', 'astral://attention', '--no-sandbox'])).toBe(
      '/attention',
    );
    // Development: `electron . <link>`
    expect(deepLinkFromArgv(['/usr/bin/electron', '/home/coach/astral', 'astral://attention'])).toBe('/attention');
  });

  it('takes the last link and returns null when there is none or it is invalid', () => {
    expect(deepLinkFromArgv(['app', 'astral://attention', `astral://athletes/${ID}`])).toBe(`/athletes/${ID}`);
    expect(deepLinkFromArgv(['/opt/Astral Coach/astral-coach'])).toBeNull();
    expect(deepLinkFromArgv(['app', 'astral://athletes/bogus'])).toBeNull();
    expect(deepLinkFromArgv([])).toBeNull();
  });

  it('recognises deep-link arguments by scheme only', () => {
    expect(isDeepLinkArgument('ASTRAL://x')).toBe(true);
    expect(isDeepLinkArgument('--astral')).toBe(false);
    expect(isDeepLinkArgument('/home/astral')).toBe(false);
  });
});
