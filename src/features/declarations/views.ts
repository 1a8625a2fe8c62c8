// What each viewer sees of a declaration. Entitlement is decided here from the domain rules, so a
// card can never show more than the viewer may see.
import { ADJUSTMENTS, DECLARATION_KINDS, allowedActions, type Context, type Declaration, type TimelineEntry } from './rules.ts';
import { entitledViewers, mayActOnRequest, maySeeNote } from './policy.ts';
import type { Roster } from '../../kernel/types.ts';
import { formatTime, nameIn } from '../../kernel/format.ts';
import type { AlertCardData, ChannelAlertCardData, DeclarationStatusCardData } from './cards.ts';
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
  }
}

/** The declarant's own view: every step with its time. */
export function ownerView(d: Declaration, roster: Roster, viewingStatus: 'viewing' | 'notViewing' | undefined): DeclarationStatusCardData {
  const name = nameIn(roster);
  return {
    declarationId: d.id,
    kindTitle: kindTitle(d.kind),
    statusText: statusText(d, name),
    steps: d.timeline.map((e) => ({ at: formatTime(e.at), text: e.event === 'withdrawn' ? 'Withdrawn by you' : describe(e, name) })),
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
  if (d.kind !== 'talk') facts.push({ label: 'Viewing', value: 'Off viewing since the request was raised' });
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
