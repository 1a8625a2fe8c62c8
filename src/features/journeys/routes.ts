// Card verbs and typed commands for pre-deployment journeys. Handlers parse, call one workflow and
// return the card for whoever clicked; the workflow re-checks who that is on every click.
import { z } from 'zod';
import { journeyCard, journeyListCard, openJourneyCard, questionnaireCard, withdrawCard } from './cards.ts';
import { noticeCard } from '../../kernel/notice-card.ts';
import { fullTextCard } from '../../kernel/full-text-card.ts';
import type { Card } from '../../kernel/cards.ts';
import { VERBS } from '../../kernel/verbs.ts';
import {
  ANSWER_MAX,
  JOURNEY_STATE_TITLES,
  PLACE_MAX,
  isTerminal,
  type Journey,
  type JourneyAction,
  type QuestionnaireAnswers,
} from './rules.ts';
import { roleOn } from './policy.ts';
import { couldNotStore, userText } from '../../kernel/text.ts';
import { ukWallTimeToIso } from '../../kernel/uk-time.ts';
import type { Roster } from '../../kernel/types.ts';
import { viewerIdOf } from '../../kernel/identify-person.ts';
import { actOnJourney, journeysFor, readJourney } from './act-on-journey.ts';
import type { Actor } from '../../kernel/context.ts';
import { formatWeekday, nameIn } from '../../kernel/format.ts';
import { journeyContext } from './journey-context.ts';
import { fullField, hrView, journeyView, SHOW_ALL_FIELDS, questionnaireView, withdrawView, type JourneyExtra } from './views.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { openJourney, unitsOpenableBy } from './open-journey.ts';
import { RouteList, type ActionRequest } from '../../kernel/routes.ts';
import type { JourneyDeps } from './deps.ts';
import { isCurrentMember } from '../../kernel/responsibility.ts';

export const routes = new RouteList<JourneyDeps>();

const journeyId = z
  .string({
    required_error: 'That card does not say which journey it is about.',
    invalid_type_error: 'That card refers to a journey Haven does not know.',
  })
  .regex(/^jrn-[0-9a-f]{24}$/, 'That card refers to a journey Haven does not know.');
const byId = z.object({ journeyId }).passthrough();
// Long answers are measured by the domain (kernel/text tooLongProblem), which answers with the
// question's name, and the card comes back with the text.
const freeText = (what: string, max = ANSWER_MAX) => userText(what, max).optional();

function notYours(): Card {
  return noticeCard({
    title: 'This is not yours to open',
    lines: [{ text: 'Only the people on this journey can see it. Nothing was changed.' }],
    showFooter: true,
  });
}

function cardFor(deps: JourneyDeps, j: Journey, viewerId: string, roster: Roster, extra: JourneyExtra = {}): Card {
  const ctx = journeyContext(deps, j, roster);
  if (roleOn(j, viewerId, ctx) === 'none') return notYours();
  return journeyCard(journeyView(j, viewerId, roster, ctx, deps.supportDirectory, extra));
}

/** The action, or undefined when storage refused it (then `refused` says why). */
async function tryAct(
  deps: JourneyDeps,
  req: ActionRequest,
  id: string,
  action: JourneyAction,
): Promise<{ r: Awaited<ReturnType<typeof actOnJourney>> } | { refused: string }> {
  try {
    return { r: await actOnJourney(deps, req.actor, id, action) };
  } catch (error) {
    req.log.error(
      { err: { name: (error as Error).name, message: (error as Error).message } },
      'journey action could not be stored; card returned with what was typed',
    );
    return {
      refused: couldNotStore(error, { tooLarge: 'What you wrote is too long to keep with this journey; please shorten the longest part.' })
        .message,
    };
  }
}

