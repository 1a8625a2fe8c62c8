// What a candidate, trainer or department head can type about pre-deployment journeys. Below the
// declaration words, so "leave" or "help" always reach a declaration. A command that does not apply
// to this person answers undefined: Haven shows the welcome, or for "questionnaire" the suitability one.
import { COMMAND_PRIORITY, type Command } from '../../kernel/feature.ts';
import type { JourneyDeps } from './deps.ts';
import { journeyCommandCard, type JourneyCommand } from './routes.ts';

function command(name: JourneyCommand, pattern: RegExp): Command<JourneyDeps> {
  return { name, pattern, priority: COMMAND_PRIORITY.broad, run: (deps, turn) => journeyCommandCard(deps, turn.actor, name) };
}

export const commands: readonly Command<JourneyDeps>[] = [
  command('withdraw', /\b(withdraw|i dont want to continue|dont want to continue|do not want to continue)\b/),
  command('questionnaire', /\bquestionnaire\b/),
  command('newJourney', /\b(new journey|open (a )?journey|start (a )?journey)\b/),
  command('journey', /\b(journey|journeys|pre deployment|predeployment)\b/),
];
