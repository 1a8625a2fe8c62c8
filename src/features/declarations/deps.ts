import type { KernelDeps } from '../../kernel/context.ts';
import type { ViewingAccess } from '../../kernel/ports.ts';
import type { DeclarationRepository } from './repository.ts';

/** What the "I'm not okay" feature needs. */
export interface DeclarationDeps extends KernelDeps {
  declarations: DeclarationRepository;
  viewingAccess: ViewingAccess;
}
