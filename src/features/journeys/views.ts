// What each viewer sees of a journey. Entitlement comes from policy.ts (roleOn, maySee…),
// so a card can never show more than its viewer may see.
import type { JourneyCardData, JourneyTyped, MoveCancelledCardData, QuestionnaireCardData, WithdrawCardData } from './cards.ts';
import {
  EXPOSURE_OUTCOMES,
  JOURNEY_STATE_TITLES,
  QUESTIONS,
  WILLINGNESS,
  allowedActions,
  daysToStart,
  isCleared,
  questionnaireDueAt,
  type Journey,
  type JourneyContext,
  type JourneyEvent,
  type QuestionnaireAnswers,
} from './rules.ts';
import { maySeeAnswers, maySeeCancellationReason, maySeeRationale, maySeeReviewNotes, roleOn } from './policy.ts';
import type { Roster } from '../../kernel/types.ts';
import type { SupportEntry } from '../../kernel/ports.ts';
import { formatTime, formatWeekday, nameIn } from '../../kernel/format.ts';
import { ukWallTime } from '../../kernel/uk-time.ts';
import { asText, shownText } from '../../kernel/text.ts';
import type { ShownFact } from '../../kernel/cards.ts';

/** "12 days", "1 day", "today", "passed 3 days ago". */
export function daysText(days: number): string {
  if (days > 1) return `${days} days`;
  if (days === 1) return '1 day';
  if (days === 0) return 'today';
  return `passed ${-days} day${days === -1 ? '' : 's'} ago`;
}

export const WHAT_TO_EXPECT = [
  'Your trainer will show you a small selection of images across the grading categories, in a private room, at your own pace. They stay with you throughout.',
  'You may stop at any moment, for any reason. Stopping is recorded without judgement and never counts against you.',
  'Afterwards your trainer holds a short debrief with you, to talk it through and unwind. The next working day Haven sends you a short questionnaire about how you feel. There are no scores and no right answers.',
];

function describe(e: JourneyEvent, name: (id?: string) => string): string {
  const by = e.by === 'system' ? 'Haven' : name(e.by);
  switch (e.event) {
    case 'nominated':
      return `Journey opened by ${by}`;
    case 'agreedInPrinciple':
      return `Move agreed in principle by ${by}`;
    case 'exposureScheduled':
      return `Controlled exposure booked by ${by}`;
    case 'exposureRebooked':
      return `Controlled exposure rebooked by ${by}`;
    case 'exposureDone':
      return 'Controlled exposure done';
    case 'exposureStoppedEarly':
      return 'Controlled exposure stopped early';
    case 'exposureDidNotAttend':
      return 'Controlled exposure did not go ahead; to be rebooked';
    case 'debriefHeld':
      return `Debrief held; recorded by ${by}`;
    case 'questionnaireSent':
      return 'Questionnaire sent';
    case 'questionnaireReminder':
      return 'Questionnaire reminder sent';
    case 'trainerToldUnanswered':
      return 'Trainer told the questionnaire is unanswered';
    case 'questionnaireAnswered':
      return 'Questionnaire answered';
    case 'reviewedNoConcerns':
      return `Reviewed by ${by}: no concerns`;
    case 'reviewedConcerns':
      return `Reviewed by ${by}: passed to the department head`;
    case 'headReviewOverdue':
      return 'Secondary review overdue; escalated';
    case 'headReviewProceed':
      return `Secondary review by ${by}: the move goes ahead`;
    case 'headReviewDoNotProceed':
      return `Secondary review by ${by}: the move does not go ahead`;
    case 'attachmentOffered':
      return `Attachment offered by ${by}`;
    case 'attachmentAccepted':
      return 'Attachment accepted';
    case 'attachmentDeclined':
      return 'Attachment declined';
    case 'readyToStart':
      return `Marked ready to start by ${by}`;
    case 'withdrawn':
      return 'The candidate withdrew';
    case 'cancelled':
      return `Move cancelled by ${by}`;
    default:
      return e.event;
  }
}

/** When the questionnaire follows the debrief, in words: the first working time from the end of the gap. */
function questionnaireWhen(j: Journey, policy: JourneyContext['policy']): string {
  const at = questionnaireDueAt(j, policy);
  return at ? `in your working hours from ${formatTime(at.toISOString())}` : 'after the debrief';
}

