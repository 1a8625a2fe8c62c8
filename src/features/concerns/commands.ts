// What a person can type to raise a concern about a colleague, or record something they noticed.
// Neither leads the welcome card (its three buttons are taken, and the manifest menu is full); both
// are in "What can I ask Haven?" for the roles they serve.
import { COMMAND_PRIORITY, type Command } from '../../kernel/feature.ts';
import type { ConcernDeps } from './deps.ts';
import { openColleagueForm, openNoticedForm } from './raise-concern.ts';

export const commands: readonly Command<ConcernDeps>[] = [
  {
    name: 'concernedAboutColleague',
    priority: COMMAND_PRIORITY.normal,
    pattern: /\b(concerned|worried|concern) (about|for) (a )?(colleague|someone|team ?mate)\b/,
    words: 'concerned about a colleague',
    description: 'Tell the person responsible for a colleague that you are concerned about them; the colleague is never told who',
    roles: ['officer', 'supervisor', 'trainer', 'departmentHead', 'welfareLead', 'trimPractitioner'],
    run: (deps, turn) => openColleagueForm(deps, turn.actor),
  },
  {
    name: 'noticed',
    priority: COMMAND_PRIORITY.normal,
    pattern: /\b(i ?ve|i have) noticed\b|^noticed\b/,
    words: "I've noticed",
    description: 'Record something you noticed about someone you are responsible for, as a prompt for a welfare conversation',
    roles: ['supervisor', 'departmentHead'],
    run: (deps, turn) => openNoticedForm(deps, turn.actor),
  },
];
