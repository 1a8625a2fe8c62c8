// What a person can type about check-ins.
import { COMMAND_PRIORITY, type Command } from '../../kernel/feature.ts';
import { VERBS } from '../../kernel/verbs.ts';
import type { CheckInDeps } from './deps.ts';
import { checkInCardFor } from './routes.ts';

export const commands: readonly Command<CheckInDeps>[] = [
  {
    name: 'checkIn',
    priority: COMMAND_PRIORITY.normal,
    pattern: /\b(check ?-?in|checkin)\b/,
    words: 'check in',
    description: 'Your regular wellbeing check-in; your answers belong to you',
    roles: ['officer', 'supervisor'],
    welcome: [{ title: 'Check in', verb: VERBS.checkInOpen, rank: { officer: 2 } }],
    run: (deps, turn) => checkInCardFor(deps, turn.actor),
  },
];
