// The declaration's data: what is stored and what the state machine (rules.ts) and the access
// rules (policy.ts) both read. Types and limits only.
import type { PendingEffect } from '../../kernel/pending-effects.ts';
import type { ChainEntry, EscalationPolicy } from '../../kernel/escalation.ts';
import type { ContactKind } from '../../kernel/contacts.ts';
import type { RoutedEntry } from '../../kernel/first-route.ts';
import type { DeclarationKind } from './kinds.ts';
import type { EscalatingTask } from '../../kernel/task-escalation.ts';

/** Longest note a person may add to a request, and longest risk-assessment notes (characters). */
export const NOTE_MAX_CHARS = 2000;
export const ASSESSMENT_NOTES_MAX_CHARS = 4000;

export const ADJUSTMENTS = [
  { value: 'offViewing', title: 'Taken off viewing' },
  { value: 'reducedViewing', title: 'Reduced viewing time' },
  { value: 'moreBreaks', title: 'More frequent breaks' },
  { value: 'referOH', title: 'Referred to occupational health' },
  { value: 'referTrim', title: 'Referred for TRiM / peer support' },
  { value: 'referEap', title: 'Employee assistance offered' },
  { value: 'welfareDay', title: 'Welfare day / time away' },
  { value: 'workloadReview', title: 'Workload reviewed' },
] as const;
export type Adjustment = (typeof ADJUSTMENTS)[number]['value'];

/** What the redeployment discussion with the department head came to (issue #14, part 5). */
export const REDEPLOYMENT_OUTCOMES = [
  { value: 'moveAgreed', title: 'Move agreed' },
  { value: 'stayingWithAdjustments', title: 'Staying, with adjustments' },
  { value: 'notPossibleYet', title: 'Not possible yet' },
] as const;
export type RedeploymentOutcome = (typeof REDEPLOYMENT_OUTCOMES)[number]['value'];
/** Longest destination (the unit or role the person moves to, short text) in bytes. */
export const DESTINATION_MAX_BYTES = 120;

export type NoteShare = 'supervisor' | 'supervisorAndHead';
export type DeclarationStatus = 'open' | 'acknowledged' | 'assessed' | 'closed' | 'withdrawn';
export type AccessRemoval = 'notNeeded' | 'removedAutomatically' | 'awaitingConfirmation' | 'confirmed';

export interface TimelineEntry {
  at: string;
  event:
    | 'raised'
    | 'alerted'
    | 'escalated'
    | 'unreachable'
    | 'acknowledged'
    | 'reAlerted'
    | 'reassigned'
    | 'riskAssessed'
    | 'accessRemovalConfirmed'
    | 'redeploymentBooked'
    | 'redeploymentHeld'
    | 'redeploymentOverdue'
    | 'moveOverdue'
    | 'moveDone'
    | 'withdrawn'
    | 'closed'
    // A choice of whom to tell (issue 14 part 2): the line supervisor was told only this (detail: LineNotice).
    | 'lineSupervisorTold'
    // A break that ends (issue 14, part 1): the off-viewing period and the agreed return.
    | 'reviewSet'
    | 'reviewDue'
    | 'reviewOverdue'
    | 'readyToReturn'
    | 'returnAgreed'
    | 'accessRestored';
  /** Person id of whoever did it or was alerted; never free text. */
  personId?: string;
  detail?: string;
}

/**
 * What the line supervisor is told when the person chose someone else to tell first: that they are off
 * viewing (a break or leaving: to manage work), that they asked for support (only if the person agreed),
 * or both. Never the kind beyond "off viewing", never the note.
 */
export type LineNotice = 'offViewing' | 'askedForSupport' | 'askedForSupportOffViewing';

/** The person's choice of whom to tell first (kernel/first-route.ts), stored so every recomputation of the chain agrees. */
export interface FirstRouteChoice {
  tellFirst: ContactKind;
  /** The person agreed that their line supervisor is told they asked for support. */
  alsoTellSupervisor: boolean;
}

/**
 * The time off viewing a break or a request to leave began. It outlives the request: closing or
 * withdrawing the request leaves the person off viewing, and only a return agreed by both (the
 * person says they feel ready, the person responsible for them confirms) ends it (off-viewing.ts).
 */
