import type { KernelDeps } from '../../kernel/context.ts';
import type { Weekday } from '../../kernel/types.ts';
import type { CheckInDeps } from '../check-ins/index.ts';
import type { DeclarationRepository } from '../declarations/index.ts';
import type { CareSchedule } from './care-schedule.ts';
import type { CareRepository, StagedExposureRepository } from './repository.ts';

export interface CareSettings {
  schedule: CareSchedule;
  escalationLevelHours: number;
  /** Days before an overdue item walks the chain again, once every level has been told. */
  repeatDays: number;
  reflectionDays: number;
  newJoinerMonths: number;
  spanOfControl: number;
  weeklyCardDay: Weekday;
}

/**
 * What ongoing care needs: its own records and settings, and (for "my team" and the unit overview)
 * read access to check-ins, flags and requests.
 */
export interface CareDeps extends KernelDeps, Pick<CheckInDeps, 'checkIns' | 'flags' | 'checkInSettings' | 'workloadWeeks'> {
  stages: StagedExposureRepository;
  care: CareRepository;
  careSettings: CareSettings;
  declarations: DeclarationRepository;
}
