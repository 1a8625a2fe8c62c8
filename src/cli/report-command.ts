// The shape of one `npm run report` subcommand. Its own module so report.ts (which lists the
// subcommands) and each subcommand can both import it without importing each other.

export interface ReportIo {
  out(line: string): void;
  err(line: string): void;
}

export interface ReportCommand {
  /** One line for the usage text. */
  usage: string;
  run(args: string[], io: ReportIo): Promise<number>;
}
