// What each viewer sees of a declaration. Entitlement is decided here from the domain rules, so a
// card can never show more than the viewer may see.
import {
  ADJUSTMENTS,
  DECLARATION_KINDS,
  allowedActions,
  holderReached,
  type Context,
  type Declaration,
  type TimelineEntry,
} from './rules.ts';
import { entitledViewers, mayActOnRequest, maySeeNote } from './policy.ts';
import type { Roster } from '../../kernel/types.ts';
import { formatTime, formatWeekday, nameIn } from '../../kernel/format.ts';
import type {
  AlertCardData,
  ChannelAlertCardData,
  DeclarationConfirmationCardData,
  DeclarationListCardData,
  DeclarationStatusCardData,
  StepAwayCardData,
  ViewingBreakCardData,
} from './cards.ts';
import type { StepAwayResult } from './step-away.ts';
import type { SupportEntry } from '../../kernel/ports.ts';
import { isUnrostered } from '../../kernel/identify-person.ts';
import { REVIEW_MAX_DAYS, allowedBreakActions, isOpenLeave, periodOf } from './off-viewing.ts';
import { addDays, localMoment } from '../../kernel/working-time.ts';
import { shownText } from '../../kernel/text.ts';

export function kindTitle(kind: Declaration['kind']): string {
  return DECLARATION_KINDS.find((k) => k.value === kind)?.title ?? kind;
}

export function statusText(d: Declaration, name: (id?: string) => string): string {
  switch (d.status) {
    case 'open':
      return d.acknowledged ? `Waiting for ${name(d.onCall?.personId)}` : `Waiting for ${name(d.onCall?.personId)} to acknowledge`;
    case 'acknowledged':
      return `Acknowledged by ${name(d.acknowledged?.by)}`;
    case 'assessed':
      if (d.accessRemoval === 'awaitingConfirmation') return 'Risk assessment recorded; waiting for grading access to be removed';
      return d.kind === 'leave' ? 'Risk assessment recorded; redeployment discussion to follow' : 'Risk assessment recorded';
    case 'closed':
      return 'Looked after';
    case 'withdrawn':
      return 'Withdrawn';
  }
}

function describe(e: TimelineEntry, name: (id?: string) => string): string {
  switch (e.event) {
    case 'raised':
      return 'Request raised';
    case 'alerted':
      return `${name(e.personId)} was alerted`;
    case 'escalated':
      return `Escalated to ${name(e.personId)}`;
    case 'unreachable':
      return `${name(e.personId)} could not be reached; Haven moved on`;
    case 'acknowledged':
      return `Acknowledged by ${name(e.personId)}`;
    case 'reAlerted':
      return `${name(e.personId)} was reminded`;
    case 'reassigned':
      return `Passed to ${name(e.personId)}`;
    case 'riskAssessed':
      return `Welfare risk assessment recorded by ${name(e.personId)}`;
    case 'accessRemovalConfirmed':
      return e.detail === 'automatic' ? 'Grading access removed automatically' : `Grading access removal confirmed by ${name(e.personId)}`;
    case 'redeploymentBooked':
      return `Redeployment discussion booked for ${e.detail ?? ''} by ${name(e.personId)}`;
    case 'redeploymentHeld':
      return `Redeployment discussion held with ${name(e.personId)}`;
    case 'redeploymentOverdue':
      return 'Redeployment discussion overdue; escalated';
    case 'withdrawn':
      return 'Withdrawn by you';
    case 'closed':
      return 'Closed';
    case 'reviewSet':
      return `Review date set for ${e.detail ? formatWeekday(e.detail) : 'a later day'} by ${name(e.personId)}`;
    case 'reviewDue':
      return 'Break review due';
    case 'reviewOverdue':
      return `Break review overdue; ${name(e.personId)} was asked to review it`;
    case 'readyToReturn':
      return `${name(e.personId)} said they feel ready to go back to viewing`;
    case 'returnAgreed':
      return `Return to viewing agreed by ${name(e.personId)}`;
    case 'accessRestored':
      return e.detail === 'automatic'
        ? 'Grading access restored automatically'
        : `Grading access restored, confirmed by ${name(e.personId)}`;
  }
}

export const NO_DETRIMENT =
  'Asking for help, asking for a break or asking to leave the unit will never count against you: not in your career, your appraisal or your next posting. Saying you are not okay is part of doing this job well.';

/**
 * Who has the request now, for the person who asked: only what is true. Before the alert to the
 * person looking after it got through, Haven "is telling" them; it never names anyone who could not
 * be reached (they are simply no longer the one named).
 */
