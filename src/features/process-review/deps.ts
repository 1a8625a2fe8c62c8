import type { KernelDeps } from '../../kernel/context.ts';
import type { JourneyRepository } from '../journeys/index.ts';

/** What the annual process review reads: journeys, never their answers. */
export interface ProcessReviewDeps extends KernelDeps {
  journeys: JourneyRepository;
}
