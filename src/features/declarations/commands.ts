// What a person can type to reach a declaration. These words come before every other command: a
// person in distress must not be misread ("process review: I want to leave" is a request to leave).
// The greeting and "What can I ask Haven?" live here too, beside the welcome card they belong to.
import { COMMAND_PRIORITY, type Command } from '../../kernel/feature.ts';
import { ROLES } from '../../kernel/types.ts';
import { VERBS } from '../../kernel/verbs.ts';
import type { DeclarationDeps } from './deps.ts';
import { declarationForm, declarationFormFor, statusCardFor } from './routes.ts';
import { helpCardFor, welcomeCardFor } from './show-welcome.ts';
import { stepAwayCard } from './cards.ts';
import { stepAwayView } from './views.ts';
import { endStepAway, startStepAway } from './step-away.ts';

function formFor(
  name: string,
  pattern: RegExp,
  help: Pick<Command<DeclarationDeps>, 'words' | 'description' | 'welcome'>,
  preselect?: string,
): Command<DeclarationDeps> {
  return {
    name,
    pattern,
    priority: COMMAND_PRIORITY.distress,
    // Anyone, on the roster or not: words of distress are never met with silence.
    roles: 'anyone',
    ...help,
    // The form for this person: whom they may tell first, and who will be told what.
    run: async (deps, turn) => declarationFormFor(deps, turn.actor, preselect),
    withoutActor: () => declarationForm(preselect),
  };
}

export const commands: readonly Command<DeclarationDeps>[] = [
  formFor('notOkay', /\b(not ok(ay)?|not okay|im not ok|not alright|struggling|help|sos)\b/, {
    words: 'not okay',
    description: 'Ask for support in confidence: to talk to someone, a break from viewing, or to leave the unit ("help" does the same)',
    welcome: [
      {
        title: "I'm not okay",
        verb: VERBS.declarationOpen,
        rank: { officer: 1, candidate: 3, supervisor: 3, trainer: 3, departmentHead: 3, hr: 3, admin: 1 },
      },
    ],
  }),
  formFor('leave', /\b(leave|quit|want out|transfer)\b/, { words: 'leave', description: 'Ask to leave the unit, in confidence' }, 'leave'),
  formFor(
    'break',
    /\b(break|pause|time off viewing)\b/,
    { words: 'break', description: 'Ask for a break from viewing, in confidence' },
    'break',
  ),
  formFor('talk', /\b(talk|speak to someone)\b/, { words: 'talk', description: 'Ask to talk to someone, in confidence' }, 'talk'),
  {
    name: 'status',
    priority: COMMAND_PRIORITY.normal,
    pattern: /\b(status|where is my request|my request)\b/,
    words: 'status',
    description: 'Where your requests stand, and who has them now',
    roles: ROLES,
    welcome: [{ title: 'My status', rank: { officer: 3, admin: 2 } }],
    run: (deps, turn) => statusCardFor(deps, { actor: turn.actor }),
  },
  // Issue 14, part 1: a private screen break, nobody told. Not a word of distress: "I need a break from viewing" is.
  {
    name: 'stepAway',
    priority: COMMAND_PRIORITY.normal,
    pattern: /\b(stepping away|step away|away for a bit)\b/,
    words: 'stepping away',
    description: 'A short private screen break: Haven notes it for you only and tells nobody',
    roles: ['officer', 'supervisor', 'trainer'],
    run: async (deps, turn) => stepAwayCard(stepAwayView(await startStepAway(deps, turn.actor, `typed:${deps.clock.now().toISOString()}`))),
  },
  {
    name: 'stepAwayBack',
    priority: COMMAND_PRIORITY.normal,
    pattern: /\b(im back|i am back)\b/,
    words: "I'm back",
    description: 'End your private screen break',
    roles: ['officer', 'supervisor', 'trainer'],
    run: async (deps, turn) => stepAwayCard(stepAwayView(await endStepAway(deps, turn.actor))),
  },
  {
    name: 'whatCanIAsk',
    priority: COMMAND_PRIORITY.normal,
    pattern: /\b(what can i (ask|say|type|do)|what can you do|what can haven do|commands|menu)\b/,
    words: 'what can I ask',
    description: 'What you can ask Haven: the commands for your role, one line each',
    roles: 'anyone',
    run: (deps, turn) => helpCardFor(deps, turn.actor),
  },
  {
    name: 'welcome',
    priority: COMMAND_PRIORITY.fallback,
    pattern: /\b(hi|hello|hey|hiya|good morning|good afternoon|good evening|welcome|start)\b/,
    words: 'hi',
    description: 'Your welcome card: your status, and who can see what',
    roles: 'anyone',
    run: (deps, turn) => welcomeCardFor(deps, turn.actor, turn.displayName),
  },
];
