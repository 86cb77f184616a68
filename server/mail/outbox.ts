/**
 * Outbox sender for a server without SMTP: each message becomes an RFC 822 `.eml` file (built by
 * nodemailer's stream transport, CRLF line ends) in the outbox folder, readable only by the
 * server's user (it holds a join link, which is a secret), and one log line names the file and
 * the link, so a coach running `npm start` on a laptop can still hand out invitations.
 *
 * The outbox does not grow forever: files older than OUTBOX_KEEP_DAYS (every link in them has long
 * expired or been used) are removed, at most once an hour, when a new message is written.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type { Sender } from './mailer';
import { linksIn, oneLine } from './text';

/** File name that sorts by time and never collides: 2026-11-28T00-12-03-123Z-1a2b3c4d.eml */
export function emlFileName(now: Date = new Date()): string {
  return `${now.toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
}

export const OUTBOX_KEEP_DAYS = 30;
const PRUNE_EVERY_MS = 60 * 60_000;

/** Removes the outbox's .eml files last written before `now - keepMs`; returns how many went. Other files stay. */
export async function pruneOutbox(dir: string, keepMs: number, now: number = Date.now()): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0; // no outbox yet
  }
  let removed = 0;
  for (const name of names) {
    if (!name.endsWith('.eml')) continue;
    const path = join(dir, name);
    try {
      if ((await stat(path)).mtimeMs < now - keepMs) {
        await unlink(path);
        removed++;
      }
    } catch {
      // gone meanwhile, or not ours to remove: leave it
    }
  }
  return removed;
}

export function createOutboxSender(options: { dir: string; from: string; log: (message: string) => void }): Sender {
  const transport = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  let lastPrune = 0;
  const pruneNow = async () => {
    if (Date.now() - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = Date.now();
    const removed = await pruneOutbox(options.dir, OUTBOX_KEEP_DAYS * 86_400_000);
    if (removed > 0) options.log(`Removed ${removed} .eml file(s) older than ${OUTBOX_KEEP_DAYS} days from ${options.dir}`);
  };
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
        await pruneNow();
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
