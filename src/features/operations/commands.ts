// What an administrator types to see the admin card.
import { COMMAND_PRIORITY, type Command } from '../../kernel/feature.ts';
import type { OperationsDeps } from './deps.ts';
import { showAdminCard } from './admin-card.ts';

export const commands: readonly Command<OperationsDeps>[] = [
  {
    name: 'adminCard',
    priority: COMMAND_PRIORITY.normal,
    pattern: /^(admin|admin card|delivery health)$/,
    words: 'admin',
    description: 'Delivery health, who Haven cannot reach, the job loop and the roster sync',
    roles: ['admin'],
    run: (deps, turn) => showAdminCard(deps, turn.actor),
  },
];
