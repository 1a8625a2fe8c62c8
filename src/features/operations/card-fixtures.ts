// The admin card in every state that matters, bound with fixture data, for the card tests and the gallery.
import type { CardFixture } from '../../kernel/feature.ts';
import type { Person, Roster } from '../../kernel/types.ts';
import { adminCard } from './cards.ts';
import type { DeliveryFacts } from './rules.ts';
import { adminCardData } from './views.ts';

const NOW = new Date('2026-12-07T14:30:00.000Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();
const person = (id: string, name: string, extra: Partial<Person> = {}): Person => ({
  id,
  name,
  teamsUserId: `29:${id}`,
  aadObjectId: `aad-${id}`,
  roles: ['officer'],
  unitId: 'unit-2',
  workingPattern: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], startMinute: 480, endMinute: 1020 },
  viewingStatus: 'viewing',
  ...extra,
});
const ROSTER: Roster = {
  units: [{ id: 'unit-2', name: 'Online Child Abuse Team 2', supervisorChannelId: '19:fixture@thread.tacv2' }],
  people: [
    person('gus.novak', 'Gus Novak'),
    person('erin.walsh', 'Erin Walsh', { leftOn: '2026-12-01' }),
    person('femi.adeyemi', 'Femi Adeyemi'),
    ...Array.from({ length: 20 }, (_, i) => person(`p${i}`, `Person ${String(i + 1).padStart(2, '0')}`)),
  ],
  absences: [],
};

const QUIET: DeliveryFacts = {
  backlog: [
    { lane: 'alert', count: 0 },
    { lane: 'bulk', count: 0 },
  ],
  deadLetters: [],
  unreachable: [],
  unreachableChannels: [],
};

const BUSY: DeliveryFacts = {
  backlog: [
    { lane: 'alert', count: 1 },
    { lane: 'bulk', count: 42 },
  ],
  oldestWaitingSince: ago(135),
  deadLetters: [
    {
      id: 'fixture-dead-1',
      purpose: 'checkIn.prompt',
      createdAt: ago(60 * 26),
      attempts: 6,
      lastError: 'gave up after 6 attempts (last 502)',
    },
    { id: 'fixture-dead-2', purpose: 'digest', createdAt: ago(40), attempts: 1, lastError: '400 BadArgument' },
  ],
  unreachable: [
    { personId: 'gus.novak', reason: 'blocked', since: ago(300) },
    { personId: 'erin.walsh', reason: 'left', since: '2026-12-01' },
    { personId: 'femi.adeyemi', reason: 'notInstalled' },
  ],
  unreachableChannels: ['19:fixture@thread.tacv2'],
};

const LONG: DeliveryFacts = {
  ...BUSY,
  deadLetters: Array.from({ length: 30 }, (_, i) => ({
    id: `fixture-dead-${i}`,
    purpose: 'care.reminder',
    createdAt: ago(60 * (i + 1)),
    attempts: 6,
    lastError: 'gave up after 6 attempts (last network error)',
  })),
  unreachable: Array.from({ length: 20 }, (_, i) => ({ personId: `p${i}`, reason: 'notInstalled' as const })),
};

const LOOP = { holderProcess: '4242', thisInstance: true, lastTickAt: ago(0.1), leaseUntil: ago(-0.5) };
const SYNCED = {
  configured: true,
  last: {
    at: ago(600),
    trigger: 'daily' as const,
    outcome: 'applied' as const,
    added: 3,
    updated: 12,
    left: 1,
    problems: 0,
    installFailures: 2,
  },
};

export function cardFixtures(): CardFixture[] {
  return [
    {
      template: 'admin',
      state: 'quiet, roster sync not set up',
      card: () =>
        adminCard(adminCardData({ facts: QUIET, roster: ROSTER, jobLoop: LOOP, sync: { configured: false, last: undefined }, now: NOW })),
    },
    {
      template: 'admin',
      state: 'backlog, dead letters, unreachable people, sync applied',
      card: () => adminCard(adminCardData({ facts: BUSY, roster: ROSTER, jobLoop: LOOP, sync: SYNCED, now: NOW })),
    },
    {
      template: 'admin',
      state: 'after a retry; another instance holds an expired lease; sync never ran',
      card: () =>
        adminCard(
          adminCardData({
            facts: BUSY,
            roster: ROSTER,
            jobLoop: { holderProcess: '977', thisInstance: false, lastTickAt: ago(20), leaseUntil: ago(19) },
            sync: { configured: true, last: undefined },
            now: NOW,
            banner: 'Queued again: the check-in goes out with the next delivery pass.',
          }),
        ),
    },
    {
      template: 'admin',
      state: 'lists cut short; nobody holds the lease; sync blocked',
      card: () =>
        adminCard(
          adminCardData({
            facts: LONG,
            roster: ROSTER,
            jobLoop: undefined,
            sync: {
              configured: true,
              last: { ...SYNCED.last, trigger: 'admin', outcome: 'blocked', added: 0, updated: 0, left: 0, problems: 4 },
            },
            now: NOW,
          }),
        ),
    },
  ];
}
