import type { CareSchedule } from '../features/care/care-schedule.ts';
import type { FlagThresholds } from '../features/check-ins/check-in-flags.ts';
import type { EscalationPolicy } from './escalation.ts';
import type { CheckInSchedule, QuestionSet } from '../features/check-ins/question-set.ts';
import type { Weekday } from './types.ts';
import type { JourneyPolicy } from '../features/journeys/rules.ts';
import type {
  AbsenceRepository, CareRepository, CheckInRepository, DeclarationRepository, StagedExposureRepository, FlagRepository, SuitabilityRepository, JourneyRepository, SupportEntry, ViewingAccess, AuditLog, Clock, ConversationRefRepository, Notifier, PeopleRepository, UnitRepository,
} from './ports.ts';

/** Everything a workflow may touch. main.ts builds one; tests build one from fakes or Azurite. */
export interface WorkflowDeps {
  people: PeopleRepository;
  units: UnitRepository;
  absences: AbsenceRepository;
  conversations: ConversationRefRepository;
  notifier: Notifier;
  audit: AuditLog;
  clock: Clock;
  declarations: DeclarationRepository;
  journeys: JourneyRepository;
  flags: FlagRepository;
  stages: StagedExposureRepository;
  care: CareRepository;
  /** Annual suitability questionnaires (answers encrypted). */
  suitability: SuitabilityRepository;
  /** Scheduled care, staged exposure and supervisors' settings (configuration). */
  careSettings: CareSettings;
  viewingAccess: ViewingAccess;
  supportDirectory: SupportEntry[];
  /** The unit's escalation policy (data/escalation/<unit>.json, else the default). */
  policyFor(unitId: string | undefined): EscalationPolicy;
  fallbackResponders: string[];
  checkIns: CheckInRepository;
  checkInSettings: CheckInSettings;
  /** Pre-deployment reminders and the secondary-review deadline (configuration). */
  journeyPolicy: JourneyPolicy;
}

/** Check-in schedules, question sets and flag thresholds (configuration and data files). */
export interface CheckInSettings {
  scheduleFor(unitId: string): CheckInSchedule;
  questionSet(id: string): QuestionSet | undefined;
  thresholds: FlagThresholds;
  /** Minutes each level of the chain has to acknowledge a flag. */
  flagLevelDelayMinutes: number;
  minGroupSize: number;
}

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

/** Who is acting, as Teams told us. Never trusted beyond identifying the person. */
export interface Actor {
  aadObjectId?: string;
  teamsUserId: string;
}
