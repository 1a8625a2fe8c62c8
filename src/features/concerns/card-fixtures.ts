// Every card template of this feature in every state that matters, bound with fixture data through its
// typed binder, for the card tests and the gallery (test/fixtures/cards.ts). Loaded only on demand.
import type { CardFixture } from '../../kernel/feature.ts';
import { SAMPLE_SUPPORT, typedAtMaxLength, worstText } from '../../kernel/card-fixtures.ts';
import type { Person, Roster } from '../../kernel/types.ts';
import { concernCard, concernConfirmationCard, concernFormCard } from './cards.ts';
import { NOTE_MAX_BYTES, OUTCOME_NOTE_MAX_BYTES, type Concern } from './model.ts';
import { colleagueFormData, concernCardData, confirmationData, noticedFormData } from './views.ts';

export function cardFixtures(): CardFixture[] {
  const person = (id: string, name: string) => ({ id, name, unitId: 'unit-2', roles: ['officer'] }) as unknown as Person;
  const PEOPLE = [person('alex.moreno', 'Alex Moreno'), person('bea.clarke', 'Bea Clarke'), person('sam.okafor', 'Sam Okafor')];
  const ROSTER: Roster = {
    units: [],
    absences: [],
    people: [...PEOPLE, person('wes.lyle', 'Wes Lyle'), person('dana.hughes', 'Dana Hughes')],
  };
  const CONCERN: Concern = {
    id: 'concern-alex.moreno-0123456789abcdef0123',
    personId: 'alex.moreno',
    unitId: 'unit-2',
    source: 'colleague',
    route: 'responsible',
    category: 'withdrawn',
    raisedBy: 'bea.clarke',
    note: 'Quiet all week, skipped lunch every day.',
    openedAt: '2026-11-23T10:00:00.000Z',
    notices: [{ personId: 'sam.okafor', at: '2026-11-23T10:00:00.000Z', level: 0, loop: 0 }],
  };
  const ESCALATED: Concern = {
    ...CONCERN,
    notices: [...CONCERN.notices, { personId: 'dana.hughes', at: '2026-11-24T10:00:00.000Z', level: 1, loop: 0 }],
  };
  const RECORDED: Concern = {
    ...CONCERN,
    acknowledged: { by: 'sam.okafor', at: '2026-11-23T11:00:00.000Z' },
    outcome: { kind: 'held', by: 'sam.okafor', at: '2026-11-24T09:00:00.000Z' },
  };
  const W = worstText(NOTE_MAX_BYTES);
  const decision = (
    route: 'responsible' | 'welfareLead' | 'self',
    first: string,
    why: 'responsible' | 'managesRaiser' | 'self' | 'chosen',
  ) => ({
    ok: true as const,
    route,
    why,
    chain: [{ personId: first, role: 'supervisor' as const, delayMinutes: 15 }],
  });
  return [
    {
      template: 'concern-form',
      state: 'a colleague, with a welfare lead to choose',
      card: () => concernFormCard(colleagueFormData({ people: PEOPLE, hasWelfareLead: true })),
    },
    {
      template: 'concern-form',
      state: 'at the limit: refused, holding every choice and the note',
      card: () =>
        concernFormCard(
          colleagueFormData({
            people: Array.from({ length: 60 }, (_, i) => person(`p${i}`, `A Colleague With A Long Name ${i}`)),
            hasWelfareLead: true,
            notice:
              'Your note is too long by about 10 characters. Please shorten it; everything you typed is still here. Nothing was sent.',
            typed: { personId: 'p3', category: 'other', route: 'welfareLead', note: typedAtMaxLength(NOTE_MAX_BYTES) },
          }),
        ),
    },
    {
      template: 'concern-form',
      state: "I've noticed, one person preselected",
      card: () => concernFormCard(noticedFormData({ people: PEOPLE.slice(0, 2), typed: { personId: 'alex.moreno' } })),
    },
    {
      template: 'concern-confirmation',
      state: 'to the supervisor',
      card: () =>
        concernConfirmationCard(
          confirmationData({
            concern: CONCERN,
            decision: decision('responsible', 'sam.okafor', 'responsible'),
            roster: ROSTER,
            support: SAMPLE_SUPPORT,
          }),
        ),
    },
    {
      template: 'concern-confirmation',
      state: 'about someone who manages the raiser: to the welfare lead, urgent',
      card: () =>
        concernConfirmationCard(
          confirmationData({
            concern: { ...CONCERN, personId: 'sam.okafor', route: 'welfareLead', category: 'safety' },
            decision: decision('welfareLead', 'wes.lyle', 'managesRaiser'),
            roster: ROSTER,
            support: SAMPLE_SUPPORT,
          }),
        ),
    },
    {
      template: 'concern-confirmation',
      state: "I've noticed: held by the raiser",
      card: () =>
        concernConfirmationCard(
          confirmationData({
            concern: { ...CONCERN, source: 'noticed', route: 'self', raisedBy: 'sam.okafor' },
            decision: decision('self', 'sam.okafor', 'self'),
            roster: ROSTER,
            support: SAMPLE_SUPPORT,
          }),
        ),
    },
    {
      template: 'concern',
      state: 'first recipient: who raised it and the note at its limit',
      card: () =>
        concernCard(
          concernCardData({ concern: { ...CONCERN, note: W }, roster: ROSTER, viewerId: 'sam.okafor', mayAct: true, showRaiser: true }),
        ),
    },
    {
      template: 'concern',
      state: 'escalated: no raiser, no note',
      card: () =>
        concernCard(concernCardData({ concern: ESCALATED, roster: ROSTER, viewerId: 'dana.hughes', mayAct: true, showRaiser: false })),
    },
    {
      template: 'concern',
      state: 'urgent card sent on its own: summary, "Open"',
      card: () =>
        concernCard(
          concernCardData({
            concern: { ...CONCERN, category: 'safety' },
            roster: ROSTER,
            viewerId: 'sam.okafor',
            mayAct: true,
            showRaiser: true,
            summaryOnly: true,
          }),
        ),
    },
    {
      template: 'concern',
      state: 'record refused: the short note too long, kept',
      card: () =>
        concernCard(
          concernCardData({
            concern: CONCERN,
            roster: ROSTER,
            viewerId: 'sam.okafor',
            mayAct: true,
            showRaiser: true,
            notice: 'Your note is too long by about 10 characters. Nothing was changed.',
            typed: { outcome: 'held', outcomeNote: typedAtMaxLength(OUTCOME_NOTE_MAX_BYTES) },
          }),
        ),
    },
    {
      template: 'concern',
      state: 'recorded, second click',
      card: () =>
        concernCard(
          concernCardData({
            concern: RECORDED,
            roster: ROSTER,
            viewerId: 'sam.okafor',
            mayAct: true,
            showRaiser: true,
            notice: 'Already recorded.',
          }),
        ),
    },
  ];
}
