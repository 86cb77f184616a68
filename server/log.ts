/** pino logger of the server: JSON lines on stdout; `level: 'silent'` in tests. */
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string = 'info'): Logger {
  return pino({ level, base: { service: 'astral-server' }, redact: ['req.headers.authorization', '*.password', '*.token'] });
}
