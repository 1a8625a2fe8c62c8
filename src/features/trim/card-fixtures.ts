// Every card template of this feature in every state that matters, bound with fixture data through its
// typed binder, for the card tests and the gallery (test/fixtures/cards.ts). Loaded only on demand.
import type { CardFixture } from '../../kernel/feature.ts';
import type { Roster } from '../../kernel/types.ts';
import { trimCard, trimListCard, trimOfferCard, trimPractitionerCard } from './cards.ts';
import type { TrimChainEntry, TrimFollowUp } from './rules.ts';
import { listCardData, offerCardData, officerCardData, practitionerCardData, requestCardData } from './views.ts';

export function cardFixtures(): CardFixture[] {
  const roster: Roster = {
    units: [],
    absences: [],
    people: [
      { id: 'alex.moreno', name: 'Alex Moreno' },
      { id: 'bea.clarke', name: 'Bea Clarke' },
      { id: 'ira.nolan', name: 'Ira Nolan' },
      { id: 'wes.lyle', name: 'Wes Lyle' },
    ] as Roster['people'],
  };
  const chain: TrimChainEntry[] = [
    { personId: 'ira.nolan', role: 'fallback', delayMinutes: 2880, trimRole: 'practitioner' },
    { personId: 'wes.lyle', role: 'fallback', delayMinutes: 2880, trimRole: 'welfareLead' },
  ];
  const asked: TrimFollowUp = {
    id: 'trim-decl-0123456789abcdef01234567-72h',
    personId: 'alex.moreno',
    unitId: 'unit-2',
    origin: 'request72h',
    createdAt: '2026-11-26T09:00:00.000Z',
    askFrom: '2026-11-26T09:00:00.000Z',
    asked: { at: '2026-11-26T09:00:00.000Z', outboxId: 'trim:x:ask' },
    openedAt: '2026-11-26T09:00:00.000Z',
    notices: [],
  };
  const wanted: TrimFollowUp = {
    ...asked,
    answer: { value: 'yes', at: '2026-11-26T09:10:00.000Z' },
    notices: [{ personId: 'ira.nolan', at: '2026-11-26T09:15:00.000Z', level: 0, loop: 0 }],
  };
  const taken: TrimFollowUp = { ...wanted, acknowledged: { by: 'ira.nolan', at: '2026-11-26T10:00:00.000Z' } };
  const held: TrimFollowUp = {
    ...taken,
    outcome: { value: 'held', by: 'ira.nolan', at: '2026-11-30T10:00:00.000Z', heldOn: '2026-11-30' },
    closedAt: '2026-11-30T10:00:00.000Z',
  };
  const notArranged: TrimFollowUp = {
    ...taken,
    outcome: { value: 'notArranged', by: 'ira.nolan', at: '2026-11-30T10:00:00.000Z' },
    closedAt: '2026-11-30T10:00:00.000Z',
  };
  const declined: TrimFollowUp = {
    ...asked,
    answer: { value: 'notNow', at: '2026-11-26T09:10:00.000Z' },
    closedAt: '2026-11-26T09:10:00.000Z',
  };
  const offered: TrimFollowUp = {
    ...asked,
    id: 'trim-case-alex.moreno-20261126090000',
    origin: 'notableCaseSupervisor',
    startedBy: 'sam.okafor',
  };
  const today = '2026-11-30';
  return [
    { template: 'trim', state: 'the question, 72 hours after a request', card: () => trimCard(officerCardData(asked, chain, roster)) },
    {
      template: 'trim',
      state: 'the question, offered after a notable case',
      card: () => trimCard(officerCardData(offered, chain, roster)),
    },
    { template: 'trim', state: 'yes: a practitioner is told', card: () => trimCard(officerCardData(wanted, chain, roster)) },
    { template: 'trim', state: 'not now: nobody is told', card: () => trimCard(officerCardData(declined, chain, roster)) },
    { template: 'trim', state: 'could not be arranged', card: () => trimCard(officerCardData(notArranged, chain, roster)) },
    { template: 'trim', state: 'ask for one yourself', card: () => trimCard(requestCardData(chain, roster)) },
    { template: 'trim', state: 'no practitioner: the welfare lead', card: () => trimCard(requestCardData(chain.slice(1), roster)) },
    {
      template: 'trim-practitioner',
      state: 'wanted: take it or record it',
      card: () => trimPractitionerCard(practitionerCardData(wanted, 'ira.nolan', true, roster, today)),
    },
    {
      template: 'trim-practitioner',
      state: 'being arranged',
      card: () => trimPractitionerCard(practitionerCardData(taken, 'ira.nolan', true, roster, today, 'Thank you.')),
    },
    {
      template: 'trim-practitioner',
      state: 'recorded held',
      card: () => trimPractitionerCard(practitionerCardData(held, 'ira.nolan', true, roster, today, 'Recorded: held. Thank you.')),
    },
    {
      template: 'trim-list',
      state: 'two waiting',
      card: () => trimListCard(listCardData([wanted, { ...taken, id: 'trim-b', personId: 'bea.clarke' }], 'ira.nolan', roster)),
    },
    { template: 'trim-list', state: 'none waiting', card: () => trimListCard(listCardData([], 'ira.nolan', roster)) },
    {
      template: 'trim-offer',
      state: 'choose who',
      card: () =>
        trimOfferCard(
          offerCardData(
            [
              { id: 'alex.moreno', name: 'Alex Moreno' },
              { id: 'bea.clarke', name: 'Bea Clarke' },
            ],
            '',
            '',
            [{ name: 'Alex Moreno', on: '2026-11-24' }],
          ),
        ),
    },
    { template: 'trim-offer', state: 'nobody to offer to', card: () => trimOfferCard(offerCardData([])) },
  ];
}
