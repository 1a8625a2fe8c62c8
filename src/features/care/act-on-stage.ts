// Staged exposure use cases: the officer's own card, their actions, and the confirmation by their
// supervisor (or cover) or a trainer. Every action re-checks who is acting; a refusal changes
// nothing and is audited. The officer's private notes never leave their own card.
import { addMonths } from './care-schedule.ts';
import { actsNowFor } from '../../kernel/responsibility.ts';
import { maySeeStage, stageConfirmers } from './policy.ts';
import {
  STAGE_TITLES,
  allowedActions,
  canMoveOnFrom,
  describeStage,
  discussionsReached,
  newStagedExposure,
  nextStage,
  transition,
  type StageAction,
  type StageContext,
  type StageEffect,
  type StageRejection,
  type StagedExposure,
} from './staged-exposure.ts';
import type { Person, Roster } from '../../kernel/types.ts';
import { localMoment } from '../../kernel/working-time.ts';
import type { StageCardData, StageReviewCardData } from './stage-cards.ts';
import { noticeCard } from '../../kernel/notice-card.ts';
import { stageCard, stageReviewCard } from './stage-cards.ts';
import type { Card } from '../../kernel/cards.ts';
import type { Actor } from '../../kernel/context.ts';
import { formatTime, formatWeekday } from '../../kernel/format.ts';
import { identifyPerson, unrosteredId, viewerIdOf } from '../../kernel/identify-person.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { VersionConflict, type Versioned } from '../../kernel/ports.ts';
import { NEUTRAL_HEADLINE } from '../../kernel/cards.ts';
import type { CareDeps } from './deps.ts';
import { offViewingSince } from '../declarations/index.ts';
import { couldNotStore, shownText } from '../../kernel/text.ts';
import { fullTextCard } from '../../kernel/full-text-card.ts';
import { postToTray, resolveInTray } from '../../kernel/tray.ts';
import { stageDiscussionTrayItem, stageDiscussionTrayKey, stageTrayItem, stageTrayKey } from './stage-tray.ts';

export function stageContext(
  deps: Pick<CareDeps, 'clock' | 'careSettings' | 'policyFor' | 'fallbackResponders'>,
  person: Person,
  roster: Roster,
  offViewing?: string,
): StageContext {
  const now = deps.clock.now();
  return {
    now,
    reflectionDays: deps.careSettings.reflectionDays,
    confirmers: stageConfirmers(person, roster, now, actsNowFor(deps, person, roster, now)),
    offViewingSince: offViewing,
  };
}

/** What the stage card says while the officer is off viewing: to them, and to whoever would confirm. */
function offViewingFact(ctx: StageContext, own: boolean): { label: string; value: string }[] {
  if (!ctx.offViewingSince) return [];
  return [
    {
      label: 'Off viewing',
      value: `Since ${formatTime(ctx.offViewingSince)}. Staged exposure waits until ${own ? 'you are' : 'they are'} back.`,
    },
  ];
}

/** A new joiner (joined the unit within the configured months) may start staged exposure. */
export function isNewJoiner(person: Person, today: string, newJoinerMonths: number): boolean {
  return person.roles.includes('officer') && !!person.joinedUnitOn && addMonths(person.joinedUnitOn, newJoinerMonths) > today;
}

const nameIn = (roster: Roster) => (id: string | undefined) => roster.people.find((p) => p.id === id)?.name ?? 'someone';

function stageFacts(r: StagedExposure, roster: Roster, ctx: StageContext): { label: string; value: string }[] {
  const facts = [{ label: 'Where you are', value: describeStage(r) }];
  if (r.stageSince && r.status !== 'notStarted')
    facts.push({ label: r.status === 'complete' ? 'Completed' : 'Since', value: formatTime(r.stageSince) });
  const from = canMoveOnFrom(r, ctx.reflectionDays);
  if (from && r.status === 'inStage' && !r.readyFor)
    facts.push({ label: 'You can move on from', value: from <= ctx.now.toISOString() ? 'now, whenever you feel ready' : formatTime(from) });
  const names = ctx.confirmers.map(nameIn(roster)).join(', ');
  if (names) facts.push({ label: 'Who confirms', value: names });
  facts.push(...discussionFacts(r));
  facts.push(...offViewingFact(ctx, true));
  return facts;
}

