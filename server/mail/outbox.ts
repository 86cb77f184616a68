/**
 * Outbox sender for a server without SMTP: each message becomes an RFC 822 `.eml` file (built by
 * nodemailer's stream transport, CRLF line ends) in the outbox folder, readable only by the
 * server's user (it holds a join link, which is a secret), and one log line names the file and
 * the link, so a coach running `npm start` on a laptop can still hand out invitations.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type { Sender } from './mailer';
import { linksIn, oneLine } from './text';

/** File name that sorts by time and never collides: 2026-11-28T00-12-03-123Z-1a2b3c4d.eml */
export function emlFileName(now: Date = new Date()): string {
  return `${now.toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
}

export function createOutboxSender(options: { dir: string; from: string; log: (message: string) => void }): Sender {
  const transport = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    async send(mail) {
      let path = '';
      try {
        const info = await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
        const message = info.message;
        if (!Buffer.isBuffer(message)) throw new Error('the message was not built as a buffer');
        await mkdir(options.dir, { recursive: true, mode: 0o700 });
        path = join(options.dir, emlFileName());
        await writeFile(path, message, { mode: 0o600, flag: 'wx' });
        const links = linksIn(mail.text);
        const joinLink = links.find((l) => l.includes('/join/'));
        const tail = joinLink ? `: join link ${joinLink}` : links.length > 0 ? `: links ${links.join(' ')}` : '';
        options.log(`Email to ${mail.to} written to ${path}${tail}`);
        return { messageId: info.messageId, via: path };
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        throw new Error(oneLine(`Email to ${mail.to} could not be written to ${path || options.dir}: ${reason}`), { cause: err });
      }
    },
    describe: () => `email written as .eml files to ${options.dir} (no SMTP_URL)`,
    async close() {
      transport.close();
    },
  };
}
