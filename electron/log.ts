/**
 * The shell's logger: electron-log writes to the platform log folder
 * (~/.config/Astral Coach/logs on Linux, ~/Library/Logs/Astral Coach on macOS, %AppData% on
 * Windows) and rotates at 5 MB. Modules take the narrow `ShellLog` so tests inject a spy.
 */
import log from 'electron-log/main';

export interface ShellLog {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export function setUpLogging(): ShellLog {
  log.transports.file.level = 'info';
  log.transports.file.maxSize = 5 * 1024 * 1024;
  log.errorHandler.startCatching({ showDialog: false });
  return log.scope('shell');
}
