/**
 * Email: createMailer against a real SMTP server on loopback (smtp-server, read with mailparser),
 * the .eml outbox without SMTP, an SMTP server that is down, and the invitation template's escaping.
 */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../server/mail/mailer';
import { invitationEmail } from '../../server/mail/templates';
import { HEAD, login, request, startTestServer } from './helpers';
import { start, type LoopbackSmtp } from './smtp';

const FROM = 'Astral Coach <no-reply@astral.test>';
const LINK = 'http://127.0.0.1:8787/join/AbCdEf0123456789_-xyz';
const invitation = (to: string) =>
  invitationEmail({ to, firstName: 'Ana', organizationName: 'Harbour Runners', inviterName: 'Maya Lopez', url: LINK, expiresAt: '2026-12-12T10:00:00.000Z' });

let smtp: LoopbackSmtp;
let outbox: string;

beforeAll(async () => {
  smtp = await start();
  outbox = await mkdtemp(join(tmpdir(), 'astral-mail-'));
});
afterAll(async () => {
  await smtp.stop();
  await rm(outbox, { recursive: true, force: true });
});

describe('SMTP', () => {
  it('delivers the invitation: sender, recipient, subject, the link in text and HTML', async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, outboxDir: outbox, from: FROM });
    const sent = await mailer.send(invitation('ana@runner.test'));
    await mailer.close();
    expect(sent.via).toBe(`smtp://127.0.0.1:${smtp.port}`);
    expect(sent.messageId).toMatch(/^<.+@.+>$/);
    const mail = await smtp.waitFor('ana@runner.test');
    expect(mail.from).toBe('no-reply@astral.test');
    expect(mail.parsed.from?.value).toEqual([{ name: 'Astral Coach', address: 'no-reply@astral.test' }]);
    expect(mail.subject).toBe('Maya Lopez invited you to join Harbour Runners on Astral Coach');
    expect(mail.text).toContain('Hi Ana,');
    expect(mail.text).toContain(LINK);
    expect(mail.text).toContain('This link works until 12 December 2026.');
    expect(mail.html).toContain(`href="${LINK}"`);
    expect(mail.parsed.messageId).toBe(sent.messageId);
  });

  it('logs in with the credentials of the URL', async () => {
    const mailer = createMailer({ smtpUrl: `smtp://mailer:s3cret@127.0.0.1:${smtp.port}`, outboxDir: outbox, from: FROM });
    expect(mailer.describe()).toBe(`email through SMTP smtp://127.0.0.1:${smtp.port}, from ${FROM}`);
    expect(mailer.describe()).not.toContain('s3cret');
    await mailer.send(invitation('login@runner.test'));
    await mailer.close();
    expect(smtp.users()).toContain('mailer');
  });

  it('SMTP down: send rejects with where and why, and no password in the message', async () => {
    const down = await start();
    await down.stop();
    const mailer = createMailer({ smtpUrl: `smtp://u:topsecret@127.0.0.1:${down.port}`, outboxDir: outbox, from: FROM });
    const error = await mailer.send(invitation('nobody@runner.test')).then(
      () => null,
      (e: unknown) => e,
    );
    await mailer.close();
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain(`Email to nobody@runner.test could not be sent through smtp://127.0.0.1:${down.port}`);
    expect(message).toMatch(/ECONNREFUSED/);
    expect(message).not.toContain('topsecret');
    expect(message).not.toContain('\n');
  });

  it('refuses a URL that is not smtp:// or smtps://', () => {
    expect(() => createMailer({ smtpUrl: 'http://mail.test', outboxDir: outbox, from: FROM })).toThrow(/smtp:\/\/ or smtps:\/\//);
    expect(() => createMailer({ smtpUrl: 'not a url', outboxDir: outbox, from: FROM })).toThrow(/SMTP_URL must be a URL/);
  });
});

describe('no SMTP: .eml files', () => {
  it('writes a real MIME message whose parsed text holds the link, and logs the file and the link', async () => {
    const dir = join(outbox, 'outbox');
    const lines: string[] = [];
    const mailer = createMailer({ outboxDir: dir, from: FROM, log: (m) => lines.push(m) });
    expect(mailer.describe()).toBe(`email written as .eml files to ${dir} (no SMTP_URL)`);
    const sent = await mailer.send(invitation('ana@runner.test'));
    await mailer.close();
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d-]+Z-[0-9a-f]{8}\.eml$/);
    const path = join(dir, files[0] ?? '');
    expect(sent.via).toBe(path);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const raw = await readFile(path);
    expect(raw.toString('utf8')).toContain('\r\n');
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Maya Lopez invited you to join Harbour Runners on Astral Coach');
    expect(parsed.text).toContain(LINK);
    expect(parsed.html).toContain(`href="${LINK}"`);
    expect(parsed.messageId).toBe(sent.messageId);
    expect(lines).toEqual([`Email to ana@runner.test written to ${path}: join link ${LINK}`]);
  });

  it('a folder that cannot be written: send rejects with a clear error', async () => {
    const file = join(outbox, 'a-file');
    await writeFile(file, 'not a folder');
    const mailer = createMailer({ outboxDir: join(file, 'outbox'), from: FROM });
    await expect(mailer.send(invitation('ana@runner.test'))).rejects.toThrow(`Email to ana@runner.test could not be written to ${join(file, 'outbox')}: ENOTDIR`);
  });
});

describe('invitation template', () => {
  it('escapes every value in HTML and keeps subject and names on one line', () => {
    const mail = invitationEmail({
      to: 'x@runner.test',
      firstName: '<b>Ana</b>',
      organizationName: 'Tom & "Jerry"\r\nBcc: evil@x.test',
      inviterName: "O'Brien <script>alert(1)</script>",
      url: 'http://127.0.0.1/join/t?a=1&b=2',
      expiresAt: null,
    });
    expect(mail.subject).toBe(`O'Brien <script>alert(1)</script> invited you to join Tom & "Jerry" Bcc: evil@x.test on Astral Coach`);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain('&lt;b&gt;Ana&lt;/b&gt;');
    expect(mail.html).toContain('Tom &amp; &quot;Jerry&quot;');
    expect(mail.html).toContain('O&#39;Brien &lt;script&gt;');
    expect(mail.html).toContain('href="http://127.0.0.1/join/t?a=1&amp;b=2"');
    expect(mail.text).toContain('http://127.0.0.1/join/t?a=1&b=2');
    expect(mail.text).not.toContain('works until');
  });
});

describe('invitation email end to end', () => {
  it('a server with SMTP_URL emails a single-use invitation; its /join/ link opens the join page', async () => {
    const server = await startTestServer('pglite', { smtpUrl: smtp.url, mailFrom: FROM });
    try {
      const head = await login(server, HEAD);
      const to = `nia-${Date.now()}@runner.test`;
      const created = await request<{ url: string }>(server, 'POST', `/api/v1/organizations/${head.orgId}/invitations`, {
        token: head.token,
        json: { type: 'single_use', first_name: 'Nia', email: to },
      });
      expect(created.status).toBe(201);
      const mail = await smtp.waitFor(to);
      expect(mail.from).toBe('no-reply@astral.test');
      expect(mail.text).toContain('Nia');
      const link = mail.text.match(/https?:\/\/\S+\/join\/[A-Za-z0-9_-]+/)?.[0];
      expect(link, mail.text).toBeDefined();
      expect(link?.startsWith(`${server.url}/join/`)).toBe(true);
      const page = await fetch(link ?? '');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Nia');
    } finally {
      await server.close();
    }
  });
});