/** `typed`: what the viewer typed into the card, shown back on it when the action is refused. */
async function act(
  deps: JourneyDeps,
  req: ActionRequest,
  id: string,
  action: JourneyAction,
  done?: (j: Journey, viewerId: string, roster: Roster) => Card,
  typed: JourneyExtra['typed'] = {},
): Promise<Card> {
  const attempt = await tryAct(deps, req, id, action);
  if ('refused' in attempt) {
    const read = await readJourney(deps, req.actor, id, 'refused action');
    return read.journey ? cardFor(deps, read.journey, read.viewerId, read.roster, { notice: attempt.refused, typed }) : notYours();
  }
  const { r } = attempt;
  if (!r.ok) {
    if (!r.journey || !r.ctx || roleOn(r.journey, r.viewerId, r.ctx) === 'none') return notYours();
    const problems = r.rejection.code === 'invalid' ? r.rejection.problems : undefined;
    return cardFor(deps, r.journey, r.viewerId, r.roster, {
      notice: `${problems ? 'Nothing was changed:' : r.rejection.message + ' Nothing was changed.'}`,
      problems: problems ?? [],
      typed,
    });
  }
  if (done && r.changed) return done(r.journey, r.viewerId, r.roster);
  return cardFor(deps, r.journey, r.viewerId, r.roster, { notice: r.changed ? '' : 'Nothing changed: this was already done.' });
}

async function openForm(
  deps: JourneyDeps,
  viewerId: string,
  roster: Roster,
  values: Partial<Record<'candidateId' | 'trainerId' | 'unitId' | 'plannedStartDate', string>> = {},
  problems: string[] = [],
): Promise<Card> {
  const units = unitsOpenableBy(viewerId, roster);
  if (units.length === 0)
    return noticeCard({
      title: 'Only a department head or HR can open a journey',
      lines: [{ text: 'Ask the department head of the unit to open a pre-deployment journey. Nothing was changed.' }],
      showFooter: true,
    });
  const open = new Set((await deps.journeys.listOpen()).map((j) => j.value.candidateId));
  const me = roster.people.find((p) => p.id === viewerId);
  return openJourneyCard({
    notice: problems.length ? 'The journey was not opened:' : '',
    problems: problems.map((text) => ({ text })),
    candidates: roster.people
      .filter((p) => p.roles.includes('candidate') && !open.has(p.id) && isCurrentMember(p))
      .map((p) => ({ title: p.name, value: p.id })),
    trainers: roster.people
      .filter((p) => p.roles.includes('trainer') && p.id !== viewerId && isCurrentMember(p))
      .map((p) => ({ title: p.name, value: p.id })),
    units: roster.units.filter((u) => units.includes(u.id)).map((u) => ({ title: u.name, value: u.id })),
    candidateId: values.candidateId ?? '',
    trainerId: values.trainerId ?? '',
    unitId: values.unitId ?? (me && units.includes(me.unitId) ? me.unitId : units[0]!),
    plannedStartDate: values.plannedStartDate ?? '',
  });
}

async function listCard(deps: JourneyDeps, viewerId: string, roster: Roster): Promise<Card> {
  const name = nameIn(roster);
  const mine = (await journeysFor(deps, viewerId, roster)).filter((x) => x.role !== 'candidate');
  for (const { journey } of mine)
    await deps.audit.append({
      at: deps.clock.now().toISOString(),
      actor: viewerId,
      action: 'journey.read',
      subject: `journey:${journey.id}`,
      about: journey.candidateId,
      reason: 'journey list',
      outcome: 'ok',
    });
  const now = deps.clock.now();
  return journeyListCard({
    rows: mine.slice(0, 20).map(({ journey: j, role }) => {
      if (role !== 'hr')
        return {
          journeyId: j.id,
          title: name(j.candidateId),
          subtitle: `${JOURNEY_STATE_TITLES[j.state]} · planned start ${formatWeekday(j.plannedStartDate)}`,
        };
      const hr = hrView(j, roster, now);
      return {
        journeyId: j.id,
        title: hr.cancelled ? `A move into ${hr.unitName}` : hr.candidateName,
        subtitle: `${hr.status} · planned start ${hr.plannedStart}`,
      };
    }),
    emptyText: 'You are not on any pre-deployment journey yet.',
    canOpen: unitsOpenableBy(viewerId, roster).length > 0,
  });
}

