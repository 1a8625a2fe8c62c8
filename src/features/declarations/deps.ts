import type { KernelDeps } from '../../kernel/context.ts';
import type { ViewingAccess } from '../../kernel/ports.ts';
import type { MenuCommand } from '../../kernel/command-menu.ts';
import type { DeclarationRepository } from './repository.ts';
import type { BringForwardDeps } from '../care/index.ts';

/** What the "I'm not okay" feature needs (a request brings clinical supervision forward: BringForwardDeps). */
export interface DeclarationDeps extends KernelDeps, BringForwardDeps {
  declarations: DeclarationRepository;
  viewingAccess: ViewingAccess;
  /** Every typed command of every feature, in the command table's order: the help list and the welcome buttons come from it. */
  commandMenu: readonly MenuCommand[];
}