function candidateLines(j: Journey, name: (id?: string) => string, unitName: string, ctx: JourneyContext): string[] {
  const trainer = name(j.trainerId);
  switch (j.state) {
    case 'nominated':
      return [
        `You have been put forward to join ${unitName}. Once the move is agreed in principle, your trainer, ${trainer}, will book a controlled exposure with you.`,
      ];
    case 'agreedInPrinciple':
      return j.exposure?.outcome === 'didNotAttend'
        ? [`Your controlled exposure did not go ahead. That is fine: ${trainer} will book a new one with you.`]
        : [`The move has been agreed in principle. ${trainer} will book your controlled exposure.`];
    case 'exposureScheduled':
      return [`Your controlled exposure: ${formatTime(j.exposure!.at)}, ${asText(j.exposure!.place)}, with ${trainer}.`, ...WHAT_TO_EXPECT];
    case 'exposureDone':
      return j.debrief
        ? [
            `Thank you for the debrief with ${trainer}. Your short questionnaire comes ${questionnaireWhen(j, ctx.policy)}; there is nothing to do until then.`,
            'You can still step back at any time. It will never count against you.',
          ]
        : [
            `Thank you for taking part in the controlled exposure. Before anything else, ${trainer} will hold a short debrief with you: time to talk about how it was and to unwind. Nothing you say there is written down.`,
            'Your questionnaire comes after the debrief, on a working day. You can still step back at any time; it will never count against you.',
          ];
    case 'questionnaireSent':
      return [
        'Thank you for taking part in the controlled exposure. Please answer a short questionnaire about how it was for you: open it below. You can save a draft and come back later.',
      ];
    case 'questionnaireAnswered':
      return [`Thank you for your answers. ${trainer} will read them and be in touch.`];
    case 'trainerReview':
    case 'headReview':
      return ['Your answers have been read. The department head will be in touch about the next step.'];
    case 'attachment': {
      const a = j.attachment!;
      const period = `${formatWeekday(a.from)} to ${formatWeekday(a.to)}`;
      return a.response
        ? [`You ${a.response} the attachment (${period}). The department head will be in touch.`]
        : [`You are offered an attachment to the unit from ${period}, to see the work before you start. It is optional.`];
    }
    case 'readyToStart':
      return [
        `You are ready to start in ${unitName} on ${formatWeekday(j.plannedStartDate)}. Welcome. Haven will check in with you regularly once you are there.`,
      ];
    case 'withdrawn':
      return [
        'You have withdrawn. The move is cancelled and your trainer and the department head have been told. Thank you for telling us.',
      ];
    case 'cancelled':
      return ['The move has been cancelled. The department head will talk to you about it.'];
  }
}

/**
 * What HR / resource planning sees of a journey, in one place: journey.show, the journey list and the
 * cancelled-move card all come from here. HR opens journeys, so on a live move HR knows the candidate's
 * name and the planned start; once the move is cancelled or withdrawn, only that it is cancelled, the
 * unit, the planned start and the days left to find a replacement. Never a reason, an answer, a note,
 * the trainer, a step or any wellbeing detail (README "Who can see what").
 */
export type HrView =
  | { cancelled: false; status: string; candidateName: string; unitName: string; plannedStart: string; daysLeft: string }
  | { cancelled: true; status: 'Move cancelled'; unitName: string; plannedStart: string; daysLeft: string };

export function hrView(j: Journey, roster: Roster, now: Date): HrView {
  const where = {
    unitName: roster.units.find((u) => u.id === j.unitId)?.name ?? j.unitId,
    plannedStart: formatWeekday(j.plannedStartDate),
    daysLeft: daysText(daysToStart(j.plannedStartDate, now)),
  };
  if (j.state === 'withdrawn' || j.state === 'cancelled') return { cancelled: true, status: 'Move cancelled', ...where };
  const status =
    j.state === 'readyToStart' ? 'Ready to start' : j.state === 'nominated' ? 'Waiting to be agreed in principle' : 'In progress';
  return { cancelled: false, status, candidateName: nameIn(roster)(j.candidateId), ...where };
}