/** The candidate's own latest journey (open ones first). */
async function ownJourney(deps: JourneyDeps, viewerId: string): Promise<Journey | undefined> {
  const mine = (await deps.journeys.listForCandidate(viewerId))
    .map((v) => v.value)
    .sort((a, b) => Number(isTerminal(a.state)) - Number(isTerminal(b.state)) || b.openedAt.localeCompare(a.openedAt));
  return mine[0];
}

export type JourneyCommand = 'journey' | 'newJourney' | 'questionnaire' | 'withdraw';

/** A typed command about journeys; undefined when it does not apply to this person (the caller shows the welcome). */
export async function journeyCommandCard(deps: JourneyDeps, actor: Actor, command: JourneyCommand): Promise<Card | undefined> {
  const viewerId = await viewerIdOf(deps, actor);
  const roster = await loadRoster(deps);
  const own = await ownJourney(deps, viewerId);
  const now = deps.clock.now();
  if (command === 'withdraw') {
    if (!own || isTerminal(own.state)) return undefined;
    return withdrawCard(withdrawView(own, roster, now));
  }
  if (command === 'questionnaire') {
    if (own?.state === 'questionnaireSent') return questionnaireCard(questionnaireView(own, roster, now, own.questionnaire?.draft ?? {}));
    if (own) return cardFor(deps, own, viewerId, roster, { notice: 'There is no questionnaire waiting for you right now.' });
    if (isCandidate(roster, viewerId))
      return notOpenYet('There is no questionnaire waiting for you: it comes with your pre-deployment journey.');
    return undefined;
  }
  if (command === 'newJourney') return openForm(deps, viewerId, roster);
  if (own && !isTerminal(own.state)) return cardFor(deps, own, viewerId, roster);
  const staff =
    unitsOpenableBy(viewerId, roster).length > 0 || (await journeysFor(deps, viewerId, roster)).some((x) => x.role !== 'candidate');
  if (staff) return listCard(deps, viewerId, roster);
  if (own) return cardFor(deps, own, viewerId, roster);
  // A candidate whose journey is not open yet (their welcome leads with "My journey"): say so.
  if (command === 'journey' && isCandidate(roster, viewerId)) return notOpenYet();
  return undefined;
}

const isCandidate = (roster: Roster, personId: string) => !!roster.people.find((p) => p.id === personId)?.roles.includes('candidate');

/** A candidate whose journey is not open yet (their welcome leads with "My journey" and "Questionnaire"). */
function notOpenYet(first?: string): Card {
  return noticeCard({
    title: 'Your pre-deployment journey',
    lines: [
      ...(first ? [{ text: first }] : []),
      { text: 'No pre-deployment journey has been opened for you yet. HR or the department head opens it.' },
    ],
    showFooter: true,
  });
}

routes.add(VERBS.journeyNew, z.object({}).passthrough(), async (deps, req) =>
  openForm(deps, await viewerIdOf(deps, req.actor), await loadRoster(deps)),
);

routes.add(VERBS.journeyList, z.object({}).passthrough(), async (deps, req) =>
  listCard(deps, await viewerIdOf(deps, req.actor), await loadRoster(deps)),
);

routes.add(
  VERBS.journeyOpen,
  z
    .object({
      candidateId: z.string().max(64).optional(),
      trainerId: z.string().max(64).optional(),
      unitId: z.string().max(64).optional(),
      plannedStartDate: z.string().max(32).optional(),
    })
    .passthrough(),
  async (deps, req, p) => {
    const viewerId = await viewerIdOf(deps, req.actor);
    const roster = await loadRoster(deps);
    const missing: string[] = [];
    if (!p.candidateId) missing.push('Choose the candidate.');
    if (!p.trainerId) missing.push('Choose the trainer.');
    if (!p.plannedStartDate) missing.push('Give the planned start date.');
    if (missing.length) return openForm(deps, viewerId, roster, p, missing);
    const r = await openJourney(deps, {
      candidateId: p.candidateId!,
      trainerId: p.trainerId!,
      plannedStartDate: p.plannedStartDate!,
      unitId: p.unitId,
      openedBy: viewerId,
      requestId: req.requestId,
    });
    if (!r.ok) return openForm(deps, viewerId, roster, p, r.problems);
    const name = nameIn(roster);
    return cardFor(deps, r.journey, viewerId, roster, {
      notice: r.duplicate
        ? 'This journey was already open.'
        : `Journey opened. ${name(r.journey.candidateId)} and ${name(r.journey.trainerId)} have been told.`,
    });
  },
);

