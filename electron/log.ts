/**
 * The shell's logger: electron-log writes to the platform log folder
 * (~/.config/Astral Coach/logs on Linux, ~/Library/Logs/Astral Coach on macOS,
 * %AppData%\Astral Coach\logs on Windows). A file past 5 MB is rotated: main.log -> main.1.log ->
 * main.2.log -> main.3.log, the oldest dropped, so logs stay under ~20 MB. Modules take the
 * narrow `ShellLog` so tests inject a spy.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import nodePath from 'node:path';
import log from 'electron-log/main';

export interface ShellLog {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export const MAX_LOG_BYTES = 5 * 1024 * 1024;
export const KEPT_LOG_FILES = 3;

export interface RotationFs {
  exists(path: string): boolean;
  rename(from: string, to: string): void;
  remove(path: string): void;
}

const nodeRotationFs: RotationFs = {
  exists: existsSync,
  rename: renameSync,
  remove: (path) => rmSync(path, { force: true }),
};

/** Shifts `dir/name.log` to `name.1.log`, `name.1.log` to `name.2.log`, ... dropping the oldest. */
export function rotateLogFile(file: string, keep = KEPT_LOG_FILES, fs: RotationFs = nodeRotationFs): void {
  const { dir, name, ext } = nodePath.parse(file);
  const numbered = (n: number): string => nodePath.join(dir, `${name}.${n}${ext}`);
  fs.remove(numbered(keep));
  for (let n = keep - 1; n >= 1; n--) if (fs.exists(numbered(n))) fs.rename(numbered(n), numbered(n + 1));
  fs.rename(file, numbered(1));
}

export function setUpLogging(): ShellLog {
  log.transports.file.level = 'info';
  log.transports.file.maxSize = MAX_LOG_BYTES;
  log.transports.file.archiveLogFn = (file) => {
    try {
      rotateLogFile(file.path);
    } catch {
      // Could not rename (a file held open on Windows): start the file over rather than grow it.
      file.clear();
    }
  };
  log.errorHandler.startCatching({ showDialog: false });
  return log.scope('shell');
}

/** The folder the log files are in (Help > Open Log Folder). */
export function logFolder(): string {
  return nodePath.dirname(log.transports.file.getFile().path);
}
