// Logs are for operators. A person's name, answers and free text never appear: those fields are
// redacted wherever they occur, and callers log ids and outcomes only.
import { pino, type Logger } from 'pino';

export const REDACTED_FIELDS = [
  'name',
  'text',
  'note',
  'notes',
  'answers',
  'answer',
  'activity',
  'card',
  'body',
  'value',
  'freeText',
  'rationale',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const paths = REDACTED_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);
  return pino(
    {
      level,
      base: { service: 'haven' },
      redact: { paths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination as pino.DestinationStream | undefined,
  );
}

export type { Logger };