routes.add(VERBS.journeyShow, byId, async (deps, req, p) => {
  const r = await readJourney(deps, req.actor, p.journeyId, 'journey card');
  return r.journey ? cardFor(deps, r.journey, r.viewerId, r.roster) : notYours();
});

// "Show all" on a shortened answer or note: who is clicking is re-checked (role, then the field's own
// rule) and the read is audited like the card's; the answer is a card with that one field, whole.
routes.add(
  VERBS.journeyShowAll,
  byId.extend({ field: z.enum(SHOW_ALL_FIELDS, { errorMap: () => ({ message: 'That card refers to something Haven does not know.' }) }) }),
  async (deps, req, p) => {
    const r = await readJourney(deps, req.actor, p.journeyId, `show all: ${p.field}`);
    if (!r.journey || !r.ctx) return notYours();
    const full = fullField(r.journey, r.viewerId, r.roster, r.ctx, p.field);
    if (!full) {
      await deps.audit.append({
        at: deps.clock.now().toISOString(),
        actor: r.viewerId,
        action: 'journey.read',
        subject: `journey:${r.journey.id}`,
        about: r.journey.candidateId,
        reason: `show all: ${p.field}: not theirs to see`,
        outcome: 'denied',
      });
      return noticeCard({
        title: 'There is nothing more to show you here',
        lines: [{ text: 'Only the people who may read this can open it. Nothing was changed.' }],
        showFooter: true,
      });
    }
    return fullTextCard({
      title:
        r.journey.candidateId === r.viewerId ? 'Your move into the unit' : `Pre-deployment: ${nameIn(r.roster)(r.journey.candidateId)}`,
      label: full.label,
      text: full.text,
      forOthers: full.forOthers,
    });
  },
);

routes.add(VERBS.journeyAgree, byId, async (deps, req, p) => act(deps, req, p.journeyId, { type: 'agree' }));

routes.add(
  VERBS.exposureSchedule,
  byId.extend({
    exposureDate: z.string().max(32).optional(),
    exposureTime: z.string().max(16).optional(),
    exposurePlace: freeText('the place', PLACE_MAX),
  }),
  async (deps, req, p) => {
    const at = p.exposureDate && p.exposureTime ? ukWallTimeToIso(p.exposureDate, p.exposureTime) : undefined;
    return act(deps, req, p.journeyId, { type: 'scheduleExposure', at: at ?? 'invalid', place: p.exposurePlace ?? '' }, undefined, {
      exposureDate: p.exposureDate ?? '',
      exposureTime: p.exposureTime ?? '',
      exposurePlace: p.exposurePlace ?? '',
    });
  },
);

routes.add(
  VERBS.exposureRecord,
  byId.extend({
    outcome: z.enum(['done', 'didNotAttend', 'stoppedEarly'], {
      errorMap: () => ({ message: 'Choose done, did not attend or stopped early.' }),
    }),
  }),
  async (deps, req, p) => act(deps, req, p.journeyId, { type: 'recordExposure', outcome: p.outcome }),
);

routes.add(VERBS.journeyRecordDebrief, byId.extend({ debriefHeldOn: z.string().max(32).optional() }), async (deps, req, p) =>
  act(deps, req, p.journeyId, { type: 'recordDebrief', heldOn: p.debriefHeldOn ?? '' }, undefined, {
    debriefHeldOn: p.debriefHeldOn ?? '',
  }),
);

