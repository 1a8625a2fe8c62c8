// What a person can type about check-ins.
import { COMMAND_PRIORITY, type Command } from '../../kernel/feature.ts';
import type { CheckInDeps } from './deps.ts';
import { checkInCardFor } from './routes.ts';

export const commands: readonly Command<CheckInDeps>[] = [
  {
    name: 'checkIn',
    priority: COMMAND_PRIORITY.normal,
    pattern: /\b(check ?-?in|checkin)\b/,
    run: (deps, turn) => checkInCardFor(deps, turn.actor),
  },
];
