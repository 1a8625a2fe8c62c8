// npm run report -- <report> [options]
//
// One entry point for exported reports; each report is a subcommand in its own file, registered in
// REPORTS below (e.g. `predeployment`, the annual process review).
import { ConfigError } from '../config.ts';
import type { ReportCommand, ReportIo } from './report-command.ts';
import { PREDEPLOYMENT_REPORT } from './report-predeployment.ts';
import { runUnitReport } from './report-unit.ts';

const REPORTS: Record<string, ReportCommand> = {
  predeployment: PREDEPLOYMENT_REPORT,
  unit: {
    usage: 'npm run report -- unit --unit UNIT_ID --from YYYY-MM-DD --to YYYY-MM-DD [--out DIR]',
    run: (args, io) =>
      runUnitReport(
        args,
        (s) => io.out(s.replace(/\n$/, '')),
        (s) => io.err(s.replace(/\n$/, '')),
      ),
  },
};

export function reportUsage(): string {
  return `Usage:\n${Object.values(REPORTS)
    .map((r) => `  ${r.usage}`)
    .join('\n')}`;
}

export async function runReportCommand(args: string[], io: ReportIo): Promise<number> {
  const [name, ...rest] = args;
  const report = name ? REPORTS[name] : undefined;
  if (!report) {
    io.err(name ? `Unknown report "${name}".\n${reportUsage()}` : reportUsage());
    return 1;
  }
  return report.run(rest, io);
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (isMain) {
  runReportCommand(process.argv.slice(2), { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) })
    .then((code) => process.exit(code))
    .catch((error: Error) => {
      process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `report: ${error.message}\n`);
      process.exit(1);
    });
}