function statusFor(j: Journey, role: ReturnType<typeof roleOn>): string {
  if (j.state === 'exposureDone')
    return j.debrief ? 'Debrief held; the questionnaire follows' : 'Controlled exposure done; debrief to hold';
  if (j.state === 'headReview' && j.headReview?.outcome === 'proceed') return 'Secondary review: the move goes ahead';
  if (j.state === 'questionnaireAnswered') return "Questionnaire answered; waiting for the trainer's review";
  if (j.state === 'trainerReview') return 'Reviewed: no concerns';
  if (j.state === 'headReview') return "Waiting for the department head's secondary review";
  return JOURNEY_STATE_TITLES[j.state];
}

/** `forOthers`: anyone but the candidate sees their words as text, never as markdown. */
/** Long answers are shortened on the card; `more` names the field "Show all" opens ('' when whole). */
export function answerFacts(a: Partial<QuestionnaireAnswers>, forOthers = false): ShownFact[] {
  const out: ShownFact[] = QUESTIONS.map((q) => {
    const shown = shownText(a[q.key], forOthers);
    return { label: q.label, value: shown.text, more: shown.shortened ? q.key : '' };
  });
  out.push({ label: 'Training course', value: WILLINGNESS.find((w) => w.value === a.willingness)?.title ?? '', more: '' });
  return out;
}

/** The fields of a journey that "Show all" can open, and what each is. */
export const SHOW_ALL_FIELDS = [
  'feelings',
  'reservations',
  'relevance',
  'support',
  'trainerNote',
  'headNote',
  'rationale',
  'cancelReason',
] as const;
export type ShowAllField = (typeof SHOW_ALL_FIELDS)[number];

/** The whole text of one field for this viewer, or undefined when they may not read it (or it is empty). */
export function fullField(
  j: Journey,
  viewerId: string,
  roster: Roster,
  ctx: JourneyContext,
  field: ShowAllField,
): { label: string; text: string; forOthers: boolean } | undefined {
  const name = nameIn(roster);
  const q = QUESTIONS.find((x) => x.key === field);
  if (q) {
    const text = j.questionnaire?.answers?.[q.key];
    return text && maySeeAnswers(j, viewerId, ctx) ? { label: q.label, text, forOthers: viewerId !== j.candidateId } : undefined;
  }
  if (field === 'trainerNote' && j.trainerReview?.note && maySeeReviewNotes(j, viewerId, ctx))
    return { label: `Note from ${name(j.trainerReview.by)}`, text: j.trainerReview.note, forOthers: viewerId !== j.trainerReview.by };
  if (field === 'headNote' && j.headReview?.note && maySeeReviewNotes(j, viewerId, ctx))
    return {
      label: `Secondary review note from ${name(j.headReview.by ?? '')}`,
      text: j.headReview.note,
      forOthers: viewerId !== j.headReview.by,
    };
  if (field === 'rationale' && j.withdrawal?.rationale && maySeeRationale(j, viewerId, ctx))
    return {
      label: viewerId === j.candidateId ? 'What you told them' : 'What the candidate chose to tell you',
      text: j.withdrawal.rationale,
      forOthers: viewerId !== j.candidateId,
    };
  if (field === 'cancelReason' && j.cancellation?.reason && maySeeCancellationReason(j, viewerId, ctx))
    return {
      label: 'Your reason for cancelling (only you see it)',
      text: j.cancellation.reason,
      forOthers: viewerId !== j.cancellation.by,
    };
  return undefined;
}

export function startFacts(j: Journey, roster: Roster, now: Date): { label: string; value: string }[] {
  const unit = roster.units.find((u) => u.id === j.unitId);
  return [
    { label: 'Unit', value: unit?.name ?? j.unitId },
    { label: 'Planned start', value: formatWeekday(j.plannedStartDate) },
    { label: 'Days remaining', value: daysText(daysToStart(j.plannedStartDate, now)) },
  ];
}

/** The journey as this viewer may see it. */
/** What a refused card's forms hold: the viewer's choices and words as sent, or the defaults. */
export type JourneyExtra = {
  notice?: string;
  problems?: string[];
  typed?: Partial<JourneyTyped> & { exposurePlace?: string; exposureDate?: string; exposureTime?: string; debriefHeldOn?: string };
};

