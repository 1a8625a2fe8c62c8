import type { KernelDeps } from '../../kernel/context.ts';
import type { FileOfferDeps } from '../../kernel/file-offers.ts';

/** The audit viewer reads the roster and the audit trail, and offers the CSV as a file. */
export type AuditViewerDeps = KernelDeps & FileOfferDeps;
