import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('server environment', () => {
  it('has defaults for everything', () => {
    const r = parseEnv({});
    expect(r).toEqual({
      ok: true,
      env: {
        PORT: 8787,
        HOST: '127.0.0.1',
        ASTRAL_DATA_DIR: '.astral-data',
        DATABASE_URL: undefined,
        PUBLIC_URL: undefined,
        ASTRAL_SIGNUP: 'closed',
        ASTRAL_DEMO: false,
        ASTRAL_DEMO_PASSWORD: 'astral-demo',
        SMTP_URL: undefined,
        MAIL_FROM: 'Astral Coach <no-reply@astral.local>',
        LOG_LEVEL: 'info',
      },
    });
  });

  it('treats empty strings as unset and reads the given values', () => {
    const r = parseEnv({ PORT: '0', DATABASE_URL: '', ASTRAL_DEMO: '1', ASTRAL_SIGNUP: 'open', PUBLIC_URL: 'https://coach.example.org' });
    expect(r.ok && r.env).toMatchObject({ PORT: 0, DATABASE_URL: undefined, ASTRAL_DEMO: true, ASTRAL_SIGNUP: 'open', PUBLIC_URL: 'https://coach.example.org' });
    const pg = parseEnv({ DATABASE_URL: 'postgres://u@localhost:5432/db', ASTRAL_DEMO: 'false' });
    expect(pg.ok && pg.env).toMatchObject({ DATABASE_URL: 'postgres://u@localhost:5432/db', ASTRAL_DEMO: false });
  });

  it('reads SMTP_URL and MAIL_FROM', () => {
    const r = parseEnv({ SMTP_URL: 'smtps://user:p%40ss@mail.example.org:465', MAIL_FROM: 'Harbour Runners <coach@harbour.example>' });
    expect(r.ok && r.env).toMatchObject({ SMTP_URL: 'smtps://user:p%40ss@mail.example.org:465', MAIL_FROM: 'Harbour Runners <coach@harbour.example>' });
    expect(parseEnv({ SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'coach@harbour.example' }).ok).toBe(true);
    expect(parseEnv({ SMTP_URL: ' ', MAIL_FROM: '' })).toMatchObject({ ok: true, env: { SMTP_URL: undefined, MAIL_FROM: 'Astral Coach <no-reply@astral.local>' } });
  });

  it('names the variable and the reason for a bad value', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ PORT: 'eighty' }, /^PORT="eighty": must be a port number/],
      [{ PORT: '70000' }, /^PORT="70000": must be 0\.\.65535/],
      [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL="mysql:\/\/x": must be a postgres/],
      [{ ASTRAL_SIGNUP: 'maybe' }, /^ASTRAL_SIGNUP="maybe": must be 'open' or 'closed'/],
      [{ ASTRAL_DEMO: 'sure' }, /^ASTRAL_DEMO="sure": must be 1 or 0/],
      [{ ASTRAL_DEMO_PASSWORD: 'short' }, /^ASTRAL_DEMO_PASSWORD="short": must be at least 8/],
      [{ PUBLIC_URL: 'ftp://x' }, /^PUBLIC_URL="ftp:\/\/x": must be an http\(s\) URL/],
      [{ SMTP_URL: 'http://mail.example.org' }, /^SMTP_URL="http:\/\/mail\.example\.org": must be an smtp:\/\/ or smtps:\/\/ URL/],
      [{ SMTP_URL: 'smtp://' }, /^SMTP_URL="smtp:\/\/": must be an smtp/],
      [{ SMTP_URL: 'smtx://mailer:s3cret@mail.example.org' }, /^SMTP_URL="smtx:\/\/mailer:\*\*\*@mail\.example\.org": must be an smtp/],
      [{ MAIL_FROM: 'nobody' }, /^MAIL_FROM="nobody": must be an email address/],
      [{ MAIL_FROM: 'Coach <coach@example.org' }, /^MAIL_FROM=.*must be an email address/],
    ];
    for (const [env, message] of cases) {
      const r = parseEnv(env);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[0]).toMatch(message);
    }
  });
});
