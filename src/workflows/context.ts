import type { EscalationPolicy } from '../domain/escalation.ts';
import type { JourneyPolicy } from '../domain/journey.ts';
import type {
  AbsenceRepository, DeclarationRepository, FlagRepository, JourneyRepository, SupportEntry, ViewingAccess, AuditLog, Clock, ConversationRefRepository, Notifier, PeopleRepository, UnitRepository,
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
  viewingAccess: ViewingAccess;
  supportDirectory: SupportEntry[];
  /** The unit's escalation policy (data/escalation/<unit>.json, else the default). */
  policyFor(unitId: string | undefined): EscalationPolicy;
  fallbackResponders: string[];
  /** Pre-deployment reminders and the secondary-review deadline (configuration). */
  journeyPolicy: JourneyPolicy;
}

/** Who is acting, as Teams told us. Never trusted beyond identifying the person. */
export interface Actor {
  aadObjectId?: string;
  teamsUserId: string;
}
