// The pre-deployment journey of one candidate (SPEC.md "Pre-deployment"). This file holds the record
// and its vocabulary; the state machine (transition / allowedActions) lives here too, so that cards
// and handlers never re-encode a rule. Pure: `now` comes in.

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
  headReview?: { requestedAt: string; dueBy: string; by?: string; at?: string; outcome?: 'proceed' | 'doNotProceed'; /** Encrypted. */ note?: string };
  attachment?: { offeredBy: string; offeredAt: string; from: string; to: string; response?: 'accepted' | 'declined'; respondedAt?: string };
  readyAt?: string;
  withdrawal?: { at: string; fromState: JourneyState; /** Encrypted; only if the candidate chose to give one. */ rationale?: string };
  /** By the department head; the reason is visible to them only. */
  cancellation?: { at: string; by: string; fromState: JourneyState; /** Encrypted. */ reason: string };
  timeline: JourneyEvent[];
}

export function isJourneyClosed(j: Pick<Journey, 'state'>): boolean {
  return j.state === 'withdrawn' || j.state === 'cancelled' || j.state === 'readyToStart';
}

/** Whole days from `now` (UTC day) to the planned start date; negative once it has passed. */
export function daysToStart(plannedStartDate: string, now: Date): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const [y, m, d] = plannedStartDate.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1, d) - today) / 86_400_000);
}
