// Domain vocabulary shared by every layer. Pure types: no I/O, no SDK.

export const ROLES = ['candidate', 'officer', 'supervisor', 'trainer', 'departmentHead', 'hr', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Minutes since midnight, local to the unit. */
export interface WorkingPattern {
  days: Weekday[];
  startMinute: number;
  endMinute: number;
}

export type ViewingStatus = 'viewing' | 'notViewing';

export interface Person {
  id: string;
  name: string;
  teamsUserId: string;
  aadObjectId: string;
  roles: Role[];
  unitId: string;
  supervisorId?: string;
  /** For supervisors: who stands in when they are absent, unless an absence names someone else. */
  coverId?: string;
  /** ISO date (YYYY-MM-DD) the person joined the unit. */
  joinedUnitOn?: string;
  workingPattern: WorkingPattern;
  viewingStatus: ViewingStatus;
  /** ISO instant the viewing status last changed. */
  viewingStatusSince?: string;
}

export interface Unit {
  id: string;
  name: string;
  /** Teams channel id of the supervisors' channel (19:…@thread.tacv2), if any. */
  supervisorChannelId?: string;
  departmentHeadId?: string;
  /** The person above the department head (e.g. a DCI), last in the escalation chain. */
  aboveId?: string;
}

export interface Absence {
  id: string;
  /**
   * Whoever is away: a supervisor (their cover or the next level stands in) or anyone else (an
   * officer's leave pauses their check-ins). Stored rows and the roster CSV call it `supervisor`.
   */
  personId: string;
  /** ISO dates, inclusive. */
  from: string;
  to: string;
  coverId?: string;
}

export interface Roster {
  units: Unit[];
  people: Person[];
  absences: Absence[];
}

/** Where Haven can reach someone: a 1:1 chat with a person, or a team channel. */
export type ConversationTarget =
  | { kind: 'person'; personId: string }
  | { kind: 'channel'; channelId: string };

export interface ConversationRef {
  target: ConversationTarget;
  conversationId: string;
  serviceUrl: string;
  tenantId: string;
  botId: string;
  /** Teams user id of the person (personal chats only). */
  userId?: string;
  capturedAt: string;
}

export interface AuditEntry {
  at: string;
  /** Person id of the actor, or 'system'. */
  actor: string;
  action: string;
  /** What was touched: e.g. `person:alex.moreno`, `declaration:…`. Never free text. */
  subject: string;
  reason: string;
  outcome: 'ok' | 'denied' | 'failed';
}

export function targetKey(target: ConversationTarget): string {
  return target.kind === 'person' ? `person:${target.personId}` : `channel:${target.channelId}`;
}