/** The discussion about each stage reached: held on which day, or not recorded yet (dates only). */
function discussionFacts(r: StagedExposure): { label: string; value: string }[] {
  return discussionsReached(r).map((d) => ({
    label: `Discussion about ${STAGE_TITLES[d.stage]}`,
    value: d.heldOn ? `Held ${formatWeekday(d.heldOn)}` : 'Not recorded yet',
  }));
}

/** What the officer typed into the stage card, so a refused card comes back holding it. */
export type StageTyped = { note?: string; reflection?: string; shared?: boolean };

function typedIn(action: StageAction): StageTyped {
  if (action.type === 'pause' || action.type === 'stepBack') return { note: action.note };
  if (action.type === 'reflect') return { reflection: action.text, shared: action.shared };
  return {};
}

export function officerStageView(r: StagedExposure, roster: Roster, ctx: StageContext, notice = '', typed: StageTyped = {}): StageCardData {
  const allowed = allowedActions(r, r.personId, ctx);
  const next = nextStage(r.status === 'notStarted' ? undefined : r.stage);
  const intro =
    ctx.offViewingSince && r.status !== 'complete'
      ? 'You are off viewing just now. Staged exposure waits until you are back; nothing is lost, and there is no hurry.'
      : r.status === 'complete'
        ? 'You have completed all three stages. You can still step back at any time.'
        : r.status === 'paused'
          ? 'You have paused. Nothing moves on until you resume. Take the time you need.'
          : r.readyFor
            ? `You said you feel ready for ${r.readyFor === 'complete' ? 'the end of staged exposure' : `stage ${r.readyFor}`}. Your supervisor or a trainer will confirm after talking with you.`
            : r.status === 'notStarted'
              ? 'You meet the material in stages: category C first, then B, then A. You move on only when you say you feel ready and your supervisor or a trainer confirms.'
              : `When you feel ready for ${next === 'complete' ? 'the end of staged exposure' : `stage ${next}`}, say so here. There is no hurry.`;
  return {
    title:
      r.status === 'complete'
        ? 'Staged exposure: complete'
        : r.stage && r.status !== 'notStarted'
          ? `Staged exposure: stage ${r.stage}`
          : 'Staged exposure',
    intro,
    notice,
    facts: stageFacts(r, roster, ctx),
    canReady: allowed.includes('sayReady'),
    canPause: allowed.includes('pause'),
    canResume: allowed.includes('resume'),
    canStepBack: allowed.includes('stepBack'),
    canReflect: allowed.includes('reflect'),
    reflectionPrompt: r.stage ? `How is stage ${r.stage} sitting with you?` : '',
    note: typed.note ?? '',
    reflection: typed.reflection ?? '',
    reflectionShared: typed.shared ? 'true' : 'false',
  };
}

/** Shared reflections on the card: the latest ones (a card stays under Teams' size limit). */
export const SHARED_REFLECTIONS_SHOWN = 5;

export function reviewStageView(r: StagedExposure, viewerId: string, roster: Roster, ctx: StageContext, notice = ''): StageReviewCardData {
  const name = nameIn(roster)(r.personId);
  const allowed = allowedActions(r, viewerId, ctx);
  const target = r.readyFor;
  const facts = [
    { label: 'Who', value: name },
    { label: 'Stage', value: describeStage(r) },
  ];
  if (r.stageSince && r.status !== 'notStarted') facts.push({ label: 'Since', value: formatTime(r.stageSince) });
  const from = canMoveOnFrom(r, ctx.reflectionDays);
  if (from && from > ctx.now.toISOString()) facts.push({ label: 'Reflection period until', value: formatTime(from) });
  facts.push(...discussionFacts(r));
  facts.push(...offViewingFact(ctx, false));
  return {
    personId: r.personId,
    title: target
      ? `${name} feels ready for ${target === 'complete' ? 'the end of staged exposure' : `stage ${target}`}`
      : `${name}: staged exposure`,
    notice:
      notice || (ctx.offViewingSince && target ? `${name} is off viewing just now, so this cannot be confirmed until they are back.` : ''),
    facts,
    // The officer's words, as text; long ones shortened with "Show all" (stage.showReflection), the latest few.
    sharedReflections: r.reflections
      .filter((x) => x.shared)
      .slice(-SHARED_REFLECTIONS_SHOWN)
      .map((x) => {
        const shown = shownText(x.text, true);
        return { text: `${STAGE_TITLES[x.stage]}, ${formatTime(x.at)}: ${shown.text}`, at: x.at, more: shown.shortened };
      }),
    earlierReflections: Math.max(0, r.reflections.filter((x) => x.shared).length - SHARED_REFLECTIONS_SHOWN),
    canConfirm: allowed.includes('confirm'),
    confirmTitle: target === 'complete' ? 'Confirm completion' : target ? `Confirm stage ${target}` : 'Confirm',
  };
}

