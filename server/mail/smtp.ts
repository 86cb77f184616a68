/**
 * SMTP sender: one nodemailer transport per server, no pool (a coach sends a handful of emails;
 * a pooled connection would sit open against servers that drop idle clients), 10 s timeouts so a
 * dead relay fails a request in bounded time instead of hanging it.
 */
import { createTransport } from 'nodemailer';
import type { Sender } from './mailer';
import { oneLine } from './text';

const TIMEOUT_MS = 10_000;

/** "smtp://host:port" without credentials (for logs and errors). Throws on anything but smtp:// or smtps://. */
export function describeSmtpUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('SMTP_URL must be a URL like smtp://user:password@host:587 or smtps://host:465');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
    throw new Error(`SMTP_URL must start with smtp:// or smtps:// (got ${parsed.protocol}//)`);
  }
  if (!parsed.hostname) throw new Error('SMTP_URL must name a host');
  const port = parsed.port || (parsed.protocol === 'smtps:' ? '465' : '587');
  return `${parsed.protocol}//${parsed.hostname}:${port}`;
}

export function createSmtpSender(options: { url: string; from: string }): Sender {
  const where = describeSmtpUrl(options.url);
  const transport = createTransport({
    url: options.url,
    pool: false,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    dnsTimeout: TIMEOUT_MS,
  });
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
        return { messageId: info.messageId, via: where };
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        throw new Error(oneLine(`Email to ${mail.to} could not be sent through ${where}: ${reason}`), { cause: err });
      }
    },
    describe: () => `email through SMTP ${where}, from ${options.from}`,
    async close() {
      transport.close();
    },
  };
}
