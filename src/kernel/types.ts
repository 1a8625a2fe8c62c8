// Domain vocabulary shared by every layer. Pure types: no I/O, no SDK.

export const ROLES = [
  'candidate',
  'officer',
  'supervisor',
  'trainer',
  'departmentHead',
  'hr',
  'admin',
  'welfareLead',
  'trimPractitioner',
  'occupationalHealth',
  // Issue 16 part 4 (audit viewer): the data protection officer reads the audit trail about anyone.
  'dpo',
] as const;
export type Role = (typeof ROLES)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Minutes since midnight, local to the unit. */
export interface WeeklyPattern {
  kind?: 'weekly';
  days: Weekday[];
  startMinute: number;
  endMinute: number;
}

/** Issue 16 (rotas): `onDays` shifts then `offDays` rest days, repeating, the first shift starting on `from` (YYYY-MM-DD). */
export interface CyclePattern {
  kind: 'cycle';
  onDays: number;
  offDays: number;
  from: string;
  startMinute: number;
  endMinute: number;
}

/** When a person works: a week's days, or a repeating cycle. A shift whose end is before its start runs past midnight. */
export type WorkingPattern = WeeklyPattern | CyclePattern;

/** Issue 16 (rotas): contracted part-time hours, as the roster gives them: a fraction of full time, or hours a week. */
export type PartTime = { fraction: number } | { hoursPerWeek: number };

export type ViewingStatus = 'viewing' | 'notViewing';

export interface Person {
  id: string;
  name: string;
  /**
   * Issue 16: absent for someone synced from Entra ID until Haven first hears from them (kernel/learn-teams-id.ts
   * stores it from their first activity); nobody types it.
   */
  teamsUserId?: string;
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
  /**
   * Issue 16: ISO date (YYYY-MM-DD) the person left the unit's membership (roster sync from Entra ID, or the
   * roster). Someone who left gets no more check-ins or care; open requests keep their owner; erasure stays
   * the subject command's job.
   */
  leftOn?: string;
  /** Issue 16 (rotas): part-time hours from the roster's `part_time` column; absent: full time (or what the pattern says). */
  partTime?: PartTime;
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
export type ConversationTarget = { kind: 'person'; personId: string } | { kind: 'channel'; channelId: string };

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

/**
 * Every action the audit trail records, `noun.verb`. A new one is added here, so the list of what
 * Haven audits is one place (the person's export and the authorisation sweep read these words).
 * Card actions on declarations, journeys, stages and flags are audited under their action type.
 */
export const AUDIT_ACTIONS = [
  'absence.record',
  'absence.end',
  'care.done',
  'checkIn.open',
  'checkIn.submit',
  'checkIn.missed',
  'checkIn.shareShown',
  'conversation.removed',
  'declaration.raised',
  'declaration.read',
  'declaration.acknowledge',
  'declaration.recordRiskAssessment',
  'declaration.reassign',
  'declaration.escalateNow',
  'declaration.confirmAccessRemoved',
  'declaration.bookRedeployment',
  'declaration.recordRedeployment',
  'declaration.withdraw',
  'declaration.tick',
  'declaration.accessRemovedAutomatically',
  'declaration.unreachable',
  'delivery.unreachable',
  'digest.read',
  'digest.dismiss',
  'flag.raise',
  'flag.notify',
  'flag.acknowledge',
  'flag.resolve',
  'flag.show',
  'journey.open',
  'journey.read',
  'journey.agree',
  'journey.scheduleExposure',
  'journey.recordExposure',
  'journey.sendQuestionnaire',
  'journey.saveDraft',
  'journey.submitQuestionnaire',
  'journey.review',
  'journey.headReview',
  'journey.offerAttachment',
  'journey.respondAttachment',
  'journey.markReady',
  'journey.withdraw',
  'journey.cancel',
  'journey.tick',
  'journeys.seed',
  'person.joinedUnitOn',
  'person.viewingStatus',
  'report.predeployment',
  'review.read',
  'roster.imported',
  'stage.read',
  'stage.sayReady',
  'stage.confirm',
  'stage.pause',
  'stage.resume',
  'stage.stepBack',
  'stage.reflect',
  'subject.export',
  'subject.erase',
  'suitability.read',
  'suitability.save',
  'suitability.submit',
  'suitability.review',
  'team.read',
  'unit.overview',
  'unit.report',
  // Issue #14 part 5 (redeployment until the move happens): a move recorded done, a read of the move card.
  'declaration.recordMoveDone',
  'declaration.readMove',
  // Issue 14 part 3 (concerns about a colleague, "I've noticed …").
  'concern.raise',
  'concern.open',
  'concern.notify',
  'concern.show',
  'concern.acknowledge',
  'concern.record',
  // Issue 14, exposure and workload log.
  'workload.prompt',
  'workload.submit',
  'workload.import',
  'checkIn.broughtForward',
  // TRiM follow-ups (issue 14, part 4)
  'trim.handover',
  'trim.ask',
  'trim.answer',
  'trim.request',
  'trim.offer',
  'trim.notify',
  'trim.read',
  'trim.acknowledge',
  'trim.record',
  'trim.lapse',
  // Issue 14 part 2, a choice of whom to tell: the choice itself, without free text.
  'declaration.routeChosen',
  'flag.routeChosen',
  // Issue #14 part 4 (care pace and debriefs): clinical supervision brought forward, a debrief after the
  // controlled exposure recorded, a staged-exposure discussion recorded as held.
  'care.broughtForward',
  'journey.recordDebrief',
  'stage.recordDiscussion',
  // Issue 14, part 1 (a break that ends): the way back from a break, its review, the restore, and a private screen break.
  'declaration.setReview',
  'declaration.readyToReturn',
  'declaration.confirmReturn',
  'declaration.confirmAccessRestored',
  'declaration.accessRestoredAutomatically',
  'declaration.accessRestoreFailed',
  'declaration.reviewDue',
  'declaration.reviewOverdue',
  'break.read',
  'stepAway.start',
  'stepAway.back',
  // Issue 14 part 2, the suitability reader: the kind of reader chosen, without names.
  'suitability.readerChosen',
  // Issue 16 part 4 (files in the personal chat, audit viewer): a file offered, uploaded or declined; the audit read and exported.
  'file.offer',
  'file.download',
  'file.decline',
  'audit.read',
  'audit.export',
  // Issue 16, part 1: a roster sync from Entra ID (counts only).
  'roster.synced',
  // Issue 16 part 4: the admin card (read, a dead letter retried, the roster sync re-run) and the retention job (counts per kind).
  'admin.read',
  'admin.retry',
  'admin.resync',
  'retention.run',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  at: string;
  /** Person id of the actor, or 'system'. */
  actor: string;
  action: AuditAction;
  /** What was touched: e.g. `person:alex.moreno`, `declaration:…`. Never free text. */
  subject: string;
  /**
   * The person whose record `subject` is (a roster id), when the subject is one of a person's records
   * (`declaration:…`, `journey:…`, `flag:…`). The audit viewer lists the entry under `person:<about>` too.
   */
  about?: string;
  reason: string;
  outcome: 'ok' | 'denied' | 'failed';
}

export function targetKey(target: ConversationTarget): string {
  return target.kind === 'person' ? `person:${target.personId}` : `channel:${target.channelId}`;
}
