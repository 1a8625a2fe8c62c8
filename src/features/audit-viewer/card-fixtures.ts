// The audit card in every state that matters, for the card tests and the gallery.
import type { CardFixture } from '../../kernel/feature.ts';
import { worstText } from '../../kernel/card-fixtures.ts';
import { auditCard } from './cards.ts';
import { auditCardData } from './views.ts';

const line = (i: number) => ({
  when: `23 Nov 2026, ${String(9 + (i % 8)).padStart(2, '0')}:00`,
  who: i % 3 ? 'Sam Okafor' : 'Haven (automatic)',
  what: i % 2 ? 'Declaration: read' : 'Check in: share shown (refused)',
  why: i % 4 ? 'responding to an alert' : '',
});

export function cardFixtures(): CardFixture[] {
  return [
    {
      template: 'audit-trail',
      state: 'first page of many, with More and Export',
      card: () =>
        auditCard(
          auditCardData({
            kind: 'page',
            personId: 'alex.moreno',
            name: 'Alex Moreno',
            page: 0,
            total: 45,
            lines: [...Array(20).keys()].map(line),
          }),
        ),
    },
    {
      template: 'audit-trail',
      state: 'last page, a reason at its limit',
      card: () =>
        auditCard(
          auditCardData({
            kind: 'page',
            personId: 'alex.moreno',
            name: 'Alex Moreno',
            page: 2,
            total: 41,
            lines: [{ ...line(1), why: worstText(600) }],
          }),
        ),
    },
    {
      template: 'audit-trail',
      state: 'nothing recorded',
      card: () => auditCard(auditCardData({ kind: 'page', personId: 'alex.moreno', name: 'Alex Moreno', page: 0, total: 0, lines: [] })),
    },
    {
      template: 'audit-trail',
      state: 'more than one match: choices',
      card: () =>
        auditCard(
          auditCardData({
            kind: 'choose',
            query: 'sam',
            found: 'many',
            choices: [
              { personId: 'sam.okafor', name: 'Sam Okafor' },
              { personId: 'sam.reid', name: 'Sam Reid' },
            ],
          }),
        ),
    },
    {
      template: 'audit-trail',
      state: 'no match: the people this reader may audit',
      card: () =>
        auditCard(
          auditCardData({ kind: 'choose', query: 'zed', found: 'none', choices: [{ personId: 'alex.moreno', name: 'Alex Moreno' }] }),
        ),
    },
  ];
}
