import type { KernelDeps } from '../../kernel/context.ts';
import type { RosterSyncPort } from '../../kernel/ports.ts';
import type { DeliveryQueue, JobLoopStatus } from './repository.ts';

/** What the admin card reads: the outbox's state, the job loop's lease and the roster sync; never a feature's records. */
export interface OperationsDeps extends KernelDeps {
  deliveryQueue: DeliveryQueue;
  jobLoop: JobLoopStatus;
  rosterSync: RosterSyncPort;
}