/** "Show all" on a shared reflection: the same check and audit as the stage card, then that one reflection, whole. */
export async function showSharedReflection(deps: CareDeps, actor: Actor, personId: string, at: string): Promise<Card> {
  const actorId = await viewerIdOf(deps, actor);
  const { roster, person, stored, offViewing } = await load(deps, personId);
  const ctx = person ? stageContext(deps, person, roster, offViewing) : undefined;
  const own = actorId === personId;
  const allowed = !!person && !!stored && !!ctx && (own || maySeeStage(person, ctx.confirmers, actorId));
  const reflection = stored?.value.reflections.find((x) => x.at === at && (own || x.shared));
  if (!own)
    await deps.audit.append({
      at: deps.clock.now().toISOString(),
      actor: actorId,
      action: 'stage.read',
      subject: `person:${personId.slice(0, 80)}`,
      reason: 'show all: a shared reflection',
      outcome: allowed && reflection ? 'ok' : 'denied',
    });
  if (!allowed || !reflection)
    return noticeCard({
      title: 'This is not yours to open',
      lines: [
        { text: 'Only their supervisor (or cover) or a trainer of the unit can see reflections they chose to share. Nothing was changed.' },
      ],
      showFooter: true,
    });
  return fullTextCard({
    title: own ? 'Your reflection' : `${nameIn(roster)(personId)}: a reflection they shared with you`,
    label: `${STAGE_TITLES[reflection.stage]}, ${formatTime(reflection.at)}`,
    text: reflection.text,
    forOthers: !own,
  });
}

function notANewJoiner(): Card {
  return noticeCard({
    title: 'Staged exposure',
    lines: [
      {
        text: 'Staged exposure is for officers who joined the unit recently. Nothing is set up for you; talk to your supervisor if you would like it.',
      },
    ],
    showFooter: true,
  });
}

interface Loaded {
  person: Person;
  roster: Roster;
  stored?: Versioned<StagedExposure>;
}

async function load(deps: CareDeps, personId: string): Promise<Omit<Loaded, 'person'> & { person?: Person; offViewing?: string }> {
  const roster = await loadRoster(deps);
  const offViewing = offViewingSince((await deps.declarations.listForPerson(personId)).map((d) => d.value));
  return { roster, person: roster.people.find((p) => p.id === personId), stored: await deps.stages.get(personId), offViewing };
}

/** The officer's own stage card; the record is created on first use for a new joiner. */
export async function showOwnStage(deps: CareDeps, actor: Actor, notice = ''): Promise<Card> {
  const me = await identifyPerson(deps, actor);
  if (!me)
    return noticeCard({
      title: "You are not on Haven's roster yet",
      lines: [{ text: 'Ask your supervisor or administrator to add you.' }],
      showFooter: true,
    });
  const { roster, person, stored, offViewing } = await load(deps, me.value.id);
  if (!person) return notANewJoiner();
  const today = localMoment(deps.clock.now()).date;
  let record = stored?.value;
  if (!record) {
    if (!isNewJoiner(person, today, deps.careSettings.newJoinerMonths)) return notANewJoiner();
    record = newStagedExposure(person.id, person.unitId);
  }
  return stageCard(officerStageView(record, roster, stageContext(deps, person, roster, offViewing), notice));
}

export type StageActResult = { ok: true; card: Card; changed: boolean } | { ok: false; card: Card; rejection: StageRejection };

function rejectionText(r: StageRejection): string {
  return `${r.message} Nothing was changed.`;
}

/**
 * The officer acts on their own record (subjectId undefined), or a confirmer on someone's record.
 * Stored before anyone is told; notifications carry deterministic ids from the record's history.
 */
