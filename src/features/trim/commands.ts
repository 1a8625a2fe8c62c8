// What a person can type about TRiM follow-ups.
import { COMMAND_PRIORITY, type Command } from '../../kernel/feature.ts';
import { VERBS } from '../../kernel/verbs.ts';
import type { TrimDeps } from './deps.ts';
import { listTrim, offerForm, showOwnTrim } from './follow-ups.ts';

export const commands: readonly Command<TrimDeps>[] = [
  {
    name: 'trimList',
    priority: COMMAND_PRIORITY.normal,
    pattern: /\btrim follow ?-?ups\b/,
    words: 'trim follow-ups',
    description: 'TRiM follow-ups people have asked for, to arrange and record as held',
    roles: ['trimPractitioner', 'welfareLead'],
    welcome: [{ title: 'TRiM follow-ups', verb: VERBS.trimList, rank: { trimPractitioner: 1 } }],
    run: (deps, turn) => listTrim(deps, turn.actor),
  },
  {
    name: 'trimOffer',
    priority: COMMAND_PRIORITY.normal,
    pattern: /\boffer (a )?trim\b/,
    words: 'offer trim',
    description: 'Offer someone you supervise a TRiM follow-up after a notable case',
    roles: ['supervisor', 'departmentHead'],
    run: (deps, turn) => offerForm(deps, turn.actor),
  },
  {
    name: 'trim',
    priority: COMMAND_PRIORITY.broad,
    pattern: /\btrim\b/,
    words: 'trim',
    description: "Ask for a TRiM follow-up, or answer Haven's offer of one",
    roles: ['officer', 'supervisor'],
    run: (deps, turn) => showOwnTrim(deps, turn.actor),
  },
];
