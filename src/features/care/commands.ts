// What a person can type about ongoing care: the unit overview, their stage, their team, absences.
import { COMMAND_PRIORITY, type Command } from '../../kernel/feature.ts';
import type { CareDeps } from './deps.ts';
import { unitOverviewCardFor } from './routes.ts';
import { actOnStage, showOwnStage } from './act-on-stage.ts';
import { showTeamCard } from './team-card.ts';
import { absenceFormFor } from './record-absence.ts';

export const commands: readonly Command<CareDeps>[] = [
  {
    name: 'unitOverview',
    priority: COMMAND_PRIORITY.normal,
    pattern: /\b(team|unit) overview\b/,
    run: (deps, turn) => unitOverviewCardFor(deps, turn.actor),
  },
  // Broad words, below the declarations and the specific phrases: "I'm not ready, I want to leave"
  // is still a declaration, "suitability" still the questionnaire.
  {
    name: 'ready',
    priority: COMMAND_PRIORITY.broad,
    pattern: /\b(i feel ready|feel ready|im ready|i am ready)\b/,
    run: async (deps, turn) => (await actOnStage(deps, turn.actor, { type: 'sayReady' })).card,
  },
  {
    name: 'stage',
    priority: COMMAND_PRIORITY.broad,
    pattern: /\b(stage|stages|staged exposure)\b/,
    run: (deps, turn) => showOwnStage(deps, turn.actor),
  },
  { name: 'team', priority: COMMAND_PRIORITY.broad, pattern: /\b(my team|team)\b/, run: (deps, turn) => showTeamCard(deps, turn.actor) },
  {
    name: 'absence',
    priority: COMMAND_PRIORITY.broad,
    pattern: /\b(away|absence|absent|cover)\b/,
    run: (deps, turn) => absenceFormFor(deps, turn.actor),
  },
];
