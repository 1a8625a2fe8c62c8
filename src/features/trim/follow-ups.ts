// The TRiM follow-up workflows a click or a hand-over starts. Each re-checks who is acting against
// policy.ts at the moment of the click; a refusal changes nothing and leaves a 'denied' audit row.
import type { Actor } from '../../kernel/context.ts';
import type { Card } from '../../kernel/cards.ts';
import { NEUTRAL_HEADLINE } from '../../kernel/cards.ts';
import { nameIn } from '../../kernel/format.ts';
import { friendlyProblemCard } from '../../kernel/routes.ts';
import { VersionConflict, type Versioned } from '../../kernel/ports.ts';
import { directReports } from '../../kernel/responsibility.ts';
import { beginTurn, type Turn } from '../../kernel/turn.ts';
import { trimCard, trimListCard, trimOfferCard, trimPractitionerCard } from './cards.ts';
import type { TrimDeps } from './deps.ts';
import { mayActOnTrim, mayOfferTrim, mayRequestTrim, maySeeOffer, maySeeTrimRequest } from './policy.ts';
import {
  acknowledgeTrim,
  answerTrim,
  isAwaitingAnswer,
  isTrimOpen,
  newTrimFollowUp,
  recordTrim,
  trimStatus,
  type TrimAnswer,
  type TrimFollowUp,
  type TrimOutcome,
  type TrimStep,
} from './rules.ts';
import { chainFor } from './tick-trim.ts';
import { listCardData, offerCardData, officerCardData, practitionerCardData, requestCardData } from './views.ts';

const NOT_FOUND = friendlyProblemCard('That follow-up is not available', [
  'It may have been recorded already, or it is not one you can open. Nothing was changed.',
]);

/**
 * The hand-over point from a request for support ("I'm not okay"): its 72-hour or one-month
 * follow-up becomes a TRiM follow-up, whose officer is asked in their working hours. Idempotent by
 * id: a flush retried after a crash creates it once.
 */
export async function handOverRequestFollowUp(
  deps: Pick<TrimDeps, 'trimFollowUps' | 'audit' | 'clock'>,
  input: { declarationId: string; which: '72h' | '1month'; personId: string; unitId: string },
): Promise<void> {
  const now = deps.clock.now();
  const f = newTrimFollowUp({
    id: `trim-${input.declarationId}-${input.which}`,
    personId: input.personId,
    unitId: input.unitId,
    origin: input.which === '72h' ? 'request72h' : 'request1month',
    now,
  });
  if ((await deps.trimFollowUps.add(f)) === 'created')
    await deps.audit.append({
      at: now.toISOString(),
      actor: 'system',
      action: 'trim.handover',
      subject: `trim:${f.id}`,
      about: f.personId,
      reason: `${f.origin} from declaration:${input.declarationId}`,
      outcome: 'ok',
    });
}

async function openFor(deps: TrimDeps, personId: string): Promise<Versioned<TrimFollowUp>[]> {
  return (await deps.trimFollowUps.listForPerson(personId))
    .filter((f) => isTrimOpen(f.value))
    .sort((a, b) => a.value.createdAt.localeCompare(b.value.createdAt));
}

const compact = (iso: string) => iso.replace(/[^0-9]/g, '').slice(0, 14);

/** "trim" typed by an officer: the question waiting for them, where their follow-up stands, or a way to ask. */
export async function showOwnTrim(deps: TrimDeps, actor: Actor): Promise<Card | undefined> {
  const turn = await beginTurn(deps, actor);
  if (!turn.person || !mayRequestTrim(turn.person)) return undefined;
  const chain = chainFor(deps, { personId: turn.viewerId, unitId: turn.person.unitId }, turn.roster, turn.now);
  const open = await openFor(deps, turn.viewerId);
  const current = open.find((f) => trimStatus(f.value) === 'wanted') ?? open.find((f) => f.value.asked && isAwaitingAnswer(f.value));
  return trimCard(current ? officerCardData(current.value, chain, turn.roster) : requestCardData(chain, turn.roster));
}

/** "I'd like a TRiM follow-up": answers a question waiting for them, or starts one of their own. */
export async function requestTrim(deps: TrimDeps, actor: Actor): Promise<Card> {
  const turn = await beginTurn(deps, actor);
  if (!turn.person || !mayRequestTrim(turn.person)) {
    await turn.audit(
      'trim.request',
      `person:${turn.viewerId}`,
      turn.person ? 'not an officer or supervisor' : 'not on the roster',
      'denied',
    );
    return friendlyProblemCard('TRiM follow-ups are not arranged here for you', [
      'Haven arranges TRiM follow-ups for officers and supervisors on the unit roster. Nothing was changed.',
      'If you need someone now, press "I\'m not okay", or use the support directory.',
    ]);
  }
  const chain = chainFor(deps, { personId: turn.viewerId, unitId: turn.person.unitId }, turn.roster, turn.now);
  const open = await openFor(deps, turn.viewerId);
  const wanted = open.find((f) => trimStatus(f.value) === 'wanted');
  if (wanted) return trimCard(officerCardData(wanted.value, chain, turn.roster, 'You have already asked; nothing more is needed.'));
  const waiting = open.find((f) => isAwaitingAnswer(f.value));
  if (waiting) return answer(deps, turn, waiting.value.id, 'yes');
  const f = newTrimFollowUp({
    id: `trim-case-${turn.viewerId}-${compact(turn.at)}`,
    personId: turn.viewerId,
    unitId: turn.person.unitId,
    origin: 'notableCaseSelf',
    startedBy: turn.viewerId,
    now: turn.now,
  });
  await deps.trimFollowUps.add(f);
  await turn.audit('trim.request', `trim:${f.id}`, 'asked for a TRiM follow-up');
  return trimCard(officerCardData(f, chain, turn.roster, 'Thank you. Your request is in.'));
}

