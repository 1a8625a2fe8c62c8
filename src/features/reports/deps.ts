import type { CareDeps } from '../care/index.ts';
import type { ProcessReviewDeps } from '../process-review/index.ts';
import type { FileOfferDeps } from '../../kernel/file-offers.ts';

/** Reports from Teams read what the CLI reports read (journeys; check-ins, care and workload aggregates) and offer files. */
export type ReportsDeps = ProcessReviewDeps & CareDeps & FileOfferDeps;