export interface OffViewing {
  since: string;
  /** Local date (YYYY-MM-DD) of the next review; a break only (a request to leave lasts until the move). */
  reviewOn?: string;
  /** Who chose the review date: a person id, or 'default' (one working day later). */
  reviewSetBy?: string;
  /** The person said they feel ready to go back. */
  ready?: { at: string };
  /** The return, agreed: viewing restored. */
  returned?: { by: string; at: string };
  /** Re-adding to the grading-access group, where configured (the job does it, never the click). */
  automaticRestore?: 'pending' | 'done' | 'failed';
  /** Attempts at the automatic re-add so far, and when Graph asked Haven to try again (429 Retry-After). */
  restoreAttempts?: number;
  restoreRetryAt?: string;
  /** Whether someone must restore grading access by hand and confirm it. */
  accessRestore?: 'notNeeded' | 'awaitingConfirmation' | 'confirmed' | 'restoredAutomatically';
  /** The review prompts sent for one review date: the person (a private card) and whoever acts for them (the tray). */
  prompted?: { reviewOn: string; officerAt?: string; responsibleAt?: string };
  /** Nobody reviewed the break two working days after its review date: a task that walks the chain. */
  unreviewed?: EscalatingTask & { reviewOn: string };
}

export interface Declaration {
  id: string;
  /** Roster id, or `unrostered:<teams user id>` for someone not on the roster. */
  personId: string;
  unitId?: string;
  kind: DeclarationKind;
  raisedAt: string;
  /** Free text, encrypted at rest. Shown only to the people `noteShare` names. */
  note?: string;
  noteShare: NoteShare;
  /** Absent: their supervisor is told first (the default). */
  route?: FirstRouteChoice;
  status: DeclarationStatus;
  onCall?: { personId: string; role: string; since: string };
  level: number;
  loop: number;
  /** When the current level must have acknowledged by, or when an acknowledged alert re-alerts. */
  nextDeadlineAt?: string;
  /** Everyone ever alerted. Being alerted is not access by itself: see policy.ts (entitled now). */
  notified: string[];
  acknowledged?: { by: string; at: string };
  riskAssessment?: { by: string; at: string; adjustments: Adjustment[]; notes?: string };
  accessRemoval: AccessRemoval;
  /** Progress of the automatic removal from the grading-access group, where configured. */
  automaticRemoval?: 'pending' | 'done' | 'failed';
  /** TRiM-style peer-support follow-ups, about 72 hours and one month after raising. */
  followUps?: { kind: '72h' | '1month'; dueAt: string; sentAt?: string }[];
  redeployment?: {
    dueAt: string;
    nextReminderAt: string;
    booked?: { by: string; at: string; on: string };
    /** The discussion was held. `outcome` is absent on requests recorded before outcomes existed (complete as they were). */
    held?: { by: string; at: string; outcome?: RedeploymentOutcome };
    /**
     * The move agreed at the discussion: the date (YYYY-MM-DD) and where to (short text, untrusted).
     * The request stays open until the move is recorded done; a move that slips past its date
     * escalates to the department head, then the person above, in rounds (`overdue`).
     */
    move?: {
      on: string;
      destination: string;
      done?: { by: string; at: string };
      /** The current round of reminders about a slipped move: when it began and whom it has reached. */
      overdue?: { round: number; startedAt: string; told: string[]; lastToldAt?: string };
    };
    /** HR / resource planning people sent the move card (each once, in their working time). */
    hrTold?: string[];
  };
  closed?: { by: string; at: string };
  timeline: TimelineEntry[];
  /**
   * People Haven knows its alert reached (the connector accepted it), or who acted on the request.
   * What the person who asked is told about who has their request rests on this, never on an alert
   * merely queued: see noteAlertReached in rules.ts.
   */
  reached?: string[];
  /**
   * The confirmation the person saw when they raised it (an outbox id: Notifier.recordShown), and who
   * it says has their request now (undefined: "Haven is telling … now"). Updated in place as that changes.
   */
  confirmation?: { outboxId: string; says?: string };
  /** Cards already sent about this declaration, so each can be updated in place as it moves. */
  messages?: { outboxId: string; viewer: string; card?: 'move' }[];
  /** Breaks and requests to leave: the time off viewing, and the way back (off-viewing.ts). */
  offViewing?: OffViewing;
  /** Effects stored with the state that caused them and flushed to the outbox afterwards (crash-safe). */
  pendingEffects?: PendingEffect<Effect>[];
  /**
   * Issue 16 (rotas): raised while whoever acted for the person (`personId`) was outside their working
   * time, with someone on the unit's duty rota: the duty sergeant, then the duty inspector, came first
   * (kernel/first-route.ts withDutyCover). `personId` is alerted too at `tellAt`, their next working
   * moment (`toldAt` once done), unless already alerted meanwhile.
   */
  outOfHours?: { personId: string; tellAt?: string; toldAt?: string };
}

