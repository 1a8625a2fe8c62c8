// npm run subject -- export PERSON_ID [--out FILE]   everything Haven holds about the person, as JSON (audited)
// npm run subject -- erase PERSON_ID [--confirm]     what an erasure would remove; with --confirm, do it
// docs/deploy.md ("Subject access and erasure") explains what is kept and why.
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { ConfigError, loadConfig } from '../config.ts';
import { DATA_KEY_MISMATCH, DataKeyMismatch } from '../kernel/data-key.ts';
import { createLogger } from '../logging.ts';
import { FEATURES, openStorage } from '../main.ts';
import type { HavenDeps } from '../haven-deps.ts';
import type { OutboxRepository } from '../kernel/ports.ts';
import { eraseSubject, exportSubject, type ErasurePlan, type PlannedKind } from '../features/subject-requests/index.ts';

const USAGE = `Usage:
  npm run subject -- export PERSON_ID [--out FILE]
  npm run subject -- erase PERSON_ID [--confirm]

export   writes everything Haven holds about the person as JSON (stdout, or FILE created readable by
         you only), including their own notes and check-in answers decrypted. The export is recorded in the audit trail.
erase    without --confirm: prints what would be removed or pseudonymised, and changes nothing.
         with --confirm: removes it. Refused while the person has an open request or the roster
         still names them (see the message). Audit rows are kept with a pseudonym in place of the id.`;

// AES-GCM's answer when a ciphertext was written with another key (node:crypto has no error code for it).
const WRONG_KEY_MESSAGE = `Cannot decrypt Haven's data: ${DATA_KEY_MISMATCH} (set it from Key Vault, see docs/deploy.md). Nothing was changed.`;

/** Every feature's deps (each feature's subject data reads its own tables), and the outbox as a repository. */
export type SubjectCommandDeps = HavenDeps & { outbox: OutboxRepository };

export interface OpenedSubjectStorage {
  deps: SubjectCommandDeps;
  close(): Promise<void>;
}

/** Storage as the bot uses it (shares a running local Haven's Azurite). Tests pass their own. */
async function openFromConfig(): Promise<OpenedSubjectStorage> {
  const config = loadConfig();
  const storage = await openStorage(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel));
  return { deps: { ...storage.deps, outbox: storage.outboxRepo }, close: () => storage.close() };
}

function describePlan(plan: ErasurePlan): string[] {
  // Ids are listed for the admin to check against the request; a long list is cut short.
  const list = ({ ids }: PlannedKind) =>
    ids.length ? `: ${ids.slice(0, 10).join(', ')}${ids.length > 10 ? `, and ${ids.length - 10} more` : ''}` : '';
  return [
    `  remove the roster entry ${plan.remove.rosterEntry} and its ${plan.remove.identityAliases} identity alias(es) (Entra object id, Teams user id)`,
    ...plan.remove.records.map((k) => `  remove ${k.ids.length} ${k.describe}${list(k)}`),
    `  remove ${plan.remove.outboxMessages} outbox message(s) to them, about them or about their records`,
    ...plan.pseudonymise.records.map((k) => `  replace their id with a pseudonym in ${k.ids.length} ${k.describe}${list(k)}`),
    `  replace their id with a pseudonym in ${plan.pseudonymise.auditRows} audit row(s) (the rows are kept)`,
  ];
}

export async function runSubjectCommand(
  args: string[],
  out: (s: string) => void,
  err: (s: string) => void,
  open: () => Promise<OpenedSubjectStorage> = openFromConfig,
): Promise<number> {
  try {
    return await run(args, out, err, open);
  } catch (error) {
    // Every request and message is read (and decrypted) before the first write, so a wrong key
    // stops here with nothing changed.
    // At open (the start-up canary) or on any field read before the first write.
    if (error instanceof DataKeyMismatch) {
      err(WRONG_KEY_MESSAGE);
      return 1;
    }
    throw error;
  }
}

