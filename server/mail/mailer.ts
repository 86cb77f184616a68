/**
 * Outgoing email. With `SMTP_URL` (smtp:// or smtps://, credentials in the URL) messages go through
 * SMTP with nodemailer; without it each message is written as an `.eml` file under
 * `{data folder}/outbox/` and its links are logged, so a fresh `npm start` can still invite.
 *
 * Both ways build the message with nodemailer, so an .eml file is the same MIME message SMTP
 * would have carried (open it in any mail client). `send` rejects with an Error whose message
 * says where the email was going and why it failed, in one line a coach may read.
 */
import { createOutboxSender } from './outbox';
import { createSmtpSender } from './smtp';

export { describeSmtpUrl } from './smtp';
export { linksIn, oneLine } from './text';

export type OutgoingMail = { to: string; subject: string; text: string; html: string };
export type SentMail = { messageId: string; /** Where it went: "smtp://host:port" or the .eml path. */ via: string };

export interface Mailer {
  send(mail: OutgoingMail): Promise<SentMail>;
  /** One line for the start-up log: where email goes. */
  describe(): string;
  close(): Promise<void>;
}

export type MailerOptions = { smtpUrl?: string; outboxDir: string; from: string; log?: (message: string) => void };

/** What each sender (SMTP, outbox) implements. */
export type Sender = Mailer;

export function createMailer(options: MailerOptions): Mailer {
  const log = options.log ?? (() => {});
  if (options.smtpUrl) return createSmtpSender({ url: options.smtpUrl, from: options.from });
  return createOutboxSender({ dir: options.outboxDir, from: options.from, log });
}
