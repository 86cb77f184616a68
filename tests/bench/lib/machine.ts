/** The machine a bench ran on, recorded beside its figures in BENCHMARKS.md. */
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';

export type Machine = { cpu: string; cpus: number; memory: string; os: string; node: string };

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty) return `${pretty} (${type()} ${release()})`;
  } catch {
    /* not Linux, or no os-release */
  }
  return `${type()} ${release()}`;
}

export function describeMachine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cpus: list.length,
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    os: osName(),
    node: process.version,
  };
}
