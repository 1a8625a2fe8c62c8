// Raising a concern: "I'm concerned about a colleague" (any unit member, about a colleague chosen
// from a list of their unit) and "I've noticed …" (a supervisor or department head, about someone
// they are responsible for). The person is checked again here (policy.ts), never taken on trust from
// the card; bad input brings the form back holding what was typed, and nothing is stored.
import type { Card } from '../../kernel/cards.ts';
import type { Actor } from '../../kernel/context.ts';
import { identifyPerson, unrosteredId } from '../../kernel/identify-person.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { noticeCard } from '../../kernel/notice-card.ts';
import { cleanText, tooLongProblem } from '../../kernel/text.ts';
import type { Person, Roster } from '../../kernel/types.ts';
import { concernConfirmationCard, concernFormCard } from './cards.ts';
import type { ConcernDeps } from './deps.ts';
import { NOTE_MAX_BYTES, isConcernCategory, type Concern, type ConcernSource } from './model.ts';
import { notifyConcern } from './notify.ts';
import { mayRaiseConcern, mayRecordNoticed } from './policy.ts';
import { colleaguesOf, concernIdFor, isUnitMember, noticeablesOf, routeFor, welfareLeadsFor, type RouteDecision } from './rules.ts';
import { colleagueFormData, confirmationData, noticedFormData } from './views.ts';

export interface RaisePayload {
  personId?: string;
  category?: string;
  route?: string;
  note?: string;
}

const NOT_FOR_YOU = (what: string) =>
  noticeCard({
    title: 'This is not available to you',
    lines: [{ text: `${what} Nothing was sent.` }],
    showFooter: true,
  });

async function refuse(deps: ConcernDeps, actorId: string, reason: string): Promise<void> {
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorId,
    action: 'concern.raise',
    subject: 'concern',
    reason,
    outcome: 'denied',
  });
}

function hasWelfareLead(deps: ConcernDeps, raiser: Person, people: Person[], roster: Roster, now: Date): boolean {
  return people.some((p) => welfareLeadsFor(deps, p, roster, now).some((id) => id !== raiser.id));
}

/** "I'm concerned about a colleague": the form, for someone who works in a unit. */
export async function openColleagueForm(deps: ConcernDeps, actor: Actor): Promise<Card> {
  const me = (await identifyPerson(deps, actor))?.value;
  if (!me || !isUnitMember(me)) return NOT_FOR_YOU('Haven offers this to people who work in a unit, about their colleagues.');
  const roster = await loadRoster(deps);
  const people = colleaguesOf(me, roster);
  if (people.length === 0) return NOT_FOR_YOU("Haven has nobody else on your unit's roster.");
  return concernFormCard(colleagueFormData({ people, hasWelfareLead: hasWelfareLead(deps, me, people, roster, deps.clock.now()) }));
}

/** "I've noticed …": the form, for someone responsible for at least one person. `personId` preselects a person they may choose. */
export async function openNoticedForm(deps: ConcernDeps, actor: Actor, personId?: string): Promise<Card> {
  const me = (await identifyPerson(deps, actor))?.value;
  const roster = await loadRoster(deps);
  const people = me ? noticeablesOf(me, roster, deps.clock.now()) : [];
  if (people.length === 0)
    return NOT_FOR_YOU('Haven offers "I\'ve noticed" to supervisors and department heads, about the people they are responsible for.');
  const chosen = people.some((p) => p.id === personId) ? personId : undefined;
  return concernFormCard(noticedFormData({ people, typed: chosen ? { personId: chosen } : {} }));
}