export async function answerTrimQuestion(deps: TrimDeps, actor: Actor, followUpId: string, value: TrimAnswer): Promise<Card> {
  return answer(deps, await beginTurn(deps, actor), followUpId, value);
}

async function answer(deps: TrimDeps, turn: Turn, followUpId: string, value: TrimAnswer): Promise<Card> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const stored = await deps.trimFollowUps.get(followUpId);
    const step = stored ? answerTrim(stored.value, turn.viewerId, value, turn.now) : undefined;
    if (!stored || !step || (!step.ok && step.rejection.code === 'notEntitled')) {
      await turn.audit('trim.answer', `trim:${followUpId.slice(0, 120)}`, stored ? 'not entitled' : 'no such follow-up', 'denied');
      return NOT_FOUND;
    }
    const chain = chainFor(deps, stored.value, turn.roster, turn.now);
    if (!step.ok) return trimCard(officerCardData(stored.value, chain, turn.roster, `${step.rejection.message} Nothing was changed.`));
    if (!step.changed) return trimCard(officerCardData(stored.value, chain, turn.roster));
    try {
      await deps.trimFollowUps.save(step.followUp, stored.version);
    } catch (error) {
      if (error instanceof VersionConflict && attempt === 0) continue;
      throw error;
    }
    // The answer itself is kept out of the audit trail's words: it is the officer's, and the follow-up holds it.
    await turn.audit('trim.answer', `trim:${followUpId}`, 'answered');
    return trimCard(officerCardData(step.followUp, chain, turn.roster));
  }
  return NOT_FOUND;
}

/** The supervisor's form: whom they may offer a TRiM follow-up to now (policy.ts mayOfferTrim). */
export async function offerForm(deps: TrimDeps, actor: Actor, notice = '', chosen = ''): Promise<Card | undefined> {
  const turn = await beginTurn(deps, actor);
  if (!turn.person) return undefined;
  const candidates = turn.roster.people
    .filter((p) => mayOfferTrim(turn.viewerId, p.id, turn.roster, turn.now))
    .sort((a, b) => a.name.localeCompare(b.name));
  if (candidates.length === 0 && directReports(turn.roster.people, turn.viewerId).length === 0 && !notice) return undefined;
  // What they offered in the last 90 days: to whom and when, never the answer (policy.ts maySeeOffer).
  const since = new Date(turn.now.getTime() - 90 * 24 * 60 * 60_000).toISOString();
  const offered: { name: string; on: string }[] = [];
  for (const p of candidates)
    for (const f of await deps.trimFollowUps.listForPerson(p.id))
      if (maySeeOffer(turn.viewerId, f.value) && f.value.createdAt >= since)
        offered.push({ name: p.name, on: f.value.createdAt.slice(0, 10) });
  offered.sort((a, b) => b.on.localeCompare(a.on));
  return trimOfferCard(
    offerCardData(
      candidates.map((p) => ({ id: p.id, name: p.name })),
      notice,
      chosen,
      offered.slice(0, 5),
    ),
  );
}

/** "Offer a TRiM follow-up after a notable case": the officer is asked, as at a request's follow-up. */
export async function offerTrim(deps: TrimDeps, actor: Actor, personId: string): Promise<Card> {
  const turn = await beginTurn(deps, actor);
  if (!mayOfferTrim(turn.viewerId, personId, turn.roster, turn.now)) {
    await turn.audit('trim.offer', `person:${personId.slice(0, 120)}`, 'not their line supervisor now', 'denied');
    return (await offerForm(deps, actor, 'You can offer one only to someone you supervise now. Nothing was changed.')) ?? NOT_FOUND;
  }
  const person = turn.roster.people.find((p) => p.id === personId)!;
  const open = await openFor(deps, personId);
  // One open at a time: a second offer while one waits for an answer, or is being arranged, adds nothing.
  // The supervisor is told the same either way, so the answer to an earlier one stays private.
  if (open.length === 0) {
    const f = newTrimFollowUp({
      id: `trim-case-${personId}-${compact(turn.at)}`,
      personId,
      unitId: person.unitId,
      origin: 'notableCaseSupervisor',
      startedBy: turn.viewerId,
      now: turn.now,
    });
    await deps.trimFollowUps.add(f);
    await turn.audit('trim.offer', `trim:${f.id}`, 'offered after a notable case');
  } else await turn.audit('trim.offer', `person:${personId}`, 'one already open; nothing added');
  return trimOfferCard({
    ...offerCardData([], ''),
    title: 'TRiM follow-up offered',
    lines: [
      {
        text: `${person.name} will be asked privately, in their working hours, whether they would like a TRiM follow-up (unless one is already open for them).`,
      },
      { text: 'Their answer is theirs: you are not told whether they said yes or not now.' },
    ],
    canOffer: false,
  });
}

