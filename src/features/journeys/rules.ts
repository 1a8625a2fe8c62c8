// The pre-deployment journey of one candidate (SPEC.md "Pre-deployment"): the state machine
// (transition / allowedActions), so that cards and handlers never re-encode a rule. The record and its
// vocabulary are model.ts; who may see what is policy.ts. Pure: `now` comes in.
import { nextTaskNotice } from '../../kernel/task-escalation.ts';
import { tooLongProblem } from '../../kernel/text.ts';
import { roleOn, type JourneyRole } from './policy.ts';
import {
  ANSWER_MAX,
  EXPOSURE_OUTCOMES,
  JOURNEY_ACTION_TYPES,
  JOURNEY_STATES,
  PLACE_MAX,
  QUESTIONS,
  WILLINGNESS,
  WILLINGNESS_QUESTION,
  type ExposureOutcome,
  type Journey,
  type JourneyAction,
  type JourneyActionType,
  type JourneyActor,
  type JourneyContext,
  type JourneyEffect,
  type JourneyOutcome,
  type JourneyRejection,
  type JourneyState,
  type QuestionnaireAnswers,
  type Willingness,
} from './model.ts';

export * from './model.ts';

export function isJourneyClosed(j: Pick<Journey, 'state'>): boolean {
  return j.state === 'withdrawn' || j.state === 'cancelled' || j.state === 'readyToStart';
}

/** Whole days from `now` (UTC day) to the planned start date; negative once it has passed. */
export function daysToStart(plannedStartDate: string, now: Date): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const [y, m, d] = plannedStartDate.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1, d) - today) / 86_400_000);
}

// ---------------------------------------------------------------------------------------------
// The state machine. Who may do what (checked again on every click, never trusted from the card):
// - candidate: save a questionnaire draft, submit it, accept or decline an attachment, withdraw
//   (from every state but the two terminal ones, with an optional rationale);
// - trainer named on the journey: schedule (or rebook) the controlled exposure, record how it went
//   ("did not attend" returns to agreed in principle for rebooking), record the debrief held with the
//   candidate after it (the questionnaire waits for it), review the answers;
// - department head of the unit: agree in principle, cancel with a reason, the secondary review,
//   offer an attachment, mark ready to start. Anyone the overdue secondary review was escalated to
//   stands in for the head for that review and what follows it;
// - HR / resource planning: open a journey (a workflow, not a transition) and agree in principle;
// - Haven itself (system): send the questionnaire once the debrief was recorded and the configured gap
//   has passed (at the candidate's working time), and the timed work (reminders, telling the trainer,
//   escalating an overdue secondary review).
// Everything else is refused with a typed rejection and changes nothing.

export const TERMINAL_STATES: JourneyState[] = ['withdrawn', 'cancelled'];
export function isTerminal(state: JourneyState): boolean {
  return TERMINAL_STATES.includes(state);
}

/** Reviewed with nothing holding it back: the head may offer an attachment or mark ready. */
export function isCleared(j: Journey): boolean {
  return j.state === 'trainerReview' || (j.state === 'headReview' && j.headReview?.outcome === 'proceed');
}