function typedFields(extra: JourneyExtra): JourneyTyped {
  const t = extra.typed ?? {};
  return {
    reviewOutcome: t.reviewOutcome || 'noConcerns',
    reviewNote: t.reviewNote ?? '',
    headOutcome: t.headOutcome || 'proceed',
    headNote: t.headNote ?? '',
    cancelReason: t.cancelReason ?? '',
  };
}

export function journeyView(
  j: Journey,
  viewerId: string,
  roster: Roster,
  ctx: JourneyContext,
  support: SupportEntry[],
  extra: JourneyExtra = {},
): JourneyCardData {
  const name = nameIn(roster);
  const role = roleOn(j, viewerId, ctx);
  const actions = role === 'none' ? [] : allowedActions(j, viewerId, ctx);
  if (role === 'hr') return hrJourneyView(j, hrView(j, roster, ctx.now), actions, extra);
  const unitName = roster.units.find((u) => u.id === j.unitId)?.name ?? j.unitId;
  const facts = [
    { label: 'Candidate', value: name(j.candidateId) },
    ...startFacts(j, roster, ctx.now),
    { label: 'Status', value: statusFor(j, role) },
  ];
  facts.splice(2, 0, { label: 'Trainer', value: name(j.trainerId) });
  if (j.exposure) {
    const outcome = EXPOSURE_OUTCOMES.find((o) => o.value === j.exposure!.outcome)?.title;
    // The place was typed by whoever booked it: anyone else sees it as text, never as markdown.
    const place = j.exposure.scheduledBy === viewerId ? j.exposure.place : asText(j.exposure.place);
    facts.push({
      label: 'Controlled exposure',
      value: `${formatTime(j.exposure.at)}, ${place}${outcome ? ` (${outcome.toLowerCase()})` : ''}`,
    });
  }
  if (j.debrief) facts.push({ label: 'Debrief', value: `Held ${formatWeekday(j.debrief.heldOn)}` });
  if (j.attachment)
    facts.push({
      label: 'Attachment',
      value: `${formatWeekday(j.attachment.from)} to ${formatWeekday(j.attachment.to)}${j.attachment.response ? ` (${j.attachment.response})` : ' (offered)'}`,
    });

  const lines: string[] = [];
  if (role === 'candidate') lines.push(...candidateLines(j, name, unitName, ctx));
  else lines.push(...j.timeline.slice(-8).map((e) => `${formatTime(e.at)}: ${describe(e, name)}`));

  const answers =
    j.questionnaire?.answers && maySeeAnswers(j, viewerId, ctx) ? answerFacts(j.questionnaire.answers, role !== 'candidate') : [];
  const notes: ShownFact[] = [];
  // Someone else's words are shown as text, never as markdown; the author sees theirs as typed. Long
  // ones are shortened, with "Show all" for the whole (journey.showAll re-checks who asks).
  for (const field of ['trainerNote', 'headNote', 'rationale', 'cancelReason'] as const) {
    const f = fullField(j, viewerId, roster, ctx, field);
    if (!f) continue;
    const shown = shownText(f.text, f.forOthers);
    notes.push({ label: f.label, value: shown.text, more: shown.shortened ? field : '' });
  }

  const booked = j.exposure && !j.exposure.outcome ? ukWallTime(j.exposure.at) : undefined;
  const forCandidate = role === 'candidate';
  const showSupport =
    forCandidate &&
    (j.state === 'exposureScheduled' || j.state === 'exposureDone' || j.state === 'withdrawn' || j.state === 'questionnaireSent');
  return {
    journeyId: j.id,
    title: forCandidate ? 'Your move into the unit' : `Pre-deployment: ${name(j.candidateId)}`,
    notice: extra.notice ?? '',
    problems: (extra.problems ?? []).map((text) => ({ text })),
    facts,
    lines: lines.map((text) => ({ text })),
    answersTitle: forCandidate ? 'Your answers' : "The candidate's answers",
    answers,
    notes,
    showNoDetriment: forCandidate && j.state === 'withdrawn',
    noDetriment:
      'Stepping back from a move into the unit will never count against you: not in your career, your appraisal or your next posting.',
    support: showSupport ? support : [],
    showAgree: actions.includes('agree'),
    showSchedule: actions.includes('scheduleExposure'),
    scheduleTitle: j.state === 'exposureScheduled' ? 'Rebook' : 'Book',
    exposureDate: extra.typed?.exposureDate ?? booked?.day ?? '',
    exposureTime: extra.typed?.exposureTime ?? booked?.time ?? '',
    exposurePlace: extra.typed?.exposurePlace ?? (booked ? j.exposure!.place : ''),
    showRecord: actions.includes('recordExposure'),
    showDebrief: actions.includes('recordDebrief'),
    debriefHeldOn: extra.typed?.debriefHeldOn ?? ctx.now.toISOString().slice(0, 10),
    showQuestionnaire: actions.includes('submitQuestionnaire'),
    showReview: actions.includes('review'),
    showHeadReview: actions.includes('headReview'),
    headReviewDue: j.headReview ? `Due by ${formatTime(j.headReview.dueBy)}.` : '',
    showOfferAttachment: actions.includes('offerAttachment'),
    showRespondAttachment: actions.includes('respondAttachment'),
    showReady: actions.includes('markReady') && (isCleared(j) || j.state === 'attachment'),
    showCancel: actions.includes('cancel'),
    showWithdraw: actions.includes('withdraw'),
    typed: typedFields(extra),
  };
}