/** "TRiM follow-ups": the wanted follow-ups this practitioner may act on now. */
export async function listTrim(deps: TrimDeps, actor: Actor): Promise<Card | undefined> {
  const turn = await beginTurn(deps, actor);
  if (!turn.person) return undefined;
  const mine = (await deps.trimFollowUps.listOpen())
    .map((s) => s.value)
    .filter((f) => trimStatus(f) === 'wanted' && mayActOnTrim(turn.viewerId, f, chainFor(deps, f, turn.roster, turn.now)));
  await turn.audit('trim.read', `person:${turn.viewerId}`, `list: ${mine.length}`);
  return trimListCard(listCardData(mine, turn.viewerId, turn.roster));
}

export async function showTrim(deps: TrimDeps, actor: Actor, followUpId: string): Promise<Card> {
  const turn = await beginTurn(deps, actor);
  const f = (await deps.trimFollowUps.get(followUpId))?.value;
  const chain = f ? chainFor(deps, f, turn.roster, turn.now) : [];
  if (!f || !maySeeTrimRequest(turn.viewerId, f, chain)) {
    await turn.audit('trim.read', `trim:${followUpId.slice(0, 120)}`, f ? 'not entitled' : 'no such follow-up', 'denied');
    return NOT_FOUND;
  }
  await turn.audit('trim.read', `trim:${f.id}`, 'shown');
  return trimPractitionerCard(practitionerCardData(f, turn.viewerId, mayActOnTrim(turn.viewerId, f, chain), turn.roster, turn.today));
}

export type PractitionerAction = { type: 'acknowledge' } | { type: 'record'; outcome: TrimOutcome; heldOn?: string };

export async function actOnTrim(deps: TrimDeps, actor: Actor, followUpId: string, action: PractitionerAction): Promise<Card> {
  const turn = await beginTurn(deps, actor);
  const auditAction = action.type === 'acknowledge' ? 'trim.acknowledge' : 'trim.record';
  for (let attempt = 0; attempt < 2; attempt++) {
    const stored = await deps.trimFollowUps.get(followUpId);
    const chain = stored ? chainFor(deps, stored.value, turn.roster, turn.now) : [];
    const step: TrimStep | undefined = !stored
      ? undefined
      : action.type === 'acknowledge'
        ? acknowledgeTrim(stored.value, turn.viewerId, chain, turn.now)
        : recordTrim(stored.value, turn.viewerId, chain, action.outcome, action.heldOn, turn.today, turn.now);
    if (!stored || !step || (!step.ok && step.rejection.code === 'notEntitled')) {
      await turn.audit(auditAction, `trim:${followUpId.slice(0, 120)}`, stored ? 'not entitled' : 'no such follow-up', 'denied');
      return NOT_FOUND;
    }
    const card = (f: TrimFollowUp, notice: string) =>
      trimPractitionerCard(practitionerCardData(f, turn.viewerId, mayActOnTrim(turn.viewerId, f, chain), turn.roster, turn.today, notice));
    if (!step.ok) return card(stored.value, `${step.rejection.message} Nothing was changed.`);
    if (!step.changed) return card(stored.value, '');
    try {
      await deps.trimFollowUps.save(step.followUp, stored.version);
    } catch (error) {
      if (error instanceof VersionConflict && attempt === 0) continue;
      throw error;
    }
    const f = step.followUp;
    await turn.audit(
      auditAction,
      `trim:${f.id}`,
      action.type === 'acknowledge'
        ? 'being arranged'
        : f.outcome!.value === 'held'
          ? `held on ${f.outcome!.heldOn}`
          : 'could not be arranged',
    );
    if (f.outcome?.value === 'notArranged') {
      // The officer is told it could not be arranged, never by whom, and may ask again.
      await deps.notifier.enqueue({
        id: `trim:${f.id}:notArranged`,
        lane: 'bulk',
        target: { kind: 'person', personId: f.personId },
        operation: 'send',
        activity: { text: NEUTRAL_HEADLINE, card: trimCard(officerCardData(f, chain, turn.roster)) },
        purpose: 'trim.outcome',
      });
    }
    const name = nameIn(turn.roster)(f.personId);
    return card(
      f,
      action.type === 'acknowledge'
        ? `Thank you. When you have held it with ${name}, record the date here.`
        : f.outcome!.value === 'held'
          ? 'Recorded: held. Thank you. Nothing about what was said is stored.'
          : `Recorded: could not be arranged. ${name} is told, and may ask again.`,
    );
  }
  return NOT_FOUND;
}
