import type { KernelDeps } from '../../kernel/context.ts';
import type { FlagThresholds } from './check-in-flags.ts';
import type { CheckInSchedule, QuestionSet } from './question-set.ts';
import type { CheckInRepository, FlagRepository, WorkloadRepository } from './repository.ts';
import type { WorkloadThresholds } from './workload-rules.ts';
import type { BringCareForward } from '../../kernel/ports.ts';

/** Check-in schedules, question sets and flag thresholds (configuration and data files). */
export interface CheckInSettings {
  scheduleFor(unitId: string): CheckInSchedule;
  questionSet(id: string): QuestionSet | undefined;
  thresholds: FlagThresholds;
  /** Minutes each level of the chain has to acknowledge a flag. */
  flagLevelDelayMinutes: number;
  minGroupSize: number;
  /** Issue 14: the exposure and workload log's rules. */
  workload: WorkloadThresholds;
}

/** What check-ins and their flags need. */
export interface CheckInDeps extends KernelDeps {
  checkIns: CheckInRepository;
  flags: FlagRepository;
  workloadWeeks: WorkloadRepository;
  checkInSettings: CheckInSettings;
  /** A raised flag brings the person's clinical supervision forward (care, wired in main.ts). */
  bringClinicalSupervisionForward: BringCareForward;
}
