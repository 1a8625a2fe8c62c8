// npm run retention -- --dry-run   per kind of record: the rule, the cutoff and how many records are past it; changes nothing
// npm run retention                does it: deletes or pseudonymises what is past its time (audited, counts only)
// The daily job does the same once a day (src/features/operations/retention.ts); data/retention.json is the policy.
import { ConfigError, loadConfig } from '../config.ts';
import { createLogger } from '../logging.ts';
import { openStorage } from '../main.ts';
import type { HavenDeps } from '../haven-deps.ts';
import { runRetention } from '../features/operations/index.ts';

const USAGE = `Usage:
  npm run retention -- --dry-run   what is past its time, per kind of record; changes nothing
  npm run retention                delete or pseudonymise it, as data/retention.json says (audited)`;

export interface OpenedRetentionStorage {
  deps: HavenDeps;
  close(): Promise<void>;
}

async function openFromConfig(): Promise<OpenedRetentionStorage> {
  const config = loadConfig();
  const storage = await openStorage(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel));
  return { deps: storage.deps, close: () => storage.close() };
}

export async function runRetentionCommand(
  args: string[],
  out: (s: string) => void,
  err: (s: string) => void,
  open: () => Promise<OpenedRetentionStorage> = openFromConfig,
): Promise<number> {
  const unknown = args.filter((a) => a !== '--dry-run');
  if (unknown.length) {
    err(`Not understood: ${unknown.join(' ')}\n${USAGE}`);
    return 2;
  }
  const dryRun = args.includes('--dry-run');
  const storage = await open();
  try {
    const r = await runRetention(storage.deps, { dryRun, actor: 'admin-cli' });
    if (!r.ok) {
      err(`The retention policy has problems; nothing was changed:\n${r.problems.map((p) => `  - ${p}`).join('\n')}`);
      return 1;
    }
    out(dryRun ? 'Dry run: nothing was changed. Past their time now:' : 'Done:');
    for (const l of r.lines) {
      const verb = l.action === 'delete' ? (dryRun ? 'would delete' : 'deleted') : dryRun ? 'would pseudonymise' : 'pseudonymised';
      out(
        l.enforced
          ? `  ${l.kind.padEnd(14)} ${verb} ${l.count} (closed or written before ${l.cutoff.slice(0, 10)}: kept ${l.period})`
          : `  ${l.kind.padEnd(14)} not enforced yet (rule on file: ${l.action} after ${l.period})`,
      );
    }
    if (!dryRun) out('Recorded in the audit trail (retention.run, counts only).');
    return 0;
  } finally {
    await storage.close();
  }
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (isMain) {
  runRetentionCommand(
    process.argv.slice(2),
    (s) => process.stdout.write(`${s}\n`),
    (s) => process.stderr.write(`${s}\n`),
  )
    .then((code) => process.exit(code))
    .catch((error: Error) => {
      process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `retention: ${error.message}\n`);
      process.exit(1);
    });
}
