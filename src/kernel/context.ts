import type { ContactRule } from './contacts.ts';
import type { EscalationPolicy } from './escalation.ts';
import type { DutyRota } from './duty-rota.ts';
import type { RosterView } from './roster-view.ts';
import type {
  AbsenceRepository,
  AuditLog,
  Clock,
  ConversationRefRepository,
  Notifier,
  PeopleRepository,
  SupportEntry,
  TrayRepository,
  UnitRepository,
} from './ports.ts';

/**
 * What every feature may touch: the roster, conversations, the outbox, the audit trail and the clock.
 * Each feature extends this with its own repository and settings (its deps.ts); only main.ts builds
 * the whole; tests build one from in-memory ports or Azurite.
 */
export interface KernelDeps {
  people: PeopleRepository;
  units: UnitRepository;
  absences: AbsenceRepository;
  conversations: ConversationRefRepository;
  notifier: Notifier;
  /** What each person must act on that is not urgent, for their daily digest (kernel/tray.ts). */
  tray: TrayRepository;
  audit: AuditLog;
  clock: Clock;
  supportDirectory: SupportEntry[];
  /** The unit's escalation policy (data/escalation/<unit>.json, else the default). */
  policyFor(unitId: string | undefined): EscalationPolicy;
  /** The unit's confidential contacts (data/contacts/<unit>.json, else DEFAULT_CONTACTS); see kernel/contacts.ts. */
  contactsFor(unitId: string | undefined): readonly ContactRule[];
  /** Configured last-resort responders (HAVEN_FALLBACK_RESPONDERS); see kernel/responsibility.ts. */
  fallbackResponders: string[];
  /** Issue 16 (rotas): the unit's duty rota (HAVEN_DUTY_ROTA_DIR/<unit>.json), if any; see kernel/duty-rota.ts. */
  dutyRotaFor?(unitId: string | undefined): DutyRota | undefined;
  /** Issue 15: the process's one roster (kernel/roster-view.ts); without it the roster is read in full each time. */
  rosterView?: RosterView;
}

/** Who is acting, as Teams told us. Never trusted beyond identifying the person. */
export interface Actor {
  aadObjectId?: string;
  teamsUserId: string;
}