export function whoHasIt(d: Declaration, name: (id?: string) => string): string {
  const holder = d.onCall?.personId;
  if (!holder)
    return 'Haven could not work out who to tell about your request. Please speak to a supervisor or the department head directly; the support below is there for you now.';
  const head = d.onCall?.role === 'departmentHead';
  const who = head ? `${name(holder)}, the department head,` : name(holder);
  const moveOn = d.acknowledged?.by === holder ? '' : ' If they do not respond quickly, Haven goes to the next person.';
  if (!holderReached(d)) return `Haven is telling ${head ? `${name(holder)} (the department head)` : who} now, privately.${moveOn}`;
  return `${who} ${head ? 'has been told' : 'has your request'} and will be in touch.${moveOn}`;
}

/** The confirmation the person sees when they raise a request, and as it is updated (who has it now). */
export function confirmationView(d: Declaration, roster: Roster, support: SupportEntry[]): DeclarationConfirmationCardData {
  const lines: { text: string }[] = [{ text: 'Thank you for telling us. Your request is saved.' }];
  if (d.kind !== 'talk') lines.push({ text: 'You are off viewing from now. You do not need to view any more material today.' });
  const reviewOn = periodOf(d)?.reviewOn;
  if (d.kind === 'break' && reviewOn)
    lines.push({
      text: `Your break will be reviewed on ${formatWeekday(reviewOn)}: you and whoever looks after you are asked then whether to extend it or go back. You go back to viewing only when you both agree.`,
    });
  if (isUnrostered(d.personId))
    lines.push({ text: "You are not on Haven's roster, so your request goes to the department head (or the force's named responder)." });
  lines.push({ text: whoHasIt(d, nameIn(roster)) });
  if (d.kind === 'leave')
    lines.push({
      text: 'The department head will arrange a discussion with you about where you go next. Leaving the unit will not be blocked or delayed.',
    });
  lines.push({ text: 'You can see where your request stands at any time with the button below, or by typing "status".' });
  return {
    declarationId: d.id,
    headline:
      d.kind === 'leave'
        ? 'Your request to leave the unit is in'
        : d.kind === 'break'
          ? 'Your break from viewing starts now'
          : 'Someone will be in touch',
    whatHappensNow: lines,
    noDetriment: NO_DETRIMENT,
    support,
  };
}

/**
 * The steps the person who asked sees: never who could not be reached. A "could not be reached"
 * entry is left out, and so is the alert it was about (that person never had the request).
 */
function ownerSteps(d: Declaration): TimelineEntry[] {
  const passedOn: TimelineEntry['event'][] = ['alerted', 'escalated', 'reAlerted', 'reassigned'];
  return d.timeline.filter((e, i) => {
    if (e.event === 'unreachable') return false;
    if (!passedOn.includes(e.event) || !e.personId) return true;
    const next = d.timeline.slice(i + 1).find((later) => later.personId === e.personId);
    return next?.event !== 'unreachable';
  });
}

/** The status line for the person who asked: "Haven is telling …" until the alert got through. */
function ownerStatusText(d: Declaration, name: (id?: string) => string): string {
  if (d.status === 'open' && d.onCall && !holderReached(d)) return `Haven is telling ${name(d.onCall.personId)} now`;
  return statusText(d, name);
}

/**
 * One line on where a request stands and who has it now, for the person who asked (their list of
 * open requests, their welcome card). Never who could not be reached.
 */
export function ownerSummary(d: Declaration, roster: Roster): string {
  const name = nameIn(roster);
  const status = ownerStatusText(d, name);
  const holder = d.onCall?.personId;
  // "Haven is telling …" and "Waiting for …" already name who has it.
  if (!holder || !holderReached(d) || (d.status === 'open' && !d.acknowledged) || d.status === 'closed' || d.status === 'withdrawn')
    return status;
  return `${status}. ${name(holder)} has your request.`;
}

/** Every open request of the person, newest first. */
export function ownerListView(open: readonly Declaration[], roster: Roster): DeclarationListCardData {
  return {
    requests: [...open]
      .sort((a, b) => b.raisedAt.localeCompare(a.raisedAt))
      .map((d) => ({
        declarationId: d.id,
        kindTitle: kindTitle(d.kind),
        raisedAt: formatTime(d.raisedAt),
        statusText: ownerSummary(d, roster),
      })),
  };
}

/** The declarant's own view: every step with its time (never who could not be reached). */
export function ownerView(d: Declaration, roster: Roster, viewingStatus: 'viewing' | 'notViewing' | undefined): DeclarationStatusCardData {
  const name = nameIn(roster);
  return {
    declarationId: d.id,
    kindTitle: kindTitle(d.kind),
    statusText: ownerStatusText(d, name),
    steps: ownerSteps(d).map((e) => ({
      at: formatTime(e.at),
      // "was alerted" would claim the alert got through; what Haven did is pass the request on.
      text: e.event === 'withdrawn' ? 'Withdrawn by you' : e.event === 'alerted' ? `Passed to ${name(e.personId)}` : describe(e, name),
    })),
    viewingLine: viewingStatus === 'notViewing' ? 'You are off viewing. That stays until you and your supervisor agree otherwise.' : '',
    canWithdraw: d.kind === 'talk' && (d.status === 'open' || d.status === 'acknowledged' || d.status === 'assessed'),
  };
}

