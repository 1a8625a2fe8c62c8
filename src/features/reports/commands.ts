// "reports": the files a department head or trainer may download in their personal chat.
import { COMMAND_PRIORITY, type Command } from '../../kernel/feature.ts';
import type { ReportsDeps } from './deps.ts';
import { reportsCardFor } from './routes.ts';

export const commands: readonly Command<ReportsDeps>[] = [
  {
    name: 'reports',
    priority: COMMAND_PRIORITY.normal,
    pattern: /^(reports?|download reports?|download)$/,
    words: 'reports',
    description: 'Download the annual process review or the unit check-in figures as a file',
    roles: ['departmentHead', 'trainer'],
    run: (deps, turn) => reportsCardFor(deps, { actor: turn.actor }),
  },
];
