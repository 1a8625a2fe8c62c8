// A feature is one folder under src/features with an index.ts that exports one Feature. main.ts lists
// them once (FEATURES); the Teams route and command tables, the job loop, subject access and erasure,
// the canary scan, the card gallery and the authorisation sweep all iterate that list, so a new
// feature is one folder and one line, and none of them can forget it.
import type { Logger } from 'pino';
import type { Card } from './cards.ts';
import type { Actor } from './context.ts';
import type { Route } from './routes.ts';
import type { SubjectData } from './subject-data.ts';

/** One typed command: words a person types in their chat with Haven. */
export interface Command<D> {
  /** Stable name, for tests and logs (never the person's words). */
  name: string;
  /** Higher is tried first. The "I'm not okay" words hold COMMAND_PRIORITY.distress, above everything. */
  priority: number;
  /** Tested against the normalised text (lower case, punctuation removed; see src/teams/activity.ts). */
  pattern: RegExp;
  /** The card to answer with, or undefined to let the next matching command answer. */
  run(deps: D, turn: CommandTurn): Promise<Card | undefined>;
}

export interface CommandTurn {
  actor: Actor;
  displayName?: string;
  /** The normalised text. */
  text: string;
}

export const COMMAND_PRIORITY = {
  /** "I'm not okay", "leave", "break", "talk": a person in distress is never misread. */
  distress: 100,
  /** Everything else a person can type. */
  normal: 50,
  /** Catch-all words that must not shadow more specific ones. */
  fallback: 10,
} as const;

/** Scheduled work of a feature, run by the leased job loop. */
export interface Job<D> {
  name: string;
  /** `everyTick`: urgent work (escalations); `scheduled`: hours-and-days work, at most every HAVEN_SCHEDULE_EVERY_SECONDS. */
  cadence: 'everyTick' | 'scheduled';
  run(deps: D, log: Logger): Promise<unknown>;
}

export interface Feature<D> {
  /** Kebab-case, the folder's name. */
  name: string;
  /** Card verbs this feature answers. */
  routes: readonly Route<D>[];
  /** What the feature holds about one person, for subject access and erasure (its subject.ts); absent when it stores nothing about anyone. */
  subjectData?: SubjectData<D>;
}
