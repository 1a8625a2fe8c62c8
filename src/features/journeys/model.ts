// The journey's data: the record, its vocabulary and limits, and what the state machine (rules.ts)
// and the access rules (policy.ts) both read. Types and constants only.
import type { PendingEffect } from '../../kernel/pending-effects.ts';
import type { ChainEntry } from '../../kernel/escalation.ts';
import type { TaskNotice } from '../../kernel/task-escalation.ts';

/** In the order a journey normally walks them. `withdrawn` and `cancelled` are terminal. */
export const JOURNEY_STATES = [
  'nominated',
  'agreedInPrinciple',
  'exposureScheduled',
  'exposureDone',
  'questionnaireSent',
  'questionnaireAnswered',
  'trainerReview',
  'headReview',
  'attachment',
  'readyToStart',
  'withdrawn',
  'cancelled',
] as const;
export type JourneyState = (typeof JOURNEY_STATES)[number];

export const JOURNEY_STATE_TITLES: Record<JourneyState, string> = {
  nominated: 'Nominated',
  agreedInPrinciple: 'Agreed in principle',
  exposureScheduled: 'Controlled exposure booked',
  exposureDone: 'Controlled exposure done',
  questionnaireSent: 'Questionnaire sent',
  questionnaireAnswered: 'Questionnaire answered',
  trainerReview: 'Trainer review',
  headReview: 'Department head review',
  attachment: 'Attachment',
  readyToStart: 'Ready to start',
  withdrawn: 'Withdrawn',
  cancelled: 'Cancelled',
};

export type ExposureOutcome = 'done' | 'didNotAttend' | 'stoppedEarly';
export type Willingness = 'yes' | 'notYet' | 'no';

/** The questionnaire: qualitative, no scores. Every free-text field is encrypted at rest. */
export interface QuestionnaireAnswers {
  /** How they feel after the exposure. */
  feelings: string;
  reservations: string;
  /** How relevant the exposure felt to the role. */
  relevance: string;
  /** Support they would want. */
  support: string;
  /** Willingness to progress to the image-grading training course. */
  willingness: Willingness;
}

export interface JourneyEvent {
  at: string;
  /** What happened, in domain words (e.g. `exposureScheduled`, `withdrawn`). Never free text. */
  event: string;
  /** Person id of who did it, or 'system'. */
  by: string;
  /** The state the journey was in before (withdrawals are reported "at which step"). */
  from?: JourneyState;
}

export interface Journey {
  id: string;
  candidateId: string;
  unitId: string;
  trainerId: string;
  /** Department head or HR person who opened it. */
  openedBy: string;
  openedAt: string;
  /** ISO date (YYYY-MM-DD) the candidate is planned to start in the unit. */
  plannedStartDate: string;
  state: JourneyState;
  agreedAt?: string;
  exposure?: {
    /** ISO instant of the appointment. */
    at: string;
    place: string;
    scheduledBy: string;
    scheduledAt: string;
    outcome?: ExposureOutcome;
    recordedAt?: string;
    recordedBy?: string;
  };
  /**
   * The short decompression after the controlled exposure (issue #14 part 4): a debrief held with the
   * trainer, recorded by the trainer. Only that it was held and on which day: no content is stored.
   * The questionnaire goes `debriefGapHours` after it was recorded, at the candidate's next working moment.
   */
  debrief?: { heldOn: string; recordedBy: string; recordedAt: string };
  questionnaire?: {
    sentAt: string;
    /** Encrypted. Saved drafts survive restarts; cleared on submit. */
    draft?: Partial<QuestionnaireAnswers>;
    draftSavedAt?: string;
    /** Encrypted. Only the candidate, the trainer and (after escalation) the department head may read them. */
    answers?: QuestionnaireAnswers;
    submittedAt?: string;
    remindersSent?: string[];
    trainerToldUnansweredAt?: string;
  };
  trainerReview?: { by: string; at: string; outcome: 'noConcerns' | 'concerns'; /** Encrypted. */ note?: string };
  headReview?: {
    requestedAt: string;
    dueBy: string;
    by?: string;
    at?: string;
    outcome?: 'proceed' | 'doNotProceed';
    /** Encrypted. */ note?: string;
    /** Who was told once the review was overdue (task-escalation), one notice per level. */
    notices?: TaskNotice[];
    /** Set when the journey ended before the review was recorded (no more escalation). */
    closedAt?: string;
  };
  attachment?: { offeredBy: string; offeredAt: string; from: string; to: string; response?: 'accepted' | 'declined'; respondedAt?: string };
  readyAt?: string;
  withdrawal?: { at: string; fromState: JourneyState; /** Encrypted; only if the candidate chose to give one. */ rationale?: string };
  /** By the department head; the reason is visible to them only. */
  cancellation?: { at: string; by: string; fromState: JourneyState; /** Encrypted. */ reason: string };
  timeline: JourneyEvent[];
  /** Messages a transition asked for, stored with it and flushed to the outbox afterwards (crash-safe). */
  pendingEffects?: PendingEffect<JourneyEffect>[];
}

export const WILLINGNESS: { value: Willingness; title: string }[] = [
  { value: 'yes', title: 'Yes, I would like to go on to the training course' },
  { value: 'notYet', title: 'Not yet' },
  { value: 'no', title: 'No' },
];

export const EXPOSURE_OUTCOMES: { value: ExposureOutcome; title: string }[] = [
  { value: 'done', title: 'Done' },
  { value: 'didNotAttend', title: 'Did not attend' },
  { value: 'stoppedEarly', title: 'Stopped early' },
];

