import type { CareDeps } from '../care/index.ts';
import type { CheckInDeps } from '../check-ins/index.ts';
import type { DeclarationDeps } from '../declarations/index.ts';
import type { JourneyDeps } from '../journeys/index.ts';
import type { SuitabilityDeps } from '../suitability/index.ts';
import type { OutboxRepository } from '../../kernel/ports.ts';

/** Everything every feature holds: a subject access or erasure request reads and removes what every feature holds about a person. */
export type SubjectDeps = DeclarationDeps & JourneyDeps & CheckInDeps & CareDeps & SuitabilityDeps & { outbox: OutboxRepository };