/** HR's journey card: the HR view and nothing else; the only button HR may have is "agree in principle". */
function hrJourneyView(j: Journey, v: HrView, actions: readonly string[], extra: JourneyExtra): JourneyCardData {
  const facts = [
    ...(v.cancelled ? [] : [{ label: 'Candidate', value: v.candidateName }]),
    { label: 'Unit', value: v.unitName },
    { label: 'Planned start', value: v.plannedStart },
    { label: v.cancelled ? 'Days left to find an alternative' : 'Days remaining', value: v.daysLeft },
    { label: 'Status', value: v.status },
  ];
  return {
    journeyId: j.id,
    title: v.cancelled ? `A planned move into ${v.unitName} is cancelled` : `Planned move: ${v.candidateName}`,
    notice: extra.notice ?? '',
    problems: (extra.problems ?? []).map((text) => ({ text })),
    facts,
    lines: [],
    answersTitle: '',
    answers: [],
    notes: [],
    showNoDetriment: false,
    noDetriment: '',
    support: [],
    showAgree: actions.includes('agree'),
    showSchedule: false,
    scheduleTitle: '',
    exposureDate: '',
    exposureTime: '',
    exposurePlace: '',
    showRecord: false,
    showDebrief: false,
    debriefHeldOn: '',
    showQuestionnaire: false,
    showReview: false,
    showHeadReview: false,
    headReviewDue: '',
    showOfferAttachment: false,
    showRespondAttachment: false,
    showReady: false,
    showCancel: false,
    showWithdraw: false,
    typed: typedFields({}),
  };
}

export function questionnaireView(
  j: Journey,
  roster: Roster,
  now: Date,
  values: Partial<QuestionnaireAnswers>,
  extra: { notice?: string; problems?: string[] } = {},
): QuestionnaireCardData {
  return {
    journeyId: j.id,
    notice: extra.notice ?? (j.questionnaire?.draftSavedAt ? `Draft saved ${formatTime(j.questionnaire.draftSavedAt)}.` : ''),
    problems: (extra.problems ?? []).map((text) => ({ text })),
    facts: startFacts(j, roster, now),
    feelings: values.feelings ?? '',
    reservations: values.reservations ?? '',
    relevance: values.relevance ?? '',
    support: values.support ?? '',
    willingness: values.willingness ?? '',
  };
}

export function withdrawView(j: Journey, roster: Roster, now: Date, typed: { notice?: string; rationale?: string } = {}): WithdrawCardData {
  return {
    journeyId: j.id,
    unitName: roster.units.find((u) => u.id === j.unitId)?.name ?? 'the unit',
    facts: startFacts(j, roster, now),
    notice: typed.notice ?? '',
    rationale: typed.rationale ?? '',
  };
}

export function moveCancelledView(j: Journey, roster: Roster, now: Date): MoveCancelledCardData {
  const { unitName, plannedStart, daysLeft } = hrView(j, roster, now);
  return { unitName, plannedStart, daysLeft };
}
