// Shared set-up for the pre-deployment journeys: a whole Haven with the demo unit, driven through
// real-shaped invokes, reading what the fake Bot Connector received.
import assert from 'node:assert/strict';
import type { Journey } from '../../../src/features/journeys/rules.ts';
import { DEMO, actionExecute, installPersonal, message, personalChatId, type DemoUser } from '../../support/activities.ts';
import type { RecordedCall } from '../../support/fake-connector.ts';
import type { TestHaven } from '../../support/harness.ts';

export { auditSince } from '../../support/haven-steps.ts';
export { actionsOf, cardIn, fact, text } from '../../support/sent-cards.ts';
export const DAY = 86_400_000;
export const START = '2027-03-01';

/** Free text with a marker in every field, so a leak anywhere can be found by scanning. */
export const CANARY = {
  feelings: 'CANARY-FEELINGS-7f3a',
  reservations: 'CANARY-RESERVATIONS-7f3a',
  relevance: 'CANARY-RELEVANCE-7f3a',
  support: 'CANARY-SUPPORT-7f3a',
  reviewNote: 'CANARY-REVIEWNOTE-7f3a',
  headNote: 'CANARY-HEADNOTE-7f3a',
  rationale: 'CANARY-RATIONALE-7f3a',
  reason: 'CANARY-REASON-7f3a',
  place: 'CANARY-PLACE-7f3a',
} as const;
export const ANY_CANARY = /CANARY-[A-Z]+-7f3a/;

export const ANSWERS = {
  feelings: CANARY.feelings,
  reservations: CANARY.reservations,
  relevance: CANARY.relevance,
  support: CANARY.support,
  willingness: 'notYet',
};

export async function install(t: TestHaven, users: DemoUser[] = [DEMO.dana!, DEMO.tom!, DEMO.gus!, DEMO.hana!, DEMO.alex!]): Promise<void> {
  for (const u of users) assert.equal((await t.post(installPersonal(t.connector.url, u))).status, 200);
  await t.tick();
}

/** Posts a card action and answers the card in the invoke response. */
export async function act(t: TestHaven, user: DemoUser, verb: string, data: Record<string, unknown> = {}): Promise<any> {
  const r = await t.post(actionExecute(t.connector.url, user, verb, data));
  assert.equal(r.status, 200);
  assert.equal(r.body?.type, 'application/vnd.microsoft.card.adaptive', JSON.stringify(r.body).slice(0, 300));
  return r.body.value;
}

/** Types a message and answers the cards Haven replied with. */
export async function say(t: TestHaven, user: DemoUser, words: string): Promise<any[]> {
  const before = t.connector.calls.length;
  assert.equal((await t.post(message(t.connector.url, user, words))).status, 200);
  return t.connector.calls
    .slice(before)
    .filter((c) => c.conversationId === personalChatId(user))
    .map((c) => (c.body as any)?.attachments?.[0]?.content)
    .filter(Boolean);
}

export function journeyIdIn(card: unknown): string | undefined {
  return JSON.stringify(card ?? {}).match(/"journeyId":"(jrn-[0-9a-f]{24})"/)?.[1];
}

export async function journey(t: TestHaven, id: string): Promise<Journey> {
  const j = await t.haven.deps.journeys.get(id);
  assert.ok(j, `journey ${id} is stored`);
  return j.value;
}

/** Cards delivered (successful POSTs) to a person's 1:1 chat. */
export function cardsTo(t: TestHaven, user: DemoUser, since = 0): any[] {
  return t.connector.calls
    .slice(since)
    .filter(
      (c: RecordedCall) =>
        c.operation === 'sendToConversation' && c.conversationId === personalChatId(user) && c.status >= 200 && c.status < 300,
    )
    .map((c) => (c.body as any)?.attachments?.[0]?.content);
}

/** Dana opens a journey for Gus with Tom as trainer, through the chat form; answers its id. */
export async function openForGus(t: TestHaven, by: DemoUser = DEMO.dana!): Promise<string> {
  const card = await act(t, by, 'journey.open', {
    candidateId: 'gus.novak',
    trainerId: 'tom.reed',
    unitId: 'unit-2',
    plannedStartDate: START,
  });
  const id = journeyIdIn(card);
  assert.ok(id, JSON.stringify(card).slice(0, 500));
  assert.match(JSON.stringify(card), /Journey opened/);
  await t.tick();
  return id;
}

export const exposureIn = (t: TestHaven, days = 2) => {
  const at = new Date(t.clock.now().getTime() + days * DAY);
  return { exposureDate: at.toISOString().slice(0, 10), exposureTime: '10:00', exposurePlace: CANARY.place };
};

/** Walks a journey from opened to questionnaire sent: exposure done, the debrief recorded, a day's gap. */
export async function toQuestionnaire(t: TestHaven, id: string): Promise<void> {
  await act(t, DEMO.dana!, 'journey.agree', { journeyId: id });
  await act(t, DEMO.tom!, 'exposure.schedule', { journeyId: id, ...exposureIn(t) });
  await act(t, DEMO.tom!, 'exposure.record', { journeyId: id, outcome: 'done' });
  await act(t, DEMO.tom!, 'journey.recordDebrief', { journeyId: id, debriefHeldOn: t.clock.now().toISOString().slice(0, 10) });
  t.clock.advance(DAY);
  await t.tick();
  assert.equal((await journey(t, id)).state, 'questionnaireSent', 'the questionnaire goes the day after the debrief');
}
