// What an officer can type to open their annual suitability questionnaire.
import { COMMAND_PRIORITY, type Command } from '../../kernel/feature.ts';
import type { SuitabilityDeps } from './deps.ts';
import { openSuitability } from './suitability.ts';

export const commands: readonly Command<SuitabilityDeps>[] = [
  {
    name: 'suitability',
    priority: COMMAND_PRIORITY.normal,
    pattern: /\bsuitability\b/,
    words: 'suitability',
    description: 'Your annual suitability questionnaire',
    roles: ['officer', 'supervisor', 'trainer'],
    run: (deps, turn) => openSuitability(deps, turn.actor),
  },
  // "questionnaire" is first the candidate's pre-deployment questionnaire (journeys); from someone
  // with no journey it is this one.
  {
    name: 'questionnaire',
    priority: COMMAND_PRIORITY.fallback,
    pattern: /\bquestionnaire\b/,
    words: 'questionnaire',
    description: 'Your annual suitability questionnaire',
    roles: ['officer', 'supervisor', 'trainer'],
    run: (deps, turn) => openSuitability(deps, turn.actor),
  },
];
