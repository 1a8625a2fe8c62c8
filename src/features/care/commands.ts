// What a person can type about ongoing care: the unit overview, their stage, their team, absences.
import { COMMAND_PRIORITY, type Command } from '../../kernel/feature.ts';
import { VERBS } from '../../kernel/verbs.ts';
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
    words: 'unit overview',
    description: 'Your unit at a glance: care due, stages, absences and span of control',
    roles: ['departmentHead'],
    welcome: [{ title: 'Unit overview', verb: VERBS.unitOverview, rank: { departmentHead: 1 } }],
    run: (deps, turn) => unitOverviewCardFor(deps, turn.actor),
  },
  // Broad words, below the declarations and the specific phrases: "I'm not ready, I want to leave"
  // is still a declaration, "suitability" still the questionnaire.
  {
    name: 'ready',
    priority: COMMAND_PRIORITY.broad,
    pattern: /\b(i feel ready|feel ready|im ready|i am ready)\b/,
    words: 'i feel ready',
    description: 'Say you feel ready for your next stage of viewing',
    roles: ['officer'],
    run: async (deps, turn) => (await actOnStage(deps, turn.actor, { type: 'sayReady' })).card,
  },
  {
    name: 'stage',
    priority: COMMAND_PRIORITY.broad,
    pattern: /\b(stage|stages|staged exposure)\b/,
    words: 'stage',
    description: 'Your stage of viewing as a new joiner, and what comes next',
    roles: ['officer'],
    run: (deps, turn) => showOwnStage(deps, turn.actor),
  },
  {
    name: 'team',
    priority: COMMAND_PRIORITY.broad,
    pattern: /\b(my team|team)\b/,
    words: 'my team',
    description: 'The people you look after: care due, stages and who is covering',
    roles: ['supervisor', 'departmentHead'],
    welcome: [{ title: 'My team', verb: VERBS.teamShow, rank: { supervisor: 1, departmentHead: 2 } }],
    run: (deps, turn) => showTeamCard(deps, turn.actor),
  },
  {
    name: 'absence',
    priority: COMMAND_PRIORITY.broad,
    pattern: /\b(away|absence|absent|cover)\b/,
    words: 'absence',
    description: 'Record when a supervisor is away, and who covers',
    roles: ['supervisor', 'departmentHead'],
    welcome: [{ title: 'Record an absence', verb: VERBS.absenceOpen, rank: { supervisor: 2 } }],
    run: (deps, turn) => absenceFormFor(deps, turn.actor),
  },
];