/** A responder's view: details and buttons, only for people entitled to them. */
export function responderView(
  d: Declaration,
  viewerId: string,
  roster: Roster,
  ctx: Context,
  notice = '',
  typed: { adjustments?: string; notes?: string } = {},
): AlertCardData {
  const name = nameIn(roster);
  const actions = allowedActions(d, viewerId, ctx);
  const unit = roster.units.find((u) => u.id === d.unitId);
  const facts = [
    { label: 'Who', value: name(d.personId) },
    { label: 'Request', value: kindTitle(d.kind) },
    { label: 'Raised', value: formatTime(d.raisedAt) },
    { label: 'Status', value: statusText(d, name) },
    { label: 'Assigned to', value: name(d.onCall?.personId) },
  ];
  if (unit) facts.splice(1, 0, { label: 'Unit', value: unit.name });
  const period = periodOf(d);
  if (period)
    facts.push({
      label: 'Viewing',
      value: period.returned
        ? `Back to viewing since ${formatTime(period.returned.at)}`
        : `Off viewing since ${formatTime(period.since)}${period.reviewOn ? `, review on ${formatWeekday(period.reviewOn)}` : d.kind === 'leave' ? ', until the move' : ''}`,
    });
  if (d.redeployment && !d.redeployment.held)
    facts.push({
      label: 'Redeployment discussion due',
      value: formatTime(d.redeployment.dueAt) + (d.redeployment.booked ? ` (booked for ${d.redeployment.booked.on})` : ''),
    });
  const history = d.timeline
    .filter((e) => e.event !== 'raised')
    .slice(-8)
    .map((e) => ({ text: `${formatTime(e.at)}: ${describe(e, name)}` }));
  const showNote = d.note && maySeeNote(d, viewerId, ctx) ? d.note : '';
  // The responder is never the author: the note is shown as text, never as markdown, and shortened
  // when long, with "Show all" (alert.showNote re-checks maySeeNote and audits the read).
  const note = shownText(showNote, true);
  return {
    declarationId: d.id,
    title:
      d.kind === 'leave'
        ? `${name(d.personId)} wants to leave the unit`
        : d.kind === 'break'
          ? `${name(d.personId)} needs a break from viewing`
          : `${name(d.personId)} would like to talk to someone`,
    facts,
    note: note.text,
    noteMore: note.shortened,
    history,
    notice: notice || (d.note && !showNote ? 'They added a note that was not shared with you.' : ''),
    // While Haven is removing the access itself (Graph), nobody is asked to do it by hand.
    showAccessStep: d.accessRemoval === 'awaitingConfirmation' && d.automaticRemoval !== 'pending' && mayActOnRequest(d, viewerId, ctx),
    accessStepText:
      d.automaticRemoval === 'failed'
        ? 'Automatic removal from the grading-access group failed. Remove their access to the grading systems now, then confirm here.'
        : 'Remove their access to the grading systems now, then confirm here.',
    canAcknowledge: actions.includes('acknowledge'),
    canAssess: actions.includes('recordRiskAssessment'),
    canConfirmAccess: actions.includes('confirmAccessRemoved') && d.automaticRemoval !== 'pending',
    canReassign: actions.includes('reassign'),
    canEscalate: actions.includes('escalateNow'),
    canBook: actions.includes('bookRedeployment'),
    canRecordRedeployment: actions.includes('recordRedeployment'),
    adjustmentChoices: ADJUSTMENTS.map((a) => ({ title: a.title, value: a.value })),
    assessmentAdjustments: typed.adjustments ?? '',
    assessmentNotes: typed.notes ?? '',
    reassignChoices: ctx.reassignable.filter((id) => id !== d.onCall?.personId).map((id) => ({ title: name(id), value: id })),
  };
}

/** The channel's neutral card: no name, no kind, no note. */
export function channelView(d: Declaration, roster: Roster, ctx: Context): ChannelAlertCardData {
  const name = nameIn(roster);
  const unit = roster.units.find((u) => u.id === d.unitId);
  const teamsIds = entitledViewers(d, ctx)
    .map((id) => roster.people.find((p) => p.id === id)?.teamsUserId)
    .filter((x): x is string => !!x);
  const neutralStatus =
    d.status === 'closed'
      ? 'done'
      : d.status === 'withdrawn'
        ? 'no longer needed'
        : d.status === 'open'
          ? d.acknowledged
            ? 'in progress'
            : 'waiting for acknowledgement'
          : 'in progress';
  return {
    declarationId: d.id,
    unitName: unit?.name ?? 'the unit',
    assignee: name(d.onCall?.personId),
    statusText: neutralStatus,
    userIds: teamsIds,
  };
}

