// The reports card in every state that matters, for the card tests and the gallery.
import type { CardFixture } from '../../kernel/feature.ts';
import type { Roster } from '../../kernel/types.ts';
import { reportsCard } from './cards.ts';
import { reportsCardData } from './views.ts';

const roster: Roster = { units: [{ id: 'unit-2', name: 'Online Child Abuse Team 2' }], people: [], absences: [] };
const demoRoster = () => roster;
const PERIOD = { from: '2025-11-24', to: '2026-11-23' };

export function cardFixtures(): CardFixture[] {
  return [
    {
      template: 'reports',
      state: 'department head: process review and check-in figures',
      card: () =>
        reportsCard(
          reportsCardData(
            [
              { report: 'predeployment', unitId: 'unit-2' },
              { report: 'unit', unitId: 'unit-2' },
            ],
            demoRoster(),
            PERIOD,
          ),
        ),
    },
    {
      template: 'reports',
      state: 'trainer: the process review only',
      card: () => reportsCard(reportsCardData([{ report: 'predeployment', unitId: 'unit-2' }], demoRoster(), PERIOD)),
    },
    { template: 'reports', state: 'nothing to download', card: () => reportsCard(reportsCardData([], demoRoster(), PERIOD)) },
  ];
}
