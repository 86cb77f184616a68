/**
 * PGlite is one process's database: two processes opening the same data folder would corrupt it
 * (for example `create-org` while `npm start` runs). A pid file in the folder refuses the second
 * opener with a clear message; a file left by a process that no longer runs (kill -9) is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class FolderInUse extends Error {
  constructor(
    readonly folder: string,
    readonly pid: number,
  ) {
    super(`The data folder ${folder} is in use by another Astral Coach process (pid ${pid}). Stop it first, or point ASTRAL_DATA_DIR elsewhere.`);
    this.name = 'FolderInUse';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the folder's lock; returns the release function. */
export function lockFolder(folder: string): () => void {
  const file = join(folder, 'astral.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new FolderInUse(folder, pid);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${folder}`);
}
