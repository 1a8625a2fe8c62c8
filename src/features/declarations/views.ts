// What each viewer sees of a declaration. Entitlement is decided here from the domain rules, so a
// card can never show more than the viewer may see.
import {
  ADJUSTMENTS,
  DECLARATION_KINDS,
  REDEPLOYMENT_OUTCOMES,
  allowedActions,
  holderReached,
  moveOutstanding,
  needsDiscussion,
  type Context,
  type Declaration,
  type TimelineEntry,
} from './rules.ts';
import { entitledViewers, mayActOnRequest, maySeeMove, maySeeNote } from './policy.ts';
import type { Roster } from '../../kernel/types.ts';
import { formatDay, formatTime, nameIn } from '../../kernel/format.ts';
import type {
  AlertCardData,
  ChannelAlertCardData,
  DeclarationConfirmationCardData,
  DeclarationListCardData,
  DeclarationStatusCardData,
  MoveCardData,
} from './cards.ts';
import type { SupportEntry } from '../../kernel/ports.ts';
import { isUnrostered } from '../../kernel/identify-person.ts';
import { shownText } from '../../kernel/text.ts';
import { localMoment } from '../../kernel/working-time.ts';

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
      if (d.kind !== 'leave') return 'Risk assessment recorded';
      if (moveOutstanding(d)) return `Risk assessment recorded; move agreed for ${formatDay(d.redeployment!.move!.on)}`;
      return 'Risk assessment recorded; redeployment discussion to follow';
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
      return `Redeployment discussion held with ${name(e.personId)}${outcomeWords(e.detail)}`;
    case 'redeploymentOverdue':
      return 'Redeployment discussion overdue; escalated';
    case 'moveOverdue':
      return 'Move date passed without the move recorded; escalated';
    case 'moveDone':
      return `Move recorded as done by ${name(e.personId)}`;
    case 'withdrawn':
      return 'Withdrawn by you';
    case 'closed':
      return 'Closed';
  }
}

/** ": move agreed for 4 Jan 2027" from a 'redeploymentHeld' entry's detail (outcome and date; never free text). */
function outcomeWords(detail: string | undefined): string {
  if (!detail) return '';
  const [outcome, on] = detail.split(' ');
  const day = on ? formatDay(on) : '';
  switch (outcome) {
    case 'moveAgreed':
      return `: move agreed for ${day}`;
    case 'stayingWithAdjustments':
      return ': staying, with adjustments';
    case 'notPossibleYet':
      return `: a move is not possible yet; to be discussed again by ${day}`;
    default:
      return '';
  }
}

/** What the person who asked to leave is told about their move, once one is agreed (status and confirmation). */
export function moveLineFor(d: Declaration): string {
  const move = d.redeployment?.move;
  if (d.kind !== 'leave' || !move) return '';
  if (move.done) return `Your move was recorded as done on ${formatTime(move.done.at)}.`;
  return `Your move is agreed for ${formatDay(move.on)}. You stay off viewing until then.`;
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
  if (isUnrostered(d.personId))
    lines.push({ text: "You are not on Haven's roster, so your request goes to the department head (or the force's named responder)." });
  lines.push({ text: whoHasIt(d, nameIn(roster)) });
  const moveLine = moveLineFor(d);
  if (moveLine) lines.push({ text: moveLine });
  else if (d.kind === 'leave')
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
    moveLine: moveLineFor(d),
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
  typed: { adjustments?: string; notes?: string; outcome?: string; moveOn?: string; destination?: string } = {},
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
  if (d.kind !== 'talk') facts.push({ label: 'Viewing', value: 'Off viewing since the request was raised' });
  if (d.redeployment && needsDiscussion(d))
    facts.push({
      label: 'Redeployment discussion due',
      value: formatTime(d.redeployment.dueAt) + (d.redeployment.booked ? ` (booked for ${d.redeployment.booked.on})` : ''),
    });
  const move = d.redeployment?.move;
  if (move) {
    facts.push({ label: 'Moving to', value: shownText(move.destination, true).text });
    facts.push({ label: move.done ? 'Moved' : 'Move date', value: move.done ? formatTime(move.done.at) : formatDay(move.on) });
  }
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
    canRecordMoveDone: actions.includes('recordMoveDone'),
    outcomeChoices: REDEPLOYMENT_OUTCOMES.map((o) => ({ title: o.title, value: o.value })),
    typedOutcome: typed.outcome ?? (d.redeployment?.held?.outcome === 'moveAgreed' ? 'moveAgreed' : ''),
    typedMoveOn: typed.moveOn ?? move?.on ?? '',
    typedDestination: typed.destination ?? move?.destination ?? '',
    outcomeTypedBack: typed.outcome !== undefined || typed.moveOn !== undefined || typed.destination !== undefined,
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
 * The move card, for HR / resource planning and the department head: who moves, from which unit, to
 * where and when, and whether it has happened. Never why: no kind of request, no note, no status or
 * history of the request, nothing about wellbeing. Who may see it is policy.ts (maySeeMove).
 */
export function moveView(d: Declaration, viewerId: string, roster: Roster, ctx: Context, notice = ''): MoveCardData {
  const name = nameIn(roster);
  const unit = roster.units.find((u) => u.id === d.unitId);
  const move = maySeeMove(d, viewerId, ctx) ? d.redeployment?.move : undefined;
  if (!move)
    return {
      declarationId: d.id,
      title: 'This move is no longer planned',
      facts: [{ label: 'Who', value: name(d.personId) }],
      notice: notice || 'The department head changed the plan. There is nothing for you to do.',
      canRecordDone: false,
    };
  const today = localMoment(ctx.now).date;
  const facts = [
    { label: 'Who', value: name(d.personId) },
    { label: 'From', value: unit?.name ?? 'their unit' },
    { label: 'To', value: shownText(move.destination, true).text },
    { label: 'Move date', value: formatDay(move.on) },
    {
      label: 'Status',
      value: move.done
        ? `Done (recorded by ${name(move.done.by)}, ${formatTime(move.done.at)})`
        : move.on < today
          ? 'The date has passed: not yet recorded as done'
          : 'Planned',
    },
  ];
  return {
    declarationId: d.id,
    title: move.done ? `${name(d.personId)} has moved` : `${name(d.personId)} moves on ${formatDay(move.on)}`,
    facts,
    notice,
    canRecordDone: allowedActions(d, viewerId, ctx).includes('recordMoveDone'),
  };
}
