// What a department head, trainer or HR can type to see the process review.
import { COMMAND_PRIORITY, type Command } from '../../kernel/feature.ts';
import type { ProcessReviewDeps } from './deps.ts';
import { reviewCardFor } from './routes.ts';

export const commands: readonly Command<ProcessReviewDeps>[] = [
  {
    name: 'processReview',
    priority: COMMAND_PRIORITY.normal,
    pattern: /\b(process review|annual review|pre ?deployment review)\b/,
    run: (deps, turn) => reviewCardFor(deps, { actor: turn.actor }),
  },
];