export type Action =
  | { type: 'acknowledge' }
  | { type: 'recordRiskAssessment'; adjustments: Adjustment[]; notes?: string }
  | { type: 'reassign'; toPersonId: string }
  | { type: 'escalateNow' }
  | { type: 'confirmAccessRemoved' }
  | { type: 'bookRedeployment'; on: string }
  | { type: 'recordRedeployment'; outcome?: string; moveOn?: string; destination?: string }
  | { type: 'recordMoveDone' }
  | { type: 'withdraw' }
  | { type: 'tick' }
  | { type: 'accessRemovedAutomatically' }
  | { type: 'unreachable'; personId: string; reason: string }
  // A break that ends (off-viewing.ts).
  | { type: 'setReview'; on: string }
  | { type: 'readyToReturn' }
  | { type: 'confirmReturn'; automatic: boolean }
  | { type: 'confirmAccessRestored' }
  | { type: 'accessRestoredAutomatically' }
  | { type: 'accessRestoreFailed' };

export type Actor = { kind: 'person'; personId: string } | { kind: 'system' };

/** Alerts and notices a transition asks for; the workflow turns them into outbox messages. */
export type Effect =
  | { kind: 'alertResponder'; personId: string; reason: 'raised' | 'escalated' | 'reAlert' | 'reassigned' | 'startOfWork' }
  | { kind: 'redeploymentTask'; personId: string; reason: 'raised' | 'overdue' | 'moveOverdue' }
  /** HR / resource planning: the move card (who, from which unit, to where, when; never why). */
  | { kind: 'moveCard'; personId: string }
  | { kind: 'tellOwner'; event: TimelineEntry['event'] }
  | { kind: 'followUp'; personId: string; which: '72h' | '1month' }
  /** The person's confirmation now says `personId` has their request (their alert got through). */
  | { kind: 'updateConfirmation'; personId: string }
  | { kind: 'refreshCards' }
  /** A plain notice to the line supervisor when the person chose someone else: only what LineNotice says. */
  | { kind: 'tellLineSupervisor'; personId: string; told: LineNotice }
  // A break that ends: viewing restored once the return is agreed; lines in a tray; the break card to someone.
  | { kind: 'restoreViewing' }
  | { kind: 'breakTray'; personId: string; item: BreakTrayItem }
  | { kind: 'resolveBreakTray'; items: BreakTrayItem[] }
  | { kind: 'breakCard'; personId: string; reason: 'returnAgreed' | 'reviewChanged' | 'reviewDue' };

/** What a line in someone's tray about a break asks of them. */
export type BreakTrayItem = 'review' | 'ready' | 'unreviewed' | 'restoreAccess';

export type Rejection =
  { code: 'notEntitled'; message: string } | { code: 'notAllowedNow'; message: string } | { code: 'invalid'; message: string };

export type Outcome = { ok: true; declaration: Declaration; effects: Effect[]; changed: boolean } | { ok: false; rejection: Rejection };

export interface Context {
  now: Date;
  policy: EscalationPolicy;
  /** The current chain for this declaration (routedChainFor with its stored route), recomputed by the caller each time. */
  chain: RoutedEntry[];
  /**
   * The person's responsibility chain without their choice of whom to tell first (kernel/responsibility.ts):
   * whoever acts for them reviews a break and agrees a return. Absent: the same as `chain`.
   */
  responsibleChain?: readonly ChainEntry[];
  /** The person's line supervisor now (or their cover), if any: told only a LineNotice when the person chose someone else. */
  lineSupervisorId?: string;
  /** Department head of the unit (always entitled to act), if any. */
  departmentHeadId?: string;
  /** People who may be reassigned to (supervisors and department heads of the unit). */
  reassignable: string[];
  /** HR / resource planning for the unit (they see a move's card and may record it done, nothing else). */
  hrIds?: string[];
  /** Is the person inside their working time now (scheduled prompts wait for it)? Absent: always. */
  isWorking?: (personId: string) => boolean;
  /** The person has a request to leave still open (any of their requests): no return to viewing is offered. */
  leaveOpen?: boolean;
  /** Issue 16 (rotas), at a raise only: the duty rota stood in for `personId`, off duty; alert them at `tellAt`. */
  outOfHours?: { personId: string; tellAt?: Date };
}