/**
 * The break card (issue 14, part 1): since when the person is off viewing, the review date, where the
 * way back stands, and only the steps this viewer may take (off-viewing.ts allowedBreakActions, which
 * asks policy.ts). For the person themself and whoever looks after them; never the note.
 */
export function breakView(d: Declaration, viewerId: string, roster: Roster, ctx: Context, notice = ''): ViewingBreakCardData {
  const name = nameIn(roster);
  const own = viewerId === d.personId;
  const period = periodOf(d);
  const actions = allowedBreakActions(d, viewerId, ctx);
  const today = localMoment(ctx.now).date;
  const facts: { label: string; value: string }[] = [];
  const lines: { text: string }[] = [];
  if (!own) facts.push({ label: 'Who', value: name(d.personId) });
  facts.push({ label: 'Request', value: kindTitle(d.kind) });
  if (period) {
    facts.push({ label: 'Off viewing since', value: formatTime(period.since) });
    if (period.returned)
      facts.push({ label: 'Back to viewing', value: `${formatTime(period.returned.at)}, agreed with ${name(period.returned.by)}` });
    else if (period.reviewOn) facts.push({ label: 'Review on', value: formatWeekday(period.reviewOn) });
    else if (d.kind === 'leave') facts.push({ label: 'Until', value: 'the move' });
  }
  const leaving = ctx.leaveOpen || isOpenLeave(d);
  if (period && !period.returned) {
    if (leaving)
      lines.push({
        text: own
          ? 'Your request to leave is open, so you stay off viewing until your move. Nothing else is needed from you.'
          : 'A request to leave is open: they stay off viewing until the move.',
      });
    else if (period.ready)
      lines.push({
        text: own
          ? `You said you feel ready to go back. ${name(ctx.chain[0]?.personId)} confirms the return with you; until then you stay off viewing.`
          : `${name(d.personId)} said they feel ready to go back to viewing. Talk it through with them, then confirm the return, or set a new review date.`,
      });
    else
      lines.push({
        text: own
          ? 'A return to viewing is agreed by both of you: say when you feel ready, and whoever looks after you confirms. You can also choose a new review date.'
          : `A return to viewing is agreed by both of you: ${name(d.personId)} says when they feel ready, and you confirm.`,
      });
  }
  if (period?.returned && own)
    lines.push({ text: 'You are back to viewing. If you need another break at any time, "I\'m not okay" is always there.' });
  return {
    declarationId: d.id,
    title: own ? 'Your break from viewing' : `${name(d.personId)}: off viewing`,
    facts,
    lines,
    notice,
    canReady: actions.includes('readyToReturn'),
    canConfirmReturn: actions.includes('confirmReturn'),
    canSetReview: actions.includes('setReview'),
    canConfirmAccess: actions.includes('confirmAccessRestored'),
    accessStepText:
      period?.automaticRestore === 'failed'
        ? 'Adding them back to the grading-access group automatically did not work. Restore their access to the grading systems now, then confirm here.'
        : 'Restore their access to the grading systems now, then confirm here.',
    reviewLabel: own ? 'Keep my break until (new review date)' : 'New review date',
    reviewOn: period?.reviewOn && period.reviewOn > today ? period.reviewOn : '',
    reviewMin: addDays(today, 1),
    reviewMax: addDays(today, REVIEW_MAX_DAYS),
  };
}

/** The private screen break card: what Haven noted, for the person only (step-away.ts). Says plainly that nobody is told. */
export function stepAwayView(result: StepAwayResult): StepAwayCardData {
  switch (result.kind) {
    case 'notOnRoster':
      return {
        title: "You are not on Haven's roster yet",
        lines: [{ text: 'Take the time you need anyway. Ask your supervisor or administrator to add you.' }],
        canBack: false,
        canStart: false,
      };
    case 'started':
    case 'alreadyAway':
      return {
        title: 'Stepping away for a bit',
        lines: [
          {
            text: `Take the time you need. Haven noted a screen break from ${formatTime(result.away.startedAt)}; it ends by itself at ${formatTime(result.away.endsAt)} if you do not press "I'm back" first.`,
          },
          { text: 'This is not a break from viewing and it does not change your status.' },
        ],
        canBack: true,
        canStart: false,
      };
    case 'back':
      return {
        title: 'Welcome back',
        lines: [{ text: `Your screen break from ${formatTime(result.away.startedAt)} is over.` }],
        canBack: false,
        canStart: true,
      };
    case 'notAway':
      return {
        title: 'No screen break going on',
        lines: [{ text: 'You are not stepped away just now. You can step away whenever you need to.' }],
        canBack: false,
        canStart: true,
      };
  }
}
