// The journey steps that wait on a trainer or department head, as lines in their tray (kernel/tray.ts)
// for their daily digest, instead of a card each: agree the move (head, when HR opened it), book the
// controlled exposure (trainer), hold and record the debrief after it (trainer), review the questionnaire (trainer), the secondary review (head, and
// whoever its overdue escalation reaches), and the next step once the candidate is cleared or has
// answered an attachment offer (head). A line names the candidate and the step, never an answer or a
// note (policy.ts decides who reads those, on the card "Open" shows: journey.show). Cards to the
// candidate, to HR, and those that only tell staff what happened stay cards at once (flush-effects.ts).
import type { NewTrayItem } from '../../kernel/tray.ts';
import { formatDay, nameIn } from '../../kernel/format.ts';
import type { Roster } from '../../kernel/types.ts';
import { VERBS } from '../../kernel/verbs.ts';
import { isCleared, type Journey, type JourneyEffect } from './rules.ts';

export const JOURNEY_STEPS = ['agree', 'exposure', 'recordExposure', 'review', 'headReview', 'nextStep', 'debrief'] as const;
export type JourneyStep = (typeof JOURNEY_STEPS)[number];

/** One key per journey and step, the same for whoever holds it (an overdue secondary review reaches more people). */
export function journeyTrayKey(journeyId: string, step: JourneyStep): string {
  return `journey:${journeyId}:${step}`;
}

/** Whether the step still waits on someone: once it does not, its line is resolved for everyone. */
export function isStepOpen(j: Journey, step: JourneyStep): boolean {
  switch (step) {
    case 'agree':
      return j.state === 'nominated';
    case 'exposure':
      return j.state === 'agreedInPrinciple';
    case 'recordExposure':
      return j.state === 'exposureScheduled';
    case 'review':
      return j.state === 'questionnaireAnswered';
    case 'headReview':
      return j.state === 'headReview' && !!j.headReview && !j.headReview.outcome;
    case 'nextStep':
      return isCleared(j) || (j.state === 'attachment' && !!j.attachment?.response);
    case 'debrief':
      return j.state === 'exposureDone' && !j.debrief;
  }
}

/** The steps that can wait on someone while a journey is in this state. */
const STEPS_IN: Partial<Record<Journey['state'], JourneyStep[]>> = {
  nominated: ['agree'],
  agreedInPrinciple: ['exposure'],
  exposureScheduled: ['recordExposure'],
  exposureDone: ['debrief'],
  questionnaireAnswered: ['review'],
  headReview: ['headReview', 'nextStep'],
  trainerReview: ['nextStep'],
  attachment: ['nextStep'],
};

/**
 * The steps the latest change may have closed: those of the state(s) it left (the timeline entries of
 * that moment), no longer open now. Only these are resolved, so a click costs one key read, not five.
 */
export function stepsClosedBy(j: Journey): JourneyStep[] {
  const last = j.timeline.at(-1);
  if (!last) return [];
  const left = new Set(j.timeline.filter((e) => e.at === last.at && e.from).flatMap((e) => STEPS_IN[e.from!] ?? []));
  return [...left].filter((step) => !isStepOpen(j, step));
}

/** The step an effect asks someone to act on, or undefined when it only tells them something. */
export function stepFor(e: JourneyEffect): JourneyStep | undefined {
  if (e.kind === 'reviewTask') return 'review';
  if (e.kind === 'headReviewTask') return 'headReview';
  if (e.kind === 'tellTrainer' && e.event === 'agreedInPrinciple') return 'exposure';
  if (e.kind === 'tellTrainer' && e.event === 'debriefDue') return 'debrief';
  if (e.kind === 'tellHead' && e.event === 'nominated') return 'agree';
  if (e.kind === 'tellHead' && ['reviewedNoConcerns', 'attachmentAccepted', 'attachmentDeclined'].includes(e.event)) return 'nextStep';
  return undefined;
}

export function journeyTrayItem(j: Journey, step: JourneyStep, e: JourneyEffect, recipientId: string, roster: Roster): NewTrayItem {
  const who = nameIn(roster)(j.candidateId);
  const at = j.timeline.at(-1)?.at ?? j.openedAt;
  const overdue = e.kind === 'headReviewTask' && e.reason === 'overdue';
  const line = (() => {
    switch (step) {
      case 'agree':
        return `${who} is nominated to join the unit: agree the move in principle, or not`;
      case 'exposure':
        return `${who}'s move is agreed in principle: book their controlled exposure`;
      case 'recordExposure':
        return `${who}'s controlled exposure was booked for ${j.exposure ? formatDay(j.exposure.at.slice(0, 10)) : 'today'}: record whether it went ahead`;
      case 'review':
        return `${who} has answered their questionnaire: review it`;
      case 'debrief':
        return `${who}'s controlled exposure is over: hold a short debrief with them, then record it (their questionnaire follows)`;
      case 'headReview':
        return `${who}'s move needs your secondary review${j.headReview ? ` (due by ${formatDay(j.headReview.dueBy.slice(0, 10))})` : ''}`;
      case 'nextStep':
        return j.state === 'attachment'
          ? `${who} ${j.attachment?.response === 'declined' ? 'declined' : 'accepted'} the attachment: decide the next step`
          : `${who} is cleared to join: offer an attachment or mark them ready to start`;
    }
  })();
  return {
    recipientId,
    key: journeyTrayKey(j.id, step),
    feature: 'journeys',
    aboutPersonId: j.candidateId,
    line,
    since: overdue && j.headReview ? j.headReview.dueBy : at,
    ...(overdue ? { overdue: true } : {}),
    actions: [{ title: 'Open', verb: VERBS.journeyShow, data: { journeyId: j.id } }],
  };
}

/**
 * Once the booked controlled exposure's time has passed, the trainer is asked (a line in their tray)
 * to record whether it went ahead: nothing else prompts it, and the journey waits on it. Undefined
 * before then, or when the journey is elsewhere.
 */
export function recordExposureLine(j: Journey, now: Date, roster: Roster): NewTrayItem | undefined {
  if (j.state !== 'exposureScheduled' || !j.exposure || Date.parse(j.exposure.at) > now.getTime()) return undefined;
  return {
    ...journeyTrayItem(j, 'recordExposure', { kind: 'tellTrainer', event: 'exposureScheduled' }, j.trainerId, roster),
    since: j.exposure.at,
  };
}
