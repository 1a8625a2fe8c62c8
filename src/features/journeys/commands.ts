// What a candidate, trainer or department head can type about pre-deployment journeys. Below the
// declaration words, so "leave" or "help" always reach a declaration. A command that does not apply
// to this person answers undefined: Haven shows what they can ask, or for "questionnaire" the suitability one.
import { COMMAND_PRIORITY, type Command } from '../../kernel/feature.ts';
import { VERBS } from '../../kernel/verbs.ts';
import type { JourneyDeps } from './deps.ts';
import { journeyCommandCard, type JourneyCommand } from './routes.ts';

function command(
  name: JourneyCommand,
  pattern: RegExp,
  help: Pick<Command<JourneyDeps>, 'words' | 'description' | 'roles' | 'welcome'>,
): Command<JourneyDeps> {
  return { name, pattern, priority: COMMAND_PRIORITY.broad, ...help, run: (deps, turn) => journeyCommandCard(deps, turn.actor, name) };
}

export const commands: readonly Command<JourneyDeps>[] = [
  command('withdraw', /\b(withdraw|i dont want to continue|dont want to continue|do not want to continue)\b/, {
    words: 'withdraw',
    description: 'Stop your pre-deployment journey, without detriment',
    roles: ['candidate'],
  }),
  command('questionnaire', /\bquestionnaire\b/, {
    words: 'questionnaire',
    description: 'Your pre-deployment questionnaire, when it is waiting for you',
    roles: ['candidate'],
    welcome: [{ title: 'Questionnaire', rank: { candidate: 2 } }],
  }),
  command('newJourney', /\b(new journey|open (a )?journey|start (a )?journey)\b/, {
    words: 'new journey',
    description: 'Open a pre-deployment journey for a candidate',
    roles: ['hr', 'departmentHead'],
    welcome: [{ title: 'Open a journey', verb: VERBS.journeyNew, rank: { hr: 2 } }],
  }),
  command('journey', /\b(journey|journeys|pre deployment|predeployment)\b/, {
    words: 'journey',
    description: 'Your pre-deployment journey, or the journeys you look after',
    roles: ['candidate', 'trainer', 'departmentHead', 'hr'],
    welcome: [
      { title: 'My journey', rank: { candidate: 1 } },
      { title: 'Journeys to review', verb: VERBS.journeyList, rank: { trainer: 1 } },
      { title: 'Journeys', verb: VERBS.journeyList, rank: { hr: 1 } },
    ],
  }),
];
