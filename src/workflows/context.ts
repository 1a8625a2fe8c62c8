import type {
  AbsenceRepository, AuditLog, Clock, ConversationRefRepository, Notifier, PeopleRepository, UnitRepository,
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
}

/** Who is acting, as Teams told us. Never trusted beyond identifying the person. */
export interface Actor {
  aadObjectId?: string;
  teamsUserId: string;
}
