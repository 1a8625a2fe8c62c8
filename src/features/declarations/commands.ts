// What a person can type to reach a declaration. These words come before every other command: a
// person in distress must not be misread ("process review: I want to leave" is a request to leave).
import { COMMAND_PRIORITY, type Command } from '../../kernel/feature.ts';
import type { DeclarationDeps } from './deps.ts';
import { declarationForm, statusCardFor } from './routes.ts';

function formFor(name: string, pattern: RegExp, preselect?: string): Command<DeclarationDeps> {
  return {
    name,
    pattern,
    priority: COMMAND_PRIORITY.distress,
    run: async () => declarationForm(preselect),
    withoutActor: () => declarationForm(preselect),
  };
}

export const commands: readonly Command<DeclarationDeps>[] = [
  formFor('notOkay', /\b(not ok(ay)?|not okay|im not ok|not alright|struggling|help|sos)\b/),
  formFor('leave', /\b(leave|quit|want out|transfer)\b/, 'leave'),
  formFor('break', /\b(break|pause|time off viewing)\b/, 'break'),
  formFor('talk', /\b(talk|speak to someone)\b/, 'talk'),
  {
    name: 'status',
    priority: COMMAND_PRIORITY.normal,
    pattern: /\b(status|where is my request|my request)\b/,
    run: (deps, turn) => statusCardFor(deps, { actor: turn.actor }),
  },
];
