// npm run roster -- import FILE.csv [--dry-run]   validate the whole file; write nothing unless every row is valid
// npm run roster -- export [FILE.csv]              the current roster as CSV (stdout when no file)
import { readFileSync, writeFileSync } from 'node:fs';
import { ConfigError, loadConfig } from '../config.ts';
import { parseRoster } from '../domain/roster.ts';
import { createLogger } from '../logging.ts';
import { openStorage } from '../main.ts';
import { exportRoster, importRoster } from '../workflows/import-roster.ts';

const USAGE = `Usage:
  npm run roster -- import FILE.csv [--dry-run]
  npm run roster -- export [FILE.csv]

The roster file has one header line and a row per unit, person or absence (see README.md, "Roster").`;

export async function runRosterCommand(args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const [command, file, ...rest] = args;
  if (command === 'import') {
    if (!file) {
      err(`import needs a file.\n${USAGE}`);
      return 2;
    }
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      err(`Cannot read ${file}: ${(error as Error).message}`);
      return 2;
    }
    // Validate before touching storage: a bad file changes nothing.
    const parsed = parseRoster(text);
    if (!parsed.ok) {
      err(`${file}: ${parsed.problems.length} problem(s); nothing was imported.`);
      for (const p of parsed.problems) err(`  line ${p.line}: ${p.reason}`);
      return 1;
    }
    if (rest.includes('--dry-run')) {
      out(`${file} is valid: ${parsed.roster.units.length} unit(s), ${parsed.roster.people.length} people, ${parsed.roster.absences.length} absence(s). Nothing written (--dry-run).`);
      return 0;
    }
    const config = loadConfig();
    const storage = await openStorage(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel));
    try {
      const result = await importRoster(storage.deps, text, 'admin-cli');
      if (!result.ok) {
        for (const p of result.problems) err(`  line ${p.line}: ${p.reason}`);
        return 1;
      }
      out(`Imported ${file}: ${result.units} unit(s), ${result.people} people, ${result.absences} absence(s) — ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.`);
      if (result.notInFile.length) out(`Not in this file (left as they are): ${result.notInFile.join(', ')}`);
      return 0;
    } finally {
      await storage.close();
    }
  }
  if (command === 'export') {
    const config = loadConfig();
    const storage = await openStorage(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel));
    try {
      const csv = await exportRoster(storage.deps);
      if (file) {
        writeFileSync(file, csv);
        out(`Wrote ${file}`);
      } else out(csv.trimEnd());
      return 0;
    } finally {
      await storage.close();
    }
  }
  err(command ? `Unknown command "${command}".\n${USAGE}` : USAGE);
  return 2;
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (isMain) {
  runRosterCommand(process.argv.slice(2), (s) => process.stdout.write(`${s}\n`), (s) => process.stderr.write(`${s}\n`))
    .then((code) => process.exit(code))
    .catch((error: Error) => {
      process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `roster: ${error.message}\n`);
      process.exit(1);
    });
}
