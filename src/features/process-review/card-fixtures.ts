// Every card template of this feature in every state that matters, bound with fixture data through its
// typed binder, for the card tests and the gallery (test/fixtures/cards.ts). Loaded only on demand.
import type { CardFixture } from '../../kernel/feature.ts';
import { processReviewCard, processReviewJourneyCard } from './cards.ts';
import { journeyDetailCardData, processReviewCardData } from './views.ts';
import { demoJourneyDetail, demoProcessReview } from './demo-review.ts';

export function cardFixtures(): CardFixture[] {
  return [
    {
      template: 'process-review',
      state: 'department head, with details buttons',
      card: () => processReviewCard(processReviewCardData(demoProcessReview(), true)),
    },
    {
      template: 'process-review',
      state: 'trainer, no details',
      card: () => processReviewCard(processReviewCardData(demoProcessReview(), false)),
    },
    {
      template: 'process-review',
      state: 'list cut short',
      card: () => processReviewCard(processReviewCardData(demoProcessReview(), true, 3)),
    },
    {
      template: 'process-review',
      state: 'no journeys in the period',
      card: () => processReviewCard(processReviewCardData(demoProcessReview({ from: '2020-01-01', to: '2020-12-31' }), true)),
    },
    {
      template: 'process-review-journey',
      state: 'concerns, head review, attachment, ready',
      card: () => processReviewJourneyCard(journeyDetailCardData(demoJourneyDetail('journey-demo-22'))),
    },
    {
      template: 'process-review-journey',
      state: 'withdrawn early',
      card: () => processReviewJourneyCard(journeyDetailCardData(demoJourneyDetail('journey-demo-24'))),
    },
  ];
}
