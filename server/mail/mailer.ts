/**
 * Outgoing email. With `SMTP_URL` (smtp:// or smtps://, credentials in the URL) messages go through
 * SMTP with nodemailer; without it each message is written as an `.eml` file under
 * `{data folder}/outbox/` and its links are logged, so a fresh `npm start` can still invite.
 */
export type OutgoingMail = { to: string; subject: string; text: string; html: string };
export type SentMail = { messageId: string; /** Where it went: "smtp://host:port" or the .eml path. */ via: string };

export interface Mailer {
  send(mail: OutgoingMail): Promise<SentMail>;
  /** One line for the start-up log: where email goes. */
  describe(): string;
  close(): Promise<void>;
}

export type MailerOptions = { smtpUrl?: string; outboxDir: string; from: string; log?: (message: string) => void };

/** Placeholder until the mail work lands: refuses to send. */
export function createMailer(options: MailerOptions): Mailer {
  return {
    async send() {
      throw new Error('email is not set up yet');
    },
    describe: () => (options.smtpUrl ? 'SMTP' : `files in ${options.outboxDir}`),
    async close() {},
  };
}