export async function actOnStage(deps: CareDeps, actor: Actor, action: StageAction, subjectId?: string): Promise<StageActResult> {
  const me = await identifyPerson(deps, actor);
  const actorId = me?.value.id ?? unrosteredId(actor);
  const personId = subjectId ?? actorId;
  for (let attempt = 0; attempt < 3; attempt++) {
    const { roster, person, stored, offViewing } = await load(deps, personId);
    const at = deps.clock.now().toISOString();
    const audit = (outcome: 'ok' | 'denied', reason: string) =>
      deps.audit.append({
        at,
        actor: actorId,
        action: `stage.${action.type}`,
        subject: `person:${personId.slice(0, 80)}`,
        reason,
        outcome,
      });
    if (!me || !person) {
      await audit('denied', 'not on the roster');
      return {
        ok: false,
        card: noticeCard({ title: 'This is not yours to open', lines: [{ text: 'Nothing was changed.' }], showFooter: true }),
        rejection: { code: 'notEntitled', message: 'not on the roster' },
      };
    }
    const ctx = stageContext(deps, person, roster, offViewing);
    const today = localMoment(ctx.now).date;
    if (!stored && !(personId === actorId && isNewJoiner(person, today, deps.careSettings.newJoinerMonths))) {
      await audit('denied', 'no staged exposure');
      return {
        ok: false,
        card:
          personId === actorId
            ? notANewJoiner()
            : noticeCard({
                title: 'Nothing to confirm',
                lines: [{ text: 'This person has not started staged exposure. Nothing was changed.' }],
                showFooter: true,
              }),
        rejection: { code: 'notAllowedNow', message: 'no staged exposure' },
      };
    }
    const current = stored?.value ?? newStagedExposure(person.id, person.unitId);
    const out = transition(current, action, actorId, ctx);
    const isOfficer = actorId === personId;
    const mayView = maySeeStage(person, ctx.confirmers, actorId);
    if (!out.ok) {
      await audit('denied', out.rejection.code);
      const card = isOfficer
        ? stageCard(officerStageView(current, roster, ctx, rejectionText(out.rejection), typedIn(action)))
        : mayView
          ? stageReviewCard(reviewStageView(current, actorId, roster, ctx, rejectionText(out.rejection)))
          : noticeCard({
              title: 'This is not yours to open',
              lines: [{ text: 'Only their supervisor (or cover) or a trainer of the unit can see this. Nothing was changed.' }],
              showFooter: true,
            });
      return { ok: false, card, rejection: out.rejection };
    }
    if (!out.changed) {
      const card = isOfficer
        ? stageCard(officerStageView(current, roster, ctx, 'Nothing changed: this was already done.'))
        : stageReviewCard(reviewStageView(current, actorId, roster, ctx, 'Nothing changed: this was already done.'));
      return { ok: true, card, changed: false };
    }
    try {
      if (stored) await deps.stages.save(out.record, stored.version);
      else await deps.stages.create(out.record);
    } catch (error) {
      if (error instanceof VersionConflict && attempt < 2) continue;
      if (!isOfficer) throw error;
      // Storage refused or is down: the officer's card comes back with what they typed.
      await audit('denied', `not stored: ${(error as Error).name}`);
      const { why, message } = couldNotStore(error, { tooLarge: 'Your notes are too long to keep together; please shorten the longest.' });
      const card = stageCard(officerStageView(current, roster, ctx, message, typedIn(action)));
      return { ok: false, card, rejection: { code: 'invalid', message: why } };
    }
    await audit('ok', `${describeStage(out.record)}`);
    await notify(deps, current, out.record, out.effects, person, roster, ctx);
    const notice = action.type === 'reflect' ? 'Your reflection is saved.' : '';
    const card = isOfficer
      ? stageCard(officerStageView(out.record, roster, ctx, notice))
      : stageReviewCard(
          reviewStageView(
            out.record,
            actorId,
            roster,
            ctx,
            action.type === 'confirm'
              ? `Confirmed. ${person.name.split(' ')[0]} has been told.`
              : action.type === 'recordDiscussion'
                ? `Recorded: the discussion about ${STAGE_TITLES[action.stage]}, held ${formatWeekday(action.heldOn)}.`
                : '',
          ),
        );
    return { ok: true, card, changed: true };
  }
  throw new Error('unreachable');
}

