// What a person can type about their daily list.
import { COMMAND_PRIORITY, type Command } from '../../kernel/feature.ts';
import type { DigestDeps } from './deps.ts';
import { showDigest } from './show-digest.ts';

export const commands: readonly Command<DigestDeps>[] = [
  {
    name: 'digest',
    priority: COMMAND_PRIORITY.normal,
    pattern: /\b(my list|to do|todo|digest|what do i need to do)\b/,
    words: 'my list',
    description: 'What is waiting for you to act on: the lines of your daily digest',
    roles: ['supervisor', 'departmentHead', 'trainer'],
    run: (deps, turn) => showDigest(deps, turn.actor),
  },
];
