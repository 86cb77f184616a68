/** Small text helpers of the mail senders (kept apart so the senders and mailer.ts do not import each other). */

/** Links written in a message's text (the .eml log line names them so a developer can click one). */
export function linksIn(text: string): string[] {
  return [...new Set(text.match(/https?:\/\/[^\s<>"')]+/g) ?? [])];
}

/** An error's message on one line, at most `max` characters (stored with an invitation, shown to a coach). */
export function oneLine(message: string, max = 300): string {
  const flat = message.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
