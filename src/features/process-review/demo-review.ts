// The demo journeys (data/demo-journeys.json) and demo roster as a review, for the card fixtures and tests.
import { readFileSync } from 'node:fs';
import type { Journey } from '../journeys/index.ts';
import { buildProcessReview, journeyDetail, type JourneyDetail, type ProcessReview, type ReviewPeriod } from './rules.ts';
import { parseRoster } from '../../kernel/roster.ts';
import type { Roster } from '../../kernel/types.ts';

/** The period the README's example command uses: every demo journey but the last and the first. */
export const DEMO_PERIOD: ReviewPeriod = { from: '2025-11-01', to: '2026-10-31' };
export const DEMO_NOW = new Date('2026-11-23T09:00:00Z');

export function demoRoster(): Roster {
  const parsed = parseRoster(readFileSync(new URL('../../../data/demo-roster.csv', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`demo roster invalid: ${JSON.stringify(parsed.problems)}`);
  return parsed.roster;
}

export function demoJourneys(): Journey[] {
  return (JSON.parse(readFileSync(new URL('../../../data/demo-journeys.json', import.meta.url), 'utf8')) as { journeys: Journey[] })
    .journeys;
}

export function demoProcessReview(period: ReviewPeriod = DEMO_PERIOD): ProcessReview {
  return buildProcessReview(demoJourneys(), demoRoster(), period, ['unit-2'], DEMO_NOW);
}

export function demoJourneyDetail(id: string): JourneyDetail {
  const j = demoJourneys().find((x) => x.id === id);
  if (!j) throw new Error(`no demo journey ${id}`);
  return journeyDetail(j, demoRoster());
}
