import type { KernelDeps } from '../../kernel/context.ts';
import type { TrimSettings } from './model.ts';
import type { TrimRepository } from './repository.ts';

/** What TRiM follow-ups need. */
export interface TrimDeps extends KernelDeps {
  trimFollowUps: TrimRepository;
  trimSettings: TrimSettings;
}