/** A supervisor, cover or trainer reads someone's stage: allowed only to confirmers, audited either way. */
export async function viewStageOf(deps: CareDeps, actor: Actor, personId: string): Promise<Card> {
  const actorId = await viewerIdOf(deps, actor);
  const { roster, person, stored, offViewing } = await load(deps, personId);
  if (actorId === personId) return showOwnStage(deps, actor);
  const ctx = person ? stageContext(deps, person, roster, offViewing) : undefined;
  const allowed = !!person && !!stored && !!ctx && maySeeStage(person, ctx.confirmers, actorId);
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorId,
    action: 'stage.read',
    subject: `person:${personId.slice(0, 80)}`,
    reason: 'stage card',
    outcome: allowed ? 'ok' : 'denied',
  });
  if (!allowed)
    return noticeCard({
      title: 'This is not yours to open',
      lines: [{ text: 'Only their supervisor (or cover) or a trainer of the unit can see this. Nothing was changed.' }],
      showFooter: true,
    });
  return stageReviewCard(reviewStageView(stored.value, actorId, roster, ctx));
}

/**
 * What follows a stored change. The request to confirm is a line in each confirmer's tray (their daily
 * digest: stage-tray.ts), not a card each; it closes for everyone once nobody needs to confirm it (it
 * was confirmed, or the officer paused or stepped back). What the officer is told of their own stage
 * ('stage.moved') stays a card at once: it answers their own request and they are not in the digest.
 * 'stage.changed' (the officer paused, resumed or stepped back) stays a card to the responsible person
 * too: it asks for no action and follows the officer's own click, so it has nothing to wait for.
 */
async function notify(
  deps: CareDeps,
  before: StagedExposure,
  r: StagedExposure,
  effects: StageEffect[],
  person: Person,
  roster: Roster,
  ctx: StageContext,
): Promise<void> {
  const revision = `h${r.history.length}`;
  const first = person.name.split(' ')[0]!;
  const responsible = actsNowFor(deps, person, roster, ctx.now);
  if (before.readyFor && before.readyFor !== r.readyFor) await resolveInTray(deps, stageTrayKey(r.personId, before.readyFor), ctx.now);
  for (const e of effects) {
    if (e.kind === 'promptDiscussion') {
      if (responsible.kind !== 'nobody')
        await postToTray(deps, stageDiscussionTrayItem(r, e.stage, responsible.personId, roster, ctx.now.toISOString()));
    } else if (e.kind === 'discussionHeld') {
      await resolveInTray(deps, stageDiscussionTrayKey(r.personId, e.stage), ctx.now);
    } else if (e.kind === 'askConfirmation') {
      for (const confirmer of ctx.confirmers) await postToTray(deps, stageTrayItem(r, e.readyFor, confirmer, roster));
    } else if (e.kind === 'tellOfficer') {
      await deps.notifier.enqueue({
        id: `stage:${r.personId}:${revision}:${e.event}`,
        lane: 'bulk',
        target: { kind: 'person', personId: r.personId },
        operation: 'send',
        activity: {
          text: NEUTRAL_HEADLINE,
          card: stageCard(
            officerStageView(
              r,
              roster,
              ctx,
              e.event === 'completed' ? 'Confirmed: you have completed staged exposure.' : `Confirmed: you are now at stage ${r.stage!}.`,
            ),
          ),
        },
        purpose: 'stage.moved',
      });
    } else if (e.kind === 'tellConfirmers' && responsible.kind !== 'nobody') {
      const what =
        e.event === 'paused'
          ? 'has paused staged exposure'
          : e.event === 'resumed'
            ? 'has resumed staged exposure'
            : `has stepped back (now: ${describeStage(r)})`;
      await deps.notifier.enqueue({
        id: `stage:${r.personId}:${revision}:${e.event}:${responsible.personId}`,
        lane: 'bulk',
        target: { kind: 'person', personId: responsible.personId },
        operation: 'send',
        activity: {
          text: NEUTRAL_HEADLINE,
          card: noticeCard({
            title: 'Staged exposure',
            lines: [
              { text: `${first} ${what}. This is their choice and needs no action; a conversation may help if they would like one.` },
            ],
            showFooter: true,
          }),
        },
        purpose: 'stage.changed',
      });
    }
  }
}
