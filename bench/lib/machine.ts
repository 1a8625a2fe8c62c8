// What the figures were measured on, for RESULTS.md.
import { execFileSync } from 'node:child_process';
import { cpus, totalmem, platform, release, arch } from 'node:os';

export interface Machine {
  cpuModel: string;
  logicalCores: number;
  memoryGiB: number;
  os: string;
  node: string;
}

export function describeMachine(): Machine {
  const list = cpus();
  return {
    cpuModel: (list[0]?.model ?? 'unknown').trim(),
    logicalCores: list.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
  };
}

/** The commit measured, and any source files that differed from it (work in progress elsewhere). */
export function describeSource(): { commit: string; uncommitted: string[] } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--', 'src', 'data', 'package.json'], { encoding: 'utf8' });
    return {
      commit,
      uncommitted: status
        .split('\n')
        .map((l) => l.slice(3).trim())
        .filter(Boolean),
    };
  } catch {
    return { commit: 'unknown', uncommitted: [] };
  }
}
