import type { CareDeps } from '../care/index.ts';
import type { SuitabilityRepository } from './repository.ts';

/**
 * What the annual suitability questionnaire needs: it is one item of the care schedule, and its
 * review records that item done (and returns the supervisor to "my team").
 */
export interface SuitabilityDeps extends CareDeps {
  suitability: SuitabilityRepository;
}