/** The questionnaire's free-text questions, in the order the card asks them. */
export const QUESTIONS: { key: Exclude<keyof QuestionnaireAnswers, 'willingness'>; label: string }[] = [
  { key: 'feelings', label: 'How do you feel after the controlled exposure?' },
  { key: 'reservations', label: 'Do you have any reservations?' },
  { key: 'relevance', label: 'How relevant did the exposure feel to the role?' },
  { key: 'support', label: 'What support would you want if you join the unit?' },
];
export const WILLINGNESS_QUESTION = 'Would you like to progress to the image-grading training course?';
/** Longest answer accepted per free-text question (Teams cards and table properties stay small). */
export const ANSWER_MAX = 4000;
/**
 * How many characters Teams lets a person type into each of the questionnaire's four answers, and
 * into a review note or cancellation reason on the journey card. A refused form comes back holding
 * everything typed; typed in a 3-byte script (Chinese, say) it must still fit Teams' card limit
 * (about 28 KB), so the input stops below the 4,000-byte budget in Latin letters.
 */
export const ANSWER_INPUT_MAX_LENGTH = 1800;
/** Longest place of a controlled exposure (characters). */
export const PLACE_MAX = 200;

export type JourneyAction =
  | { type: 'agree' }
  | { type: 'scheduleExposure'; at: string; place: string }
  | { type: 'recordExposure'; outcome: ExposureOutcome }
  | { type: 'sendQuestionnaire' }
  | { type: 'saveDraft'; answers: Partial<QuestionnaireAnswers> }
  | { type: 'submitQuestionnaire'; answers: Partial<QuestionnaireAnswers> }
  | { type: 'review'; outcome: 'noConcerns' | 'concerns'; note?: string }
  | { type: 'headReview'; outcome: 'proceed' | 'doNotProceed'; note?: string }
  | { type: 'offerAttachment'; from: string; to: string }
  | { type: 'respondAttachment'; response: 'accepted' | 'declined' }
  | { type: 'markReady' }
  | { type: 'withdraw'; rationale?: string }
  | { type: 'cancel'; reason: string }
  | { type: 'tick' }
  // Issue #14 part 4: the trainer records the debrief after the controlled exposure (the day it was held).
  | { type: 'recordDebrief'; heldOn: string };

export type JourneyActionType = JourneyAction['type'];
export const JOURNEY_ACTION_TYPES: JourneyActionType[] = [
  'agree',
  'scheduleExposure',
  'recordExposure',
  'sendQuestionnaire',
  'saveDraft',
  'submitQuestionnaire',
  'review',
  'headReview',
  'offerAttachment',
  'respondAttachment',
  'markReady',
  'withdraw',
  'cancel',
  'tick',
  // Issue #14 part 4: the debrief after the controlled exposure.
  'recordDebrief',
];

export type JourneyActor = { kind: 'person'; personId: string } | { kind: 'system' };

/** What a transition asks the workflow to send. `event` names the timeline event that caused it. */
export type JourneyEffect =
  | { kind: 'tellCandidate'; event: string }
  | { kind: 'tellTrainer'; event: string }
  | { kind: 'tellHead'; event: string; personId: string }
  | { kind: 'tellHr'; event: 'moveCancelled'; personId: string }
  | { kind: 'questionnaire'; reason: 'sent' | 'reminder' }
  | { kind: 'reviewTask' }
  | { kind: 'headReviewTask'; personId: string; reason: 'requested' | 'overdue' }
  | { kind: 'seedOngoingCare'; startDate: string };

export type JourneyRejection =
  | { code: 'notEntitled'; message: string }
  | { code: 'notAllowedNow'; message: string }
  | { code: 'invalid'; message: string; problems?: string[] };

export type JourneyOutcome =
  { ok: true; journey: Journey; effects: JourneyEffect[]; changed: boolean } | { ok: false; rejection: JourneyRejection };

export interface JourneyPolicy {
  /** Days after the questionnaire was sent before the candidate gets a reminder (and again each period). */
  reminderAfterDays: number;
  /** Days after the questionnaire was sent before the trainer is told it is still unanswered. */
  trainerToldAfterDays: number;
  /** Days the department head has for the secondary review. */
  headReviewDays: number;
  /** Once overdue: how long each level of the chain has before the next is told. */
  headReviewLevelDelayMinutes: number;
  /**
   * Hours after the debrief is recorded before the questionnaire goes (HAVEN_DEBRIEF_GAP_HOURS, default
   * 24); it then goes at the candidate's next working moment, so by default on their next working day.
   */
  debriefGapHours: number;
}

export const DEFAULT_JOURNEY_POLICY: JourneyPolicy = {
  reminderAfterDays: 3,
  trainerToldAfterDays: 7,
  headReviewDays: 5,
  headReviewLevelDelayMinutes: 24 * 60,
  debriefGapHours: 24,
};

export interface JourneyContext {
  now: Date;
  policy: JourneyPolicy;
  /** Department head of the journey's unit (the person above stands in when the head is the candidate). */
  departmentHeadId?: string;
  /** HR / resource planning people for the unit. */
  hrIds: string[];
  /** The chain an overdue secondary review walks: department head → above → fallback. */
  headReviewChain: ChainEntry[];
  /**
   * Whether the candidate is at work now (their working pattern, not on leave): the questionnaire after
   * the debrief waits for it. Undefined (not on the roster) counts as at work.
   */
  candidateAtWork?: boolean;
}
