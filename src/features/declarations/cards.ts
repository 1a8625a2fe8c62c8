import { bindTemplate, type Card } from '../../kernel/cards.ts';
import { REDEPLOYMENT_OUTCOMES } from './model.ts';

export interface DeclarationConfirmationCardData {
  declarationId: string;
  headline: string;
  whatHappensNow: { text: string }[];
  noDetriment: string;
  support: { name: string; detail: string }[];
}

export function declarationConfirmationCard(data: DeclarationConfirmationCardData): Card {
  return bindTemplate('declaration-confirmation', data);
}

export interface DeclarationStatusCardData {
  declarationId: string;
  kindTitle: string;
  statusText: string;
  steps: { at: string; text: string }[];
  viewingLine: string;
  /** Once a move is agreed: its date, and that they stay off viewing until then. */
  moveLine?: string;
  canWithdraw: boolean;
  /** A refusal or a second click, in plain words; empty when there is nothing to say. */
  notice?: string;
}

export function declarationStatusCard(data: DeclarationStatusCardData): Card {
  return bindTemplate('declaration-status', { notice: '', moveLine: '', ...data });
}

export interface DeclarationListCardData {
  /** Every open request of the person, newest first, each with who has it now. */
  requests: { declarationId: string; kindTitle: string; raisedAt: string; statusText: string }[];
}

/** "status" when the person has more than one open request. */
export function declarationListCard(data: DeclarationListCardData): Card {
  return bindTemplate('declaration-list', data);
}

export interface AlertCardData {
  declarationId: string;
  title: string;
  facts: { label: string; value: string }[];
  /** Empty unless the declarant chose to share their note with this viewer. */
  note: string;
  /** The note was shortened: offer "Show all". */
  noteMore: boolean;
  history: { text: string }[];
  /** e.g. "Already acknowledged by Sam Okafor at 10:02." */
  notice: string;
  showAccessStep: boolean;
  accessStepText: string;
  canAcknowledge: boolean;
  canAssess: boolean;
  canConfirmAccess: boolean;
  canReassign: boolean;
  canEscalate: boolean;
  canBook: boolean;
  canRecordRedeployment: boolean;
  canRecordMoveDone?: boolean;
  outcomeChoices?: { title: string; value: string }[];
  /** The discussion's outcome as typed (or as recorded, when the move is being rescheduled). */
  typedOutcome?: string;
  typedMoveOn?: string;
  typedDestination?: string;
  /** The outcome came back refused, with what was typed: it leads, in front of the person who typed it. */
  outcomeTypedBack?: boolean;
  adjustmentChoices: { title: string; value: string }[];
  /** The risk assessment as typed, when the card comes back refused (nothing typed is ever lost). */
  assessmentAdjustments: string;
  assessmentNotes: string;
  reassignChoices: { title: string; value: string }[];
}

/** An action the alert card can offer, in the order the one "needed now" is chosen. */
const ALERT_ACTION_ORDER = [
  ['acknowledge', 'canAcknowledge'],
  ['confirmAccess', 'canConfirmAccess'],
  ['assess', 'canAssess'],
  // Once a move is agreed, "Move done" is what is needed next (the outcome stays open to change, behind "More actions").
  ['moveDone', 'canRecordMoveDone'],
  ['book', 'canBook'],
  ['recordRedeployment', 'canRecordRedeployment'],
  ['reassign', 'canReassign'],
  ['escalate', 'canEscalate'],
] as const;

/**
 * Presentation only (which actions are allowed is the view's, from the policy): the card leads with
 * the one action needed now and keeps the others behind "More actions". A risk assessment that came
 * back refused leads, so what was typed is in front of the person who typed it.
 */
const ALERT_DEFAULTS = {
  canRecordMoveDone: false,
  outcomeChoices: REDEPLOYMENT_OUTCOMES.map((o) => ({ title: o.title, value: o.value })),
  typedOutcome: '',
  typedMoveOn: '',
  typedDestination: '',
};

export function alertLayout(given: AlertCardData): { primaryAction: string; hasMore: boolean } {
  const data = { ...ALERT_DEFAULTS, ...given };
  const allowed = ALERT_ACTION_ORDER.filter(([, flag]) => data[flag]).map(([name]) => name as string);
  const typedAssessment = data.canAssess && (data.assessmentNotes !== '' || data.assessmentAdjustments !== '');
  const typedOutcome = data.canRecordRedeployment && !!data.outcomeTypedBack;
  const primaryAction = typedAssessment ? 'assess' : typedOutcome ? 'recordRedeployment' : (allowed[0] ?? '');
  return { primaryAction, hasMore: allowed.some((a) => a !== primaryAction) };
}

export function alertCard(data: AlertCardData, refresh?: { declarationId: string; userIds: string[] }): Card {
  const card = bindTemplate('alert', { ...ALERT_DEFAULTS, ...data, ...alertLayout(data) });
  // In a channel the personal view keeps its refresh so it stays current for this viewer; it is only
  // ever returned in an invoke response, never PUT to the conversation.
  if (refresh) card.refresh = channelRefresh(refresh.declarationId, refresh.userIds);
  return card;
}

export interface MoveCardData {
  declarationId: string;
  title: string;
  /** Who, from which unit, to where, when, and whether it happened: never why. */
  facts: { label: string; value: string }[];
  notice: string;
  canRecordDone: boolean;
}

/** HR / resource planning's card for an agreed move (and the department head's, on request). */
export function moveCard(data: MoveCardData): Card {
  return bindTemplate('move', data);
}

export interface ChannelAlertCardData {
  declarationId: string;
  unitName: string;
  assignee: string;
  statusText: string;
  /** Teams user ids entitled to the details (at most 60: Teams' limit for refresh.userIds). */
  userIds: string[];
}

export function channelRefresh(declarationId: string, userIds: string[]): Record<string, unknown> {
  return {
    action: { type: 'Action.Execute', title: 'Show details', verb: 'alert.view', data: { verb: 'alert.view', declarationId } },
    userIds: userIds.slice(0, 60),
  };
}

export function channelAlertCard(data: ChannelAlertCardData): Card {
  return bindTemplate('channel-alert', { ...data, userIds: data.userIds.slice(0, 60) });
}

/** A break from viewing (issue 14, part 1): where it stands, and the steps of the way back this viewer may take. */
export interface ViewingBreakCardData {
  declarationId: string;
  title: string;
  facts: { label: string; value: string }[];
  lines: { text: string }[];
  notice: string;
  canReady: boolean;
  canConfirmReturn: boolean;
  canSetReview: boolean;
  canConfirmAccess: boolean;
  accessStepText: string;
  reviewLabel: string;
  /** The current review date (YYYY-MM-DD), or '' for none; the date input starts there. */
  reviewOn: string;
  reviewMin: string;
  reviewMax: string;
}

export function viewingBreakCard(data: ViewingBreakCardData): Card {
  return bindTemplate('viewing-break', data);
}

/** "I'm stepping away for a bit": a private screen break nobody is told about. */
export interface StepAwayCardData {
  title: string;
  lines: { text: string }[];
  canBack: boolean;
  canStart: boolean;
}

export function stepAwayCard(data: StepAwayCardData): Card {
  return bindTemplate('step-away', data);
}