const DAY = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isValidDay(s: string): boolean {
  if (!ISO_DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Every problem with a set of answers for submitting, in plain words (drafts may be incomplete). */
export function answerProblems(a: Partial<QuestionnaireAnswers>, forSubmit: boolean): string[] {
  const problems: string[] = [];
  for (const q of QUESTIONS) {
    const v = a[q.key];
    if (v !== undefined && typeof v !== 'string') problems.push(`"${q.label}" must be text.`);
    else if (tooLongProblem(`your answer to "${q.label}"`, v, ANSWER_MAX))
      problems.push(tooLongProblem(`your answer to "${q.label}"`, v, ANSWER_MAX)!);
    else if (forSubmit && !(v ?? '').trim()) problems.push(`Please answer "${q.label}" (a few words are enough).`);
  }
  if (a.willingness !== undefined && !WILLINGNESS.some((w) => w.value === a.willingness))
    problems.push('Choose yes, not yet or no for the training course.');
  else if (forSubmit && !a.willingness) problems.push(`Please choose an answer to "${WILLINGNESS_QUESTION}"`);
  return problems;
}

function cleanAnswers(a: Partial<QuestionnaireAnswers>): Partial<QuestionnaireAnswers> {
  const out: Partial<QuestionnaireAnswers> = {};
  for (const q of QUESTIONS) if (typeof a[q.key] === 'string' && a[q.key]!.trim()) out[q.key] = a[q.key]!.trim();
  if (a.willingness) out.willingness = a.willingness;
  return out;
}

const reject = (code: JourneyRejection['code'], message: string, problems?: string[]): JourneyOutcome => ({
  ok: false,
  rejection: problems ? { code: 'invalid', message, problems } : ({ code, message } as JourneyRejection),
});

/** Which actions this viewer may take now: the cards show exactly these buttons. */
export function allowedActions(j: Journey, viewerId: string, ctx: JourneyContext): JourneyActionType[] {
  const probe: Record<JourneyActionType, JourneyAction> = {
    agree: { type: 'agree' },
    scheduleExposure: { type: 'scheduleExposure', at: new Date(ctx.now.getTime() + DAY).toISOString(), place: 'probe' },
    recordExposure: { type: 'recordExposure', outcome: 'done' },
    sendQuestionnaire: { type: 'sendQuestionnaire' },
    saveDraft: { type: 'saveDraft', answers: { feelings: '\u0000probe' } },
    submitQuestionnaire: {
      type: 'submitQuestionnaire',
      answers: { feelings: 'x', reservations: 'x', relevance: 'x', support: 'x', willingness: 'yes' },
    },
    review: { type: 'review', outcome: 'noConcerns' },
    headReview: { type: 'headReview', outcome: 'proceed' },
    offerAttachment: { type: 'offerAttachment', from: ctx.now.toISOString().slice(0, 10), to: ctx.now.toISOString().slice(0, 10) },
    respondAttachment: { type: 'respondAttachment', response: 'accepted' },
    markReady: { type: 'markReady' },
    withdraw: { type: 'withdraw' },
    cancel: { type: 'cancel', reason: 'probe' },
    tick: { type: 'tick' },
    recordDebrief: { type: 'recordDebrief', heldOn: ctx.now.toISOString().slice(0, 10) },
  };
  // A button is offered only where pressing it would change something (a second click is a no-op).
  return JOURNEY_ACTION_TYPES.filter((t) => {
    if (t === 'tick' || t === 'sendQuestionnaire') return false;
    const r = transition(j, probe[t], { kind: 'person', personId: viewerId }, ctx);
    return r.ok && r.changed;
  });
}

export function transition(current: Journey, action: JourneyAction, actor: JourneyActor, ctx: JourneyContext): JourneyOutcome {
  const j: Journey = structuredClone(current);
  const effects: JourneyEffect[] = [];
  const now = ctx.now.toISOString();
  const who = actor.kind === 'person' ? actor.personId : 'system';
  const role: JourneyRole | 'system' = actor.kind === 'system' ? 'system' : roleOn(current, actor.personId, ctx);
  const unchanged = (): JourneyOutcome => ({ ok: true, journey: current, effects: [], changed: false });
  const done = (): JourneyOutcome => ({ ok: true, journey: j, effects, changed: true });
  const record = (event: string) => j.timeline.push({ at: now, event, by: who, from: current.state });
  const only = (roles: (JourneyRole | 'system')[], message: string): JourneyOutcome | undefined =>
    roles.includes(role) ? undefined : reject('notEntitled', message);
  const terminal = isTerminal(current.state);
  const closedMessage = `This journey was ${current.state === 'withdrawn' ? 'withdrawn' : 'cancelled'}; nothing more can happen on it.`;
  const head = ctx.departmentHeadId;

  switch (action.type) {
    case 'agree': {
      const denied = only(['head', 'hr'], 'Only the department head or HR can agree a move in principle.');
      if (denied) return denied;
      if (terminal) return reject('notAllowedNow', closedMessage);
      if (current.state !== 'nominated') return current.agreedAt ? unchanged() : reject('notAllowedNow', 'This journey is past that step.');
      j.state = 'agreedInPrinciple';
      j.agreedAt = now;
      record('agreedInPrinciple');
      effects.push({ kind: 'tellCandidate', event: 'agreedInPrinciple' }, { kind: 'tellTrainer', event: 'agreedInPrinciple' });
      return done();
    }
    case 'scheduleExposure': {
      const denied = only(['trainer'], 'Only the trainer named on this journey books the controlled exposure.');
      if (denied) return denied;
      if (terminal) return reject('notAllowedNow', closedMessage);
      if (current.state !== 'agreedInPrinciple' && current.state !== 'exposureScheduled')
        return reject(
          'notAllowedNow',
          current.state === 'nominated'
            ? 'The move must be agreed in principle before the exposure is booked.'
            : 'The controlled exposure has already happened.',
        );
      const at = new Date(action.at);
      const problems: string[] = [];
      if (Number.isNaN(at.getTime())) problems.push('Give the date and time of the controlled exposure.');
      else if (at.getTime() <= ctx.now.getTime()) problems.push('The controlled exposure must be in the future.');
      if (!action.place.trim()) problems.push('Say where the controlled exposure takes place.');
      else if (tooLongProblem('the place', action.place, PLACE_MAX)) problems.push(tooLongProblem('the place', action.place, PLACE_MAX)!);
      if (problems.length) return reject('invalid', problems.join(' '), problems);
      if (
        current.exposure &&
        !current.exposure.outcome &&
        current.exposure.at === at.toISOString() &&
        current.exposure.place === action.place.trim()
      )
        return unchanged();
      const rebooked = current.state === 'exposureScheduled';
      j.exposure = { at: at.toISOString(), place: action.place.trim(), scheduledBy: who, scheduledAt: now };
      j.state = 'exposureScheduled';
      record(rebooked ? 'exposureRebooked' : 'exposureScheduled');
      effects.push({ kind: 'tellCandidate', event: 'exposureScheduled' });
      if (head) effects.push({ kind: 'tellHead', event: 'exposureScheduled', personId: head });
      return done();
    }
    case 'recordExposure': {
      const denied = only(['trainer'], 'Only the trainer named on this journey records the controlled exposure.');
      if (denied) return denied;
      if (terminal) return reject('notAllowedNow', closedMessage);
      if (current.state !== 'exposureScheduled' || !j.exposure)
        return reject(
          'notAllowedNow',
          current.state === 'nominated' || current.state === 'agreedInPrinciple'
            ? 'No controlled exposure is booked yet.'
            : 'The controlled exposure was already recorded.',
        );
      if (!EXPOSURE_OUTCOMES.some((o) => o.value === action.outcome))
        return reject('invalid', 'Choose done, did not attend or stopped early.');
      j.exposure.outcome = action.outcome;
      j.exposure.recordedAt = now;
      j.exposure.recordedBy = who;
      if (action.outcome === 'didNotAttend') {
        // Recorded without judgement: the journey goes back one step so the exposure can be rebooked.
        j.state = 'agreedInPrinciple';
        record('exposureDidNotAttend');
        effects.push({ kind: 'tellCandidate', event: 'exposureDidNotAttend' });
        return done();
      }
      // Not the questionnaire yet: first a short debrief with the trainer (a line in their tray), then the gap.
      j.state = 'exposureDone';
      record(action.outcome === 'stoppedEarly' ? 'exposureStoppedEarly' : 'exposureDone');
      effects.push({ kind: 'tellCandidate', event: 'exposureDone' }, { kind: 'tellTrainer', event: 'debriefDue' });
      return done();
    }
    case 'recordDebrief': {
      const denied = only(['trainer'], 'Only the trainer named on this journey records the debrief.');
      if (denied) return denied;
      if (terminal) return reject('notAllowedNow', closedMessage);
      if (current.state !== 'exposureDone' || current.debrief) {
        if (current.debrief?.heldOn === action.heldOn) return unchanged();
        return reject(
          'notAllowedNow',
          current.debrief || current.questionnaire
            ? 'The debrief was already recorded.'
            : 'The debrief follows the controlled exposure; record the exposure first.',
        );
      }
      const today = now.slice(0, 10);
      // Not before the exposure: its booked day, or the day it was recorded if that was earlier.
      const exposureDay = [current.exposure?.at, current.exposure?.recordedAt, now]
        .filter((x): x is string => !!x)
        .map((x) => x.slice(0, 10))
        .sort()[0]!;
      const problem = !isValidDay(action.heldOn)
        ? 'Give the day the debrief was held.'
        : action.heldOn > today
          ? 'Record the debrief once it has been held (the date is in the future).'
          : action.heldOn < exposureDay
            ? 'The debrief is held after the controlled exposure, not before it.'
            : undefined;
      if (problem) return reject('invalid', problem, [problem]);
      j.debrief = { heldOn: action.heldOn, recordedBy: who, recordedAt: now };
      record('debriefHeld');
      effects.push({ kind: 'tellCandidate', event: 'debriefHeld' });
      if (questionnaireDue(j, ctx)) sendQuestionnaire(j, now, effects);
      return done();
    }
    case 'sendQuestionnaire': {
      if (actor.kind !== 'system') return reject('notEntitled', 'Haven sends the questionnaire itself after the exposure.');
      if (current.state !== 'exposureDone' || !questionnaireDue(current, ctx)) return unchanged();
      sendQuestionnaire(j, now, effects);
      return done();
    }
    case 'saveDraft':
    case 'submitQuestionnaire': {
      const denied = only(['candidate'], 'Only the candidate answers their questionnaire.');
      if (denied) return denied;
      if (terminal) return reject('notAllowedNow', closedMessage);
      if (current.state !== 'questionnaireSent' || !j.questionnaire)
        return reject(
          'notAllowedNow',
          current.questionnaire?.submittedAt
            ? 'You have already sent your answers. Thank you.'
            : 'The questionnaire comes after the controlled exposure.',
        );
      const submit = action.type === 'submitQuestionnaire';
      const problems = answerProblems(action.answers, submit);
      if (problems.length)
        return reject(
          'invalid',
          submit ? 'Some answers are missing; nothing was sent yet. Your answers are still here.' : 'Your draft could not be saved.',
          problems,
        );
      const answers = cleanAnswers(action.answers);
      if (!submit) {
        if (JSON.stringify(answers) === JSON.stringify(current.questionnaire?.draft ?? {})) return unchanged();
        j.questionnaire.draft = answers;
        j.questionnaire.draftSavedAt = now;
        // A draft is not a state change; it is kept out of the timeline (no free text there either).
        return done();
      }
      j.questionnaire.answers = answers as QuestionnaireAnswers;
      j.questionnaire.submittedAt = now;
      delete j.questionnaire.draft;
      delete j.questionnaire.draftSavedAt;
      j.state = 'questionnaireAnswered';
      record('questionnaireAnswered');
      effects.push({ kind: 'reviewTask' }, { kind: 'tellCandidate', event: 'questionnaireAnswered' });
      return done();
    }
    case 'review': {
      const denied = only(['trainer'], 'Only the trainer named on this journey reviews the questionnaire.');
      if (denied) return denied;
      if (terminal) return reject('notAllowedNow', closedMessage);
      if (current.state !== 'questionnaireAnswered')
        return reject(
          'notAllowedNow',
          current.trainerReview ? 'The questionnaire was already reviewed.' : 'There are no answers to review yet.',
        );
      const note = action.note?.trim() ?? '';
      if (action.outcome !== 'noConcerns' && action.outcome !== 'concerns') return reject('invalid', 'Choose "no concerns" or "concerns".');
      if (action.outcome === 'concerns' && !note)
        return reject('invalid', 'Write a note about your concerns for the department head.', [
          'Write a note about your concerns for the department head.',
        ]);
      if (tooLongProblem('your note', note, ANSWER_MAX)) return reject('invalid', tooLongProblem('your note', note, ANSWER_MAX)!);
      j.trainerReview = { by: who, at: now, outcome: action.outcome, ...(note ? { note } : {}) };
      if (action.outcome === 'noConcerns') {
        j.state = 'trainerReview';
        record('reviewedNoConcerns');
        if (head) effects.push({ kind: 'tellHead', event: 'reviewedNoConcerns', personId: head });
      } else {
        j.state = 'headReview';
        j.headReview = {
          requestedAt: now,
          dueBy: new Date(ctx.now.getTime() + ctx.policy.headReviewDays * DAY).toISOString(),
          notices: [],
        };
        record('reviewedConcerns');
        if (head) effects.push({ kind: 'headReviewTask', personId: head, reason: 'requested' });
      }
      effects.push({ kind: 'tellCandidate', event: 'reviewed' });
      return done();
    }
    case 'headReview': {
      const denied = only(['head'], 'Only the department head records the secondary review.');
      if (denied) return denied;
      if (terminal) return reject('notAllowedNow', closedMessage);
      if (current.state !== 'headReview' || !j.headReview)
        return reject('notAllowedNow', 'No secondary review was asked for on this journey.');
      if (j.headReview.outcome) return reject('notAllowedNow', 'The secondary review was already recorded.');
      const note = action.note?.trim() ?? '';
      if (action.outcome !== 'proceed' && action.outcome !== 'doNotProceed')
        return reject('invalid', 'Choose whether the move goes ahead.');
      if (action.outcome === 'doNotProceed' && !note)
        return reject('invalid', 'Write the reason the move does not go ahead (only you will see it).', [
          'Write the reason the move does not go ahead (only you will see it).',
        ]);
      if (tooLongProblem('your note', note, ANSWER_MAX)) return reject('invalid', tooLongProblem('your note', note, ANSWER_MAX)!);
      Object.assign(j.headReview, { by: who, at: now, outcome: action.outcome, ...(note ? { note } : {}) });
      record(action.outcome === 'proceed' ? 'headReviewProceed' : 'headReviewDoNotProceed');
      effects.push({ kind: 'tellTrainer', event: 'headReviewed' });
      if (action.outcome === 'doNotProceed') {
        cancel(j, who, current.state, note, now, effects, ctx);
      } else effects.push({ kind: 'tellCandidate', event: 'headReviewProceed' });
      return done();
    }
    case 'offerAttachment': {
      const denied = only(['head'], 'Only the department head offers an attachment.');
      if (denied) return denied;
      if (terminal) return reject('notAllowedNow', closedMessage);
      if (!isCleared(current) && !(current.state === 'attachment' && !current.attachment?.response))
        return reject(
          'notAllowedNow',
          current.state === 'attachment'
            ? 'The candidate has already answered the attachment offer.'
            : 'An attachment can be offered once the questionnaire has been reviewed.',
        );
      const problems: string[] = [];
      if (!isValidDay(action.from)) problems.push('Give the first day of the attachment.');
      if (!isValidDay(action.to)) problems.push('Give the last day of the attachment.');
      if (!problems.length && action.to < action.from) problems.push('The attachment must end on or after the day it starts.');
      if (!problems.length && action.from < now.slice(0, 10)) problems.push('The attachment cannot start in the past.');
      if (problems.length) return reject('invalid', problems.join(' '), problems);
      if (
        current.attachment &&
        current.attachment.from === action.from &&
        current.attachment.to === action.to &&
        !current.attachment.response
      )
        return unchanged();
      j.attachment = { offeredBy: who, offeredAt: now, from: action.from, to: action.to };
      j.state = 'attachment';
      record('attachmentOffered');
      effects.push({ kind: 'tellCandidate', event: 'attachmentOffered' });
      return done();
    }
    case 'respondAttachment': {
      const denied = only(['candidate'], 'Only the candidate answers an attachment offer.');
      if (denied) return denied;
      if (terminal) return reject('notAllowedNow', closedMessage);
      if (current.state !== 'attachment' || !j.attachment) return reject('notAllowedNow', 'There is no attachment offer to answer.');
      if (j.attachment.response)
        return j.attachment.response === action.response
          ? unchanged()
          : reject(
              'notAllowedNow',
              `You already ${j.attachment.response} the attachment. Talk to the department head if that has changed.`,
            );
      if (action.response !== 'accepted' && action.response !== 'declined') return reject('invalid', 'Accept or decline the attachment.');
      j.attachment.response = action.response;
      j.attachment.respondedAt = now;
      record(action.response === 'accepted' ? 'attachmentAccepted' : 'attachmentDeclined');
      const to = j.attachment.offeredBy !== 'system' ? j.attachment.offeredBy : head;
      if (to)
        effects.push({
          kind: 'tellHead',
          event: action.response === 'accepted' ? 'attachmentAccepted' : 'attachmentDeclined',
          personId: to,
        });
      effects.push({ kind: 'tellTrainer', event: action.response === 'accepted' ? 'attachmentAccepted' : 'attachmentDeclined' });
      return done();
    }
    case 'markReady': {
      const denied = only(['head'], 'Only the department head marks a candidate ready to start.');
      if (denied) return denied;
      if (terminal) return reject('notAllowedNow', closedMessage);
      if (current.state === 'readyToStart') return unchanged();
      const attachmentAnswered = current.state === 'attachment' && !!current.attachment?.response;
      if (!isCleared(current) && !attachmentAnswered)
        return reject(
          'notAllowedNow',
          current.state === 'attachment'
            ? 'Wait for the candidate to answer the attachment offer.'
            : 'A candidate is ready to start once the questionnaire has been reviewed.',
        );
      j.state = 'readyToStart';
      j.readyAt = now;
      record('readyToStart');
      effects.push(
        { kind: 'tellCandidate', event: 'readyToStart' },
        { kind: 'tellTrainer', event: 'readyToStart' },
        { kind: 'seedOngoingCare', startDate: j.plannedStartDate },
      );
      return done();
    }
    case 'withdraw': {
      const denied = only(['candidate'], 'Only the candidate can withdraw from their journey.');
      if (denied) return denied;
      if (current.state === 'withdrawn') return unchanged();
      if (current.state === 'cancelled')
        return reject('notAllowedNow', 'This move was already cancelled; there is nothing to withdraw from.');
      const rationale = action.rationale?.trim() ?? '';
      if (tooLongProblem('your reason', rationale, ANSWER_MAX))
        return reject('invalid', `${tooLongProblem('your reason', rationale, ANSWER_MAX)!} (It is optional.)`);
      j.state = 'withdrawn';
      j.withdrawal = { at: now, fromState: current.state, ...(rationale ? { rationale } : {}) };
      if (j.headReview && !j.headReview.outcome) j.headReview.closedAt = now;
      record('withdrawn');
      effects.push({ kind: 'tellCandidate', event: 'withdrawn' }, { kind: 'tellTrainer', event: 'withdrawn' });
      if (head) effects.push({ kind: 'tellHead', event: 'withdrawn', personId: head });
      for (const hr of ctx.hrIds) effects.push({ kind: 'tellHr', event: 'moveCancelled', personId: hr });
      return done();
    }
    case 'cancel': {
      const denied = only(['head'], 'Only the department head can cancel a move.');
      if (denied) return denied;
      if (current.state === 'cancelled') return unchanged();
      if (current.state === 'withdrawn') return reject('notAllowedNow', closedMessage);
      const reason = action.reason.trim();
      if (!reason)
        return reject('invalid', 'Write the reason for cancelling (only you will see it).', [
          'Write the reason for cancelling (only you will see it).',
        ]);
      if (tooLongProblem('your reason', reason, ANSWER_MAX)) return reject('invalid', tooLongProblem('your reason', reason, ANSWER_MAX)!);
      cancel(j, who, current.state, reason, now, effects, ctx);
      return done();
    }
    case 'tick': {
      if (actor.kind !== 'system') return reject('notEntitled', 'Only Haven itself moves a journey on with time.');
      if (current.state === 'exposureDone' && questionnaireDue(current, ctx)) sendQuestionnaire(j, now, effects);
      const q = j.questionnaire;
      if (j.state === 'questionnaireSent' && q && !q.submittedAt) {
        const since = ctx.now.getTime() - new Date(q.sentAt).getTime();
        const sent = q.remindersSent ?? [];
        const last = sent.length ? new Date(sent[sent.length - 1]!).getTime() : new Date(q.sentAt).getTime();
        if (since >= ctx.policy.reminderAfterDays * DAY && ctx.now.getTime() - last >= ctx.policy.reminderAfterDays * DAY) {
          q.remindersSent = [...sent, now];
          j.timeline.push({ at: now, event: 'questionnaireReminder', by: 'system', from: current.state });
          effects.push({ kind: 'questionnaire', reason: 'reminder' });
        }
        if (!q.trainerToldUnansweredAt && since >= ctx.policy.trainerToldAfterDays * DAY) {
          q.trainerToldUnansweredAt = now;
          j.timeline.push({ at: now, event: 'trainerToldUnanswered', by: 'system', from: current.state });
          effects.push({ kind: 'tellTrainer', event: 'questionnaireUnanswered' });
        }
      }
      const hr = j.headReview;
      if (j.state === 'headReview' && hr && !hr.outcome && hr.dueBy <= now) {
        const notice = nextTaskNotice(
          { openedAt: hr.dueBy, notices: hr.notices ?? [] },
          ctx.headReviewChain,
          { levelDelayMinutes: ctx.policy.headReviewLevelDelayMinutes },
          ctx.now,
        );
        if (notice) {
          hr.notices = [...(hr.notices ?? []), notice];
          j.timeline.push({ at: now, event: 'headReviewOverdue', by: 'system', from: current.state });
          effects.push({ kind: 'headReviewTask', personId: notice.personId, reason: 'overdue' });
        }
      }
      return effects.length ? done() : unchanged();
    }
  }
}

/** When the questionnaire may go: the configured gap after the debrief was recorded (undefined before a debrief). */
export function questionnaireDueAt(
  j: Pick<Journey, 'debrief'>,
  policy: Pick<JourneyContext['policy'], 'debriefGapHours'>,
): Date | undefined {
  if (!j.debrief) return undefined;
  return new Date(Date.parse(j.debrief.recordedAt) + policy.debriefGapHours * 3_600_000);
}

/**
 * The debrief is recorded, the gap has passed and the candidate is at work: the questionnaire goes now.
 * With no gap configured it goes as the debrief is recorded (the trainer's working time, as before).
 */
export function questionnaireDue(j: Journey, ctx: JourneyContext): boolean {
  const at = questionnaireDueAt(j, ctx.policy);
  if (j.state !== 'exposureDone' || !at || at.getTime() > ctx.now.getTime()) return false;
  return ctx.policy.debriefGapHours === 0 || ctx.candidateAtWork !== false;
}

function sendQuestionnaire(j: Journey, now: string, effects: JourneyEffect[]): void {
  j.state = 'questionnaireSent';
  j.questionnaire = { sentAt: now, remindersSent: [] };
  j.timeline.push({ at: now, event: 'questionnaireSent', by: 'system', from: 'exposureDone' });
  effects.push({ kind: 'questionnaire', reason: 'sent' });
}

function cancel(
  j: Journey,
  by: string,
  fromState: JourneyState,
  reason: string,
  now: string,
  effects: JourneyEffect[],
  ctx: JourneyContext,
): void {
  j.state = 'cancelled';
  j.cancellation = { at: now, by, fromState, reason };
  if (j.headReview && !j.headReview.outcome) j.headReview.closedAt = now;
  j.timeline.push({ at: now, event: 'cancelled', by, from: fromState });
  effects.push({ kind: 'tellCandidate', event: 'cancelled' }, { kind: 'tellTrainer', event: 'cancelled' });
  for (const hr of ctx.hrIds) effects.push({ kind: 'tellHr', event: 'moveCancelled', personId: hr });
}

/** A new journey (state nominated). The opener's entitlement is checked by the workflow. */
export function newJourney(
  input: { id: string; candidateId: string; unitId: string; trainerId: string; openedBy: string; plannedStartDate: string },
  now: Date,
): Journey {
  const at = now.toISOString();
  return { ...input, openedAt: at, state: 'nominated', timeline: [{ at, event: 'nominated', by: input.openedBy }] };
}

/** Every problem with opening a journey, in plain words, before anything is written. */
export function openProblems(
  input: { candidateId: string; trainerId: string; plannedStartDate: string; unitId: string },
  facts: {
    candidate?: { roles: readonly string[] };
    trainer?: { roles: readonly string[]; unitId: string };
    unitExists: boolean;
    candidateHasOpenJourney: boolean;
    today: string;
  },
): string[] {
  const problems: string[] = [];
  if (!facts.candidate) problems.push(`No one with the id "${input.candidateId}" is on the roster.`);
  else if (!facts.candidate.roles.includes('candidate'))
    problems.push(`${input.candidateId} is not a candidate on the roster (give them the role "candidate" in the roster first).`);
  if (!facts.trainer) problems.push(`No trainer with the id "${input.trainerId}" is on the roster.`);
  else if (!facts.trainer.roles.includes('trainer')) problems.push(`${input.trainerId} is not a trainer on the roster.`);
  if (input.candidateId && input.candidateId === input.trainerId) problems.push('The candidate cannot be their own trainer.');
  if (!facts.unitExists) problems.push(`The unit "${input.unitId}" is not on the roster.`);
  if (!isValidDay(input.plannedStartDate)) problems.push('The planned start date must be a date (YYYY-MM-DD).');
  else if (input.plannedStartDate <= facts.today) problems.push('The planned start date must be in the future.');
  if (facts.candidateHasOpenJourney) problems.push(`${input.candidateId} already has a pre-deployment journey in progress.`);
  return problems;
}
