// A feature is one folder under src/features with an index.ts that exports one Feature. main.ts lists
// them once (FEATURES); the Teams route and command tables, the job loop, subject access and erasure,
// the canary scan, the card gallery and the authorisation sweep all iterate that list, so a new
// feature is one folder and one line, and none of them can forget it.
import type { Logger } from 'pino';
import type { Card } from './cards.ts';
import type { Actor } from './context.ts';
import type { UnreachableEvent } from './ports.ts';
import type { ActionRequest, Route } from './routes.ts';
import type { Role } from './types.ts';
import type { Verb } from './verbs.ts';
import type { SubjectData } from './subject-data.ts';
import type { RetentionSource } from './retention.ts';

/**
 * One typed command: words a person types in their chat with Haven. Of the commands whose pattern
 * matches, the one with the highest priority answers (ties: FEATURES order, then the feature's own
 * order). Nothing matches, or it has nothing for this person: the welcome card.
 */
export interface Command<D> {
  /**
   * Stable name, for tests and logs (never the person's words). Commands that share a name are
   * alternatives for the same words: when the first answers undefined, the next one with that name
   * (by priority) answers ("questionnaire": the candidate's, else the suitability one).
   */
  name: string;
  /** Higher is tried first. The "I'm not okay" words hold COMMAND_PRIORITY.distress, above everything. */
  priority: number;
  /** Tested against the normalised text (lower case, punctuation removed; see src/teams/activity.ts). */
  pattern: RegExp;
  /**
   * What to type, as "What can I ask Haven?" shows it (typed as it is, these words reach this
   * command), and what it does, in one line. The help list, the welcome buttons and the manifest test
   * are all built from these, never from a copy.
   */
  words: string;
  description: string;
  /**
   * Who it is for: the roles whose work it serves ('anyone': also someone not on the roster yet). It
   * only decides whom the help list and the welcome show it to; whether this person may see or do
   * what it opens is still decided by the feature's policy when it runs.
   */
  roles: 'anyone' | readonly Role[];
  /**
   * Buttons on the welcome card: for each role, its place among that role's buttons (1 first); the
   * title; and the card verb it presses (none: the button sends the command's words, as if typed).
   */
  welcome?: readonly { title: string; verb?: Verb; rank: Partial<Record<Role, number>> }[];
  /** The card to answer with, or undefined when this command has nothing for this person. */
  run(deps: D, turn: CommandTurn): Promise<Card | undefined>;
  /**
   * The card for a sender Teams did not identify. Only a blank form needs no one behind it (the
   * declaration form: words of distress are never met with silence); other commands then answer nothing.
   */
  withoutActor?(): Card;
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
  /** Common words ("team", "stage", "away", "journey") that must not shadow the phrases above. */
  broad: 30,
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
  /** Words this feature answers in a person's chat with Haven (its commands.ts). */
  commands?: readonly Command<D>[];
  /** Work the leased job loop runs for this feature, in this order. */
  jobs?: readonly Job<D>[];
  /**
   * Called after every card action's route has answered (and re-checked the clicker): the card to show
   * instead, or undefined to keep the route's answer. The digest uses it to leave someone who acted on
   * one line of their daily list looking at the list again.
   */
  afterAction?(deps: D, request: ActionRequest, answer: Card, verb: Verb): Promise<Card | undefined>;
  /** Someone Haven had to reach could not be reached (the app removed or blocked): escalate past them. */
  onUnreachable?(deps: D, event: UnreachableEvent, log: Logger): Promise<unknown>;
  /**
   * Every card template of this feature in every state that matters, bound with fixture data, for the
   * card tests and the gallery. Loaded on demand, so Haven itself never loads the fixtures.
   */
  cardFixtures?(): Promise<readonly CardFixture[]>;
  /** Issue 16 part 4: the files this feature offers through the file consent card (kernel/file-offers.ts). */
  files?: readonly FileKind<D>[];
  /** Issue 16 part 4: the kinds of record this feature deletes or pseudonymises once past data/retention.json's period. */
  retention?: readonly RetentionSource<D>[];
}

/**
 * One kind of file a feature offers (issue 16 part 4). The content is never stored: when the person
 * accepts, `generate` re-checks in the feature's policy that they may still have it and builds it again.
 */
export interface FileKind<D> {
  /** Stable, e.g. `report.predeployment`; stored in the offer. */
  kind: string;
  generate(deps: D, request: { personId: string; params: Record<string, string> }): Promise<GeneratedFile>;
}

export type GeneratedFile =
  | { ok: true; fileName: string; content: string }
  /** `message`: plain words for the person (no ids, no names of others). */
  | { ok: false; message: string };

/** One card template in one state, for the card tests and the gallery (test/fixtures/cards.ts). */
export interface CardFixture {
  template: string;
  state: string;
  card: () => Card;
}