export async function raiseConcern(
  deps: ConcernDeps,
  actor: Actor,
  requestId: string,
  payload: RaisePayload,
  source: ConcernSource,
): Promise<Card> {
  const now = deps.clock.now();
  const found = await identifyPerson(deps, actor);
  const me = found?.value;
  const actorId = me?.id ?? unrosteredId(actor);
  const roster = await loadRoster(deps);
  const people = me ? (source === 'colleague' ? colleaguesOf(me, roster) : noticeablesOf(me, roster, now)) : [];
  if (!me || people.length === 0) {
    await refuse(deps, actorId, source === 'colleague' ? 'not a unit member' : 'responsible for nobody');
    return NOT_FOR_YOU(
      source === 'colleague'
        ? 'Haven offers this to people who work in a unit, about their colleagues.'
        : 'Haven offers "I\'ve noticed" to supervisors and department heads, about the people they are responsible for.',
    );
  }
  const typed = { ...payload } as Record<string, unknown>;
  const form = (notice: string) =>
    concernFormCard(
      source === 'colleague'
        ? colleagueFormData({ people, hasWelfareLead: hasWelfareLead(deps, me, people, roster, now), notice, typed })
        : noticedFormData({ people, notice, typed }),
    );
  const subject = roster.people.find((p) => p.id === payload.personId);
  const allowed =
    !!subject && (source === 'colleague' ? mayRaiseConcern(me, subject.id, roster) : mayRecordNoticed(me, subject.id, roster, now));
  if (!subject || !allowed) {
    // A value that is not on the list the form offered: someone edited the card, or the roster changed.
    if (payload.personId) await refuse(deps, actorId, source === 'colleague' ? 'not a colleague' : 'not responsible for them');
    return form('Please choose someone from the list. Nothing was sent.');
  }
  if (!isConcernCategory(payload.category)) return form('Please choose what it is about. Nothing was sent.');
  const note = cleanText(payload.note ?? '').trim();
  const tooLong = tooLongProblem('your note', note, NOTE_MAX_BYTES);
  if (tooLong) return form(`${tooLong} Nothing was sent.`);

  let decision: RouteDecision;
  if (source === 'noticed') decision = { ok: true, route: 'self', chain: [], why: 'self' };
  else decision = routeFor(deps, me, subject, payload.route === 'welfareLead' ? 'welfareLead' : 'responsible', roster, now);
  if (!decision.ok) {
    await deps.audit.append({
      at: now.toISOString(),
      actor: actorId,
      action: 'concern.raise',
      subject: 'concern',
      reason: 'nobody to tell',
      outcome: 'failed',
    });
    return noticeCard({
      title: 'Haven could not pass this on',
      lines: [
        {
          text: 'Haven has nobody it can give this to at the moment: nobody responsible for them, and no welfare lead, is available. Nothing was sent.',
        },
        { text: 'If you are worried about their safety now, call 999. Otherwise, please speak to someone you trust in the force.' },
      ],
      showFooter: true,
    });
  }
  const concern: Concern = {
    id: concernIdFor(subject.id, me.id, requestId),
    personId: subject.id,
    unitId: subject.unitId,
    source,
    route: decision.route,
    category: payload.category,
    raisedBy: me.id,
    ...(note ? { note } : {}),
    openedAt: now.toISOString(),
    notices: [],
  };
  if ((await deps.concerns.add(concern)) === 'created') {
    // Two rows that are never joined in the trail: the raiser's (naming no concern, so the person it
    // is about never finds it in their own export) and the concern's (naming no raiser).
    await deps.audit.append({
      at: now.toISOString(),
      actor: me.id,
      action: 'concern.raise',
      subject: 'concern',
      reason: source === 'colleague' ? 'a concern about a colleague' : 'something noticed about someone they are responsible for',
      outcome: 'ok',
    });
    await deps.audit.append({
      at: now.toISOString(),
      actor: 'system',
      action: 'concern.open',
      subject: `concern:${concern.id}`,
      about: concern.personId,
      reason: concern.category,
      outcome: 'ok',
    });
  }
  const stored = await deps.concerns.get(concern.id);
  if (stored) await notifyConcern(deps, stored, roster);
  const held = stored?.value ?? concern;
  const shown: Extract<RouteDecision, { ok: true }> =
    decision.route === 'self' ? { ...decision, chain: [{ personId: me.id, role: 'supervisor', delayMinutes: 0 }] } : decision;
  return concernConfirmationCard(confirmationData({ concern: held, decision: shown, roster, support: deps.supportDirectory }));
}
