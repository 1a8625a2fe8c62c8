import type { KernelDeps } from '../../kernel/context.ts';
import type { ConcernRepository } from './repository.ts';

export interface ConcernSettings {
  /** Minutes each level of the chain has to acknowledge a non-urgent concern (the check-in flags' pace, HAVEN_FLAG_ESCALATION_HOURS). */
  levelDelayMinutes: number;
}

/** What concerns about a colleague need. */
export interface ConcernDeps extends KernelDeps {
  concerns: ConcernRepository;
  concernSettings: ConcernSettings;
}