routes.add(VERBS.questionnaireOpen, byId, async (deps, req, p) => {
  const r = await readJourney(deps, req.actor, p.journeyId, 'questionnaire');
  if (!r.journey) return notYours();
  if (r.journey.candidateId !== r.viewerId)
    return cardFor(deps, r.journey, r.viewerId, r.roster, {
      notice: 'Only the candidate answers their questionnaire. Nothing was changed.',
    });
  if (r.journey.state !== 'questionnaireSent')
    return cardFor(deps, r.journey, r.viewerId, r.roster, {
      notice: r.journey.questionnaire?.submittedAt
        ? 'You have already sent your answers. Thank you.'
        : 'There is no questionnaire waiting for you right now.',
    });
  return questionnaireCard(questionnaireView(r.journey, r.roster, deps.clock.now(), r.journey.questionnaire?.draft ?? {}));
});

const answersSchema = byId.extend({
  feelings: freeText('your answer'),
  reservations: freeText('your answer'),
  relevance: freeText('your answer'),
  support: freeText('your answer'),
  willingness: z.string().max(20).optional(),
});
function answersOf(p: z.infer<typeof answersSchema>): Partial<QuestionnaireAnswers> {
  const a: Partial<QuestionnaireAnswers> = {};
  for (const k of ['feelings', 'reservations', 'relevance', 'support'] as const) if (p[k] !== undefined) a[k] = p[k];
  if (p.willingness) a.willingness = p.willingness as QuestionnaireAnswers['willingness'];
  return a;
}

async function answer(deps: JourneyDeps, req: ActionRequest, p: z.infer<typeof answersSchema>, submit: boolean): Promise<Card> {
  const answers = answersOf(p);
  const attempt = await tryAct(deps, req, p.journeyId, submit ? { type: 'submitQuestionnaire', answers } : { type: 'saveDraft', answers });
  if ('refused' in attempt) {
    const read = await readJourney(deps, req.actor, p.journeyId, 'questionnaire');
    if (!read.journey) return notYours();
    return questionnaireCard(questionnaireView(read.journey, read.roster, deps.clock.now(), answers, { notice: attempt.refused }));
  }
  const { r } = attempt;
  if (!r.ok) {
    if (!r.journey || !r.ctx || roleOn(r.journey, r.viewerId, r.ctx) === 'none') return notYours();
    // The questionnaire comes back with what they typed, so nothing they wrote is lost.
    if (r.journey.candidateId === r.viewerId && r.journey.state === 'questionnaireSent') {
      return questionnaireCard(
        questionnaireView(r.journey, r.roster, r.ctx.now, answers, {
          notice: r.rejection.message,
          problems: r.rejection.code === 'invalid' ? r.rejection.problems : undefined,
        }),
      );
    }
    return cardFor(deps, r.journey, r.viewerId, r.roster, { notice: `${r.rejection.message} Nothing was changed.` });
  }
  if (!submit)
    return questionnaireCard(
      questionnaireView(r.journey, r.roster, r.ctx.now, r.journey.questionnaire?.draft ?? answers, {
        notice: r.changed ? undefined : 'Your draft is saved; nothing had changed since.',
      }),
    );
  return cardFor(deps, r.journey, r.viewerId, r.roster, {
    notice: r.changed ? 'Thank you. Your answers are saved and only your trainer will read them.' : '',
  });
}

routes.add(VERBS.questionnaireSave, answersSchema, async (deps, req, p) => answer(deps, req, p, false));
routes.add(VERBS.questionnaireSubmit, answersSchema, async (deps, req, p) => answer(deps, req, p, true));

routes.add(
  VERBS.journeyReview,
  byId.extend({
    reviewOutcome: z.enum(['noConcerns', 'concerns'], { errorMap: () => ({ message: 'Choose "no concerns" or "concerns".' }) }),
    reviewNote: freeText('your note'),
  }),
  async (deps, req, p) =>
    act(deps, req, p.journeyId, { type: 'review', outcome: p.reviewOutcome, note: p.reviewNote }, undefined, {
      reviewOutcome: p.reviewOutcome,
      reviewNote: p.reviewNote ?? '',
    }),
);

