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
  lineNoticeFor,
  type Context,
  type Declaration,
  type LineNotice,
  type TimelineEntry,
} from './rules.ts';
import { contactTitle, isContactKind } from '../../kernel/contacts.ts';
import type { RouteOption, RoutedEntry } from '../../kernel/first-route.ts';
import { entitledViewers, mayActOnRequest, maySeeMove, maySeeNote } from './policy.ts';
import type { Roster } from '../../kernel/types.ts';
import { formatDay, formatTime, formatWeekday, nameIn } from '../../kernel/format.ts';
import type {
  AlertCardData,
  ChannelAlertCardData,
  DeclarationConfirmationCardData,
  DeclarationListCardData,
  DeclarationStatusCardData,
  MoveCardData,
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
    case 'lineSupervisorTold':
      return `${name(e.personId)} (their supervisor) was told only ${lineNoticeWords(e.detail, 'they')}`;
    case 'reviewSet':
      return `Review date set for ${e.detail ? formatWeekday(e.detail) : 'a later day'}${e.personId ? ` by ${name(e.personId)}` : ''}`;
    case 'reviewDue':
      return 'Review due: back to viewing, or more time off';
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

/** What a line supervisor was told (LineNotice), in words: "that you are off viewing". */
export function lineNoticeWords(told: LineNotice | string | undefined, who: 'you' | 'they'): string {
  const are = who === 'you' ? 'you are' : 'they are';
  switch (told) {
    case 'askedForSupport':
      return `that ${who} asked for support`;
    case 'askedForSupportOffViewing':
      return `that ${who} asked for support and ${are} off viewing`;
    default:
      return `that ${are} off viewing`;
  }
}

/** "Wes Lyle (the welfare lead)", "Dana Hughes (the department head)", "Sam Okafor (your supervisor)": who a chain entry is, for the person who asked. */
export function entryLabel(e: Pick<RoutedEntry, 'personId' | 'role' | 'contactKind'>, name: (id?: string) => string): string {
  const what =
    e.role === 'contact' && e.contactKind
      ? contactTitle(e.contactKind)
      : e.role === 'supervisor'
        ? 'your supervisor'
        : e.role === 'cover'
          ? 'covering for your supervisor'
          : e.role === 'departmentHead'
            ? 'the department head'
            : e.role === 'above'
              ? 'above the department head'
              : e.role === 'dutySergeant' || e.role === 'dutyInspector'
                ? DUTY_TITLES[e.role]
                : 'the named responder';
  return `${name(e.personId)} (${what})`;
}

export const NO_DETRIMENT =
  'Asking for help, asking for a break or asking to leave the unit will never count against you: not in your career, your appraisal or your next posting. Saying you are not okay is part of doing this job well.';

/**
 * Who has the request now, for the person who asked: only what is true. Before the alert to the
 * person looking after it got through, Haven "is telling" them; it never names anyone who could not
 * be reached (they are simply no longer the one named).
 */
/** Issue 16 (rotas): how the duty supervisors are named to the person and on the form. */
const DUTY_TITLES = { dutySergeant: 'the duty sergeant', dutyInspector: 'the duty inspector' } as const;

export function whoHasIt(d: Declaration, name: (id?: string) => string): string {
  const holder = d.onCall?.personId;
  if (!holder)
    return 'Haven could not work out who to tell about your request. Please speak to a supervisor or the department head directly; the support below is there for you now.';
  const head = d.onCall?.role === 'departmentHead';
  // The contact the person chose to tell first is named as what they are: "Wes Lyle, the welfare lead".
  const contact = d.onCall?.role === 'contact' && d.route && isContactKind(d.route.tellFirst) ? contactTitle(d.route.tellFirst) : undefined;
  const duty = d.onCall?.role === 'dutySergeant' || d.onCall?.role === 'dutyInspector' ? DUTY_TITLES[d.onCall.role] : undefined;
  const title = head ? 'the department head' : (contact ?? duty);
  const who = title ? `${name(holder)}, ${title},` : name(holder);
  const moveOn = d.acknowledged?.by === holder ? '' : ' If they do not respond quickly, Haven goes to the next person.';
  if (!holderReached(d)) return `Haven is telling ${title ? `${name(holder)} (${title})` : who} now, privately.${moveOn}`;
  return `${who} ${head ? 'has been told' : 'has your request'} and will be in touch.${moveOn}`;
}

/**
 * What the person's line supervisor learns when the person chose someone else to tell first, in the
 * person's words. The same for the form's preview (before sending) and the confirmation (after): both
 * come from lineNoticeFor and the routed chain. Empty with the default route.
 */
export function lineSupervisorLine(lineName: string, told: LineNotice | undefined, inChain: boolean, tense: 'will be' | 'was'): string {
  const heard = told
    ? `${tense} told only ${lineNoticeWords(told, 'you')}, not why`
    : `${tense === 'was' ? 'was' : 'is'} not told about it`;
  const later = inChain ? ' If nobody acts in time, your unit asks them to look after it; even then they cannot read your note.' : '';
  return `${lineName} (your supervisor) ${heard}.${later}`;
}

/** The confirmation the person sees when they raise a request, and as it is updated (who has it now). */
export function confirmationView(
  d: Declaration,
  roster: Roster,
  support: SupportEntry[],
  ctx?: Pick<Context, 'chain' | 'lineSupervisorId'>,
): DeclarationConfirmationCardData {
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
  // Issue 16 (rotas): raised out of hours, the duty rota has it now; whoever acts for them hears when they start.
  if (d.outOfHours?.tellAt && !d.outOfHours.toldAt && d.outOfHours.personId !== d.onCall?.personId)
    lines.push({ text: `${nameIn(roster)(d.outOfHours.personId)} is not at work now; Haven tells them too when they start.` });
  if (d.route) {
    // Who the line supervisor was told about it, as recorded when it was raised (never the note).
    const told = d.timeline.find((e) => e.event === 'lineSupervisorTold');
    const line = told?.personId ?? ctx?.lineSupervisorId;
    const isContact = !!line && !!ctx?.chain.some((e) => e.personId === line && e.role === 'contact');
    if (line && !isContact)
      lines.push({
        text: lineSupervisorLine(
          nameIn(roster)(line),
          told?.detail as LineNotice | undefined,
          !!ctx?.chain.some((e) => e.personId === line),
          'was',
        ),
      });
  }
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
      text:
        e.event === 'withdrawn'
          ? 'Withdrawn by you'
          : e.event === 'alerted'
            ? `Passed to ${name(e.personId)}`
            : e.event === 'lineSupervisorTold'
              ? `${name(e.personId)} (your supervisor) was told only ${lineNoticeWords(e.detail, 'you')}`
              : describe(e, name),
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
  const period = periodOf(d);
  if (period)
    facts.push({
      label: 'Viewing',
      value: period.returned
        ? `Back to viewing since ${formatTime(period.returned.at)}`
        : `Off viewing since ${formatTime(period.since)}${period.reviewOn ? `, review on ${formatWeekday(period.reviewOn)}` : d.kind === 'leave' ? ', until the move' : ''}`,
    });
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

/** One choice on the form, with what it does now, in the person's words. */
export interface RouteChoiceView {
  value: string;
  title: string;
  /** "Wes Lyle (the welfare lead) will be told now and can read your note; if they have not acted within 15 minutes, Haven tells …" */
  text: string;
}

/**
 * The form's "who is told first" choices, each saying exactly who will be told what, from the same
 * rule a raise uses (kernel/first-route.ts routeOptions, and lineNoticeFor for the supervisor): not
 * re-derived here. `kind` is the kind already chosen, if any: the supervisor line is then exact.
 */
export function routeChoicesView(options: readonly RouteOption[], roster: Roster, kind?: string): RouteChoiceView[] {
  const name = nameIn(roster);
  return options.map((o) => {
    const [first, ...rest] = o.chain;
    const firstIds = o.chain.filter((e) => e.role === 'contact');
    const told = firstIds.length > 1 ? firstIds : first ? [first] : [];
    const next = rest.find((e) => !told.some((t) => t.personId === e.personId));
    const who = told.map((e) => entryLabel(e, name)).join(', then ');
    const parts: string[] = [];
    if (who) {
      parts.push(`${who} will be told now and can read your note`);
      parts.push(
        next
          ? `if they have not acted within ${told[0]!.delayMinutes} minutes, Haven tells ${entryLabel(next, name)}`
          : 'if they have not acted in time, Haven reminds them',
      );
    } else parts.push('nobody is available for this just now');
    let text = `${parts.join('; ')}.`;
    if (o.value !== 'supervisor' && o.lineSupervisorId && !told.some((e) => e.personId === o.lineSupervisorId)) {
      const route = { tellFirst: o.value as never, alsoTellSupervisor: false };
      const ctx = { chain: o.chain, lineSupervisorId: o.lineSupervisorId };
      const lineName = name(o.lineSupervisorId);
      const forKind = (k: Declaration['kind']) => lineNoticeFor({ route, kind: k, personId: '' }, ctx);
      if (kind === 'talk' || kind === 'break' || kind === 'leave')
        text += ` ${lineSupervisorLine(lineName, forKind(kind), o.lineSupervisorInChain, 'will be')}`;
      else
        text += ` ${lineName} (your supervisor) will be told only ${lineNoticeWords(forKind('break'), 'you')} if you ask for a break or to leave, and nothing if you ask to talk, unless you tick the box below.${o.lineSupervisorInChain ? ' If nobody acts in time, your unit asks them to look after it; they cannot read your note.' : ''}`;
    }
    const title =
      o.value === 'supervisor'
        ? `${first ? entryLabel(first, name) : 'Your supervisor'}: the usual way`
        : told[0]
          ? entryLabel(told[0], name)
          : o.title;
    return { value: o.value, title, text };
  });
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
  // The person chose someone else to tell first: whoever manages their work learns only that they are
  // off viewing, never what they asked for (kernel/first-route.ts, README "Choosing whom to tell first").
  const discreet = !own && !!d.route?.tellFirst;
  if (!own) facts.push({ label: 'Who', value: name(d.personId) });
  if (!discreet) facts.push({ label: 'Request', value: kindTitle(d.kind) });
  if (period) {
    facts.push({ label: 'Off viewing since', value: formatTime(period.since) });
    if (period.returned)
      facts.push({ label: 'Back to viewing', value: `${formatTime(period.returned.at)}, agreed with ${name(period.returned.by)}` });
    else if (period.reviewOn) facts.push({ label: 'Review on', value: formatWeekday(period.reviewOn) });
    else if (d.kind === 'leave' && !discreet) facts.push({ label: 'Until', value: 'the move' });
  }
  const leaving = ctx.leaveOpen || isOpenLeave(d);
  if (period && !period.returned) {
    if (leaving)
      lines.push({
        text: own
          ? 'Your request to leave is open, so you stay off viewing until your move. Nothing else is needed from you.'
          : discreet
            ? 'They stay off viewing for now. There is nothing to agree yet.'
            : 'A request to leave is open: they stay off viewing until the move.',
      });
    else if (period.ready)
      lines.push({
        text: own
          ? `You said you feel ready to go back. ${name((ctx.responsibleChain ?? ctx.chain)[0]?.personId)} confirms the return with you; until then you stay off viewing.`
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
