// What a department head, trainer or HR can type to see the process review.
import { COMMAND_PRIORITY, type Command } from '../../kernel/feature.ts';
import { VERBS } from '../../kernel/verbs.ts';
import type { ProcessReviewDeps } from './deps.ts';
import { reviewCardFor } from './routes.ts';

export const commands: readonly Command<ProcessReviewDeps>[] = [
  {
    name: 'processReview',
    priority: COMMAND_PRIORITY.normal,
    pattern: /\b(process review|annual review|pre ?deployment review)\b/,
    words: 'process review',
    description: 'The annual review of pre-deployment journeys: numbers and times, never answers',
    roles: ['departmentHead', 'trainer'],
    welcome: [{ title: 'Process review', verb: VERBS.reviewShow, rank: { trainer: 2 } }],
    run: (deps, turn) => reviewCardFor(deps, { actor: turn.actor }),
  },
];