routes.add(
  VERBS.journeyHeadReview,
  byId.extend({
    headOutcome: z.enum(['proceed', 'doNotProceed'], { errorMap: () => ({ message: 'Choose whether the move goes ahead.' }) }),
    headNote: freeText('your note'),
  }),
  async (deps, req, p) =>
    act(deps, req, p.journeyId, { type: 'headReview', outcome: p.headOutcome, note: p.headNote }, undefined, {
      headOutcome: p.headOutcome,
      headNote: p.headNote ?? '',
    }),
);

routes.add(
  VERBS.journeyWithdraw,
  byId.extend({ confirm: z.boolean().optional(), rationale: freeText('your reason') }),
  async (deps, req, p) => {
    if (!p.confirm) {
      // The button on every card first asks "are you sure", with room for an optional reason.
      const r = await readJourney(deps, req.actor, p.journeyId, 'withdraw');
      if (!r.journey) return notYours();
      if (r.journey.candidateId !== r.viewerId)
        return cardFor(deps, r.journey, r.viewerId, r.roster, {
          notice: 'Only the candidate can withdraw from their journey. Nothing was changed.',
        });
      if (isTerminal(r.journey.state)) return cardFor(deps, r.journey, r.viewerId, r.roster);
      return withdrawCard(withdrawView(r.journey, r.roster, deps.clock.now()));
    }
    const attempt = await tryAct(deps, req, p.journeyId, { type: 'withdraw', rationale: p.rationale });
    if ('refused' in attempt || !attempt.r.ok) {
      // The "are you sure" card comes back with the reason as typed and what went wrong.
      const read = await readJourney(deps, req.actor, p.journeyId, 'withdraw');
      if (!read.journey) return notYours();
      if (read.journey.candidateId !== read.viewerId || isTerminal(read.journey.state))
        return cardFor(
          deps,
          read.journey,
          read.viewerId,
          read.roster,
          'refused' in attempt
            ? { notice: attempt.refused }
            : { notice: `${attempt.r.ok ? '' : attempt.r.rejection.message} Nothing was changed.` },
        );
      const notice = 'refused' in attempt ? attempt.refused : `${attempt.r.ok ? '' : attempt.r.rejection.message} Nothing was changed.`;
      return withdrawCard(withdrawView(read.journey, read.roster, deps.clock.now(), { notice, rationale: p.rationale ?? '' }));
    }
    const r = attempt.r;
    if (r.changed)
      return cardFor(deps, r.journey, r.viewerId, r.roster, {
        notice: 'Done. Your move is cancelled, and this will never count against you.',
      });
    return cardFor(deps, r.journey, r.viewerId, r.roster, { notice: 'Nothing changed: this was already done.' });
  },
);

routes.add(VERBS.journeyCancel, byId.extend({ cancelReason: freeText('your reason') }), async (deps, req, p) =>
  act(deps, req, p.journeyId, { type: 'cancel', reason: p.cancelReason ?? '' }, undefined, { cancelReason: p.cancelReason ?? '' }),
);

routes.add(
  VERBS.attachmentOffer,
  byId.extend({ attachmentFrom: z.string().max(32).optional(), attachmentTo: z.string().max(32).optional() }),
  async (deps, req, p) => act(deps, req, p.journeyId, { type: 'offerAttachment', from: p.attachmentFrom ?? '', to: p.attachmentTo ?? '' }),
);

routes.add(
  VERBS.attachmentRespond,
  byId.extend({ response: z.enum(['accepted', 'declined'], { errorMap: () => ({ message: 'Accept or decline the attachment.' }) }) }),
  async (deps, req, p) => act(deps, req, p.journeyId, { type: 'respondAttachment', response: p.response }),
);

routes.add(VERBS.journeyReady, byId, async (deps, req, p) => act(deps, req, p.journeyId, { type: 'markReady' }));