async function run(
  args: string[],
  out: (s: string) => void,
  err: (s: string) => void,
  open: () => Promise<OpenedSubjectStorage>,
): Promise<number> {
  const [command, personId, ...rest] = args;
  if (command !== 'export' && command !== 'erase') {
    err(command ? `Unknown command "${command}".\n${USAGE}` : USAGE);
    return 2;
  }
  // Every argument problem at once: a missing person id does not hide a bad option, or the reverse.
  const options = personId?.startsWith('--') ? [personId, ...rest] : rest;
  const argProblems = !personId || personId.startsWith('--') ? [`${command} needs a person id (the roster's id column)`] : [];
  const outAt = command === 'export' ? options.indexOf('--out') : -1;
  const file = outAt >= 0 && !options[outAt + 1]?.startsWith('--') ? options[outAt + 1] : undefined;
  if (outAt >= 0 && !file) argProblems.push('--out needs a file name');
  const allowed = (a: string, i: number) =>
    command === 'export' ? i === outAt || (file !== undefined && i === outAt + 1) : a === '--confirm';
  const unexpected = options.filter((a, i) => !allowed(a, i));
  if (unexpected.length) argProblems.push(`unexpected ${unexpected.join(' ')}`);
  if (argProblems.length) {
    err(`${argProblems.join('; ')}. Nothing was ${command === 'export' ? 'exported' : 'changed'}.\n${USAGE}`);
    return 2;
  }
  const id = personId!;

  if (command === 'export') {
    // The file is created (owner-only) before anything is read, so a bad path fails before the
    // export is audited; an existing file is never overwritten.
    let fd: number | undefined;
    if (file) {
      try {
        fd = openSync(file, 'wx', 0o600);
      } catch (error) {
        err(`Cannot create ${file}: ${(error as Error).message}. Nothing was exported.`);
        return 2;
      }
    }
    let written = false;
    const storage = await open();
    try {
      const result = await exportSubject(storage.deps, FEATURES, id);
      if (!result.ok) {
        err(result.message);
        return 1;
      }
      const json = `${JSON.stringify(result.export, null, 2)}\n`;
      if (fd !== undefined) {
        writeSync(fd, json);
        written = true;
        const held = result.sections.filter((k) => k.ids.length).map((k) => `${k.ids.length} ${k.describe}`);
        out(
          `Wrote ${file}: ${[...held, `${result.export.messages.length} message(s)`, `${result.export.audit.length} audit row(s)`].join(', ')}. It holds the person's own notes and answers: send it to them securely and do not keep copies.`,
        );
      } else out(json.trimEnd());
      return 0;
    } finally {
      if (fd !== undefined) {
        closeSync(fd);
        // Leave no empty or partial file behind when nothing (or not everything) was exported.
        if (!written) unlinkSync(file!);
      }
      await storage.close();
    }
  }

  const confirm = rest.includes('--confirm');
  const storage = await open();
  try {
    const result = await eraseSubject(storage.deps, FEATURES, id, { confirm });
    if (!result.ok) {
      err(result.message);
      return 1;
    }
    if (result.dryRun) {
      out(
        [
          `Dry run: nothing was changed. With --confirm, Haven would:`,
          ...describePlan(result.plan),
          `Run again with --confirm to erase ${personId}.`,
        ].join('\n'),
      );
      return 0;
    }
    out(
      [
        `Erased ${personId}:`,
        ...describePlan(result.plan).map((line) =>
          line.replace(/^ {2}(remove|replace)/, (_, verb: string) => `  ${verb === 'remove' ? 'removed' : 'replaced'}`),
        ),
        `Pseudonym: ${result.pseudonym} (${result.auditRowsPseudonymised} audit row(s) now name it instead).`,
        'Haven keeps no link from the pseudonym to the person. Record it with the erasure request only if the force must be able to answer for those audit rows later.',
      ].join('\n'),
    );
    return 0;
  } finally {
    await storage.close();
  }
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (isMain) {
  runSubjectCommand(
    process.argv.slice(2),
    (s) => process.stdout.write(`${s}\n`),
    (s) => process.stderr.write(`${s}\n`),
  )
    .then((code) => process.exit(code))
    .catch((error: Error) => {
      process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `subject: ${error.message}\n`);
      process.exit(1);
    });
}
