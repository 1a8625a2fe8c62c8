import type { KernelDeps } from '../../kernel/context.ts';
import type { JourneyRepository } from './repository.ts';
import type { JourneyPolicy } from './rules.ts';

/** What pre-deployment journeys need. */
export interface JourneyDeps extends KernelDeps {
  journeys: JourneyRepository;
  /** Pre-deployment reminders and the secondary-review deadline (configuration). */
  journeyPolicy: JourneyPolicy;
}
