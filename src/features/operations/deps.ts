import type { KernelDeps } from '../../kernel/context.ts';
import type { RosterSyncPort } from '../../kernel/ports.ts';
import type { DeliveryQueue, JobLoopStatus, OncePer, RetentionSetup } from './repository.ts';

/** What the admin card reads: the outbox's state, the job loop's lease and the roster sync; never a feature's records. */
export interface OperationsDeps extends KernelDeps {
  deliveryQueue: DeliveryQueue;
  jobLoop: JobLoopStatus;
  rosterSync: RosterSyncPort;
  /** data/retention.json as loaded, and every feature's retention sources (main.ts binds them). */
  retention: RetentionSetup;
  /** The daily job's "once a day", across instances. */
  oncePer: OncePer;
}
