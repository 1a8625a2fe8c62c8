import type { KernelDeps } from '../../kernel/context.ts';
import type { BringCareForward, ViewingAccess } from '../../kernel/ports.ts';
import type { MenuCommand } from '../../kernel/command-menu.ts';
import type { DeclarationRepository, StepAwayRepository } from './repository.ts';
import type { TrimRepository } from '../trim/index.ts';

/** What the "I'm not okay" feature needs. */
export interface DeclarationDeps extends KernelDeps {
  declarations: DeclarationRepository;
  viewingAccess: ViewingAccess;
  /** Private screen breaks ("I'm stepping away for a bit"): seen by nobody but the person (step-away.ts). */
  stepAways: StepAwayRepository;
  /** Every typed command of every feature, in the command table's order: the help list and the welcome buttons come from it. */
  commandMenu: readonly MenuCommand[];
  /** Where the 72-hour and one-month follow-ups are handed over to (the TRiM feature: issue 14, part 4). */
  trimFollowUps: TrimRepository;
  /** A request brings the person's clinical supervision forward (care, wired in main.ts). */
  bringClinicalSupervisionForward: BringCareForward;
}
