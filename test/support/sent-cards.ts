// Reading what the fake Bot Connector received: the cards in the calls, their buttons and facts,
// and which calls went to whom.
import assert from 'node:assert/strict';
import { SUPERVISOR_CHANNEL, personalChatId, type DemoUser } from './activities.ts';
import type { RecordedCall } from './fake-connector.ts';
import type { TestHaven } from './harness.ts';

export function cardIn(call: RecordedCall): any {
  return (call.body as any)?.attachments?.[0]?.content;
}

export function text(x: unknown): string {
  return JSON.stringify(x ?? null);
}

/** Successful POSTs (new messages) to a person's 1:1 chat. */
export function alertsTo(t: TestHaven, user: DemoUser): RecordedCall[] {
  return t.connector.calls.filter(
    (c) => c.operation === 'sendToConversation' && c.conversationId === personalChatId(user) && c.status >= 200 && c.status < 300,
  );
}

/** Successful POSTs to a person's 1:1 chat that are alerts about a request (not welcome cards, not owner updates). */
export function responderAlertsTo(t: TestHaven, user: DemoUser, id?: string): RecordedCall[] {
  return alertsTo(t, user).filter(
    (c) =>
      /"verb":"alert\.view"|"verb":"alert\.acknowledge"|"verb":"alert\.assess"|"verb":"redeployment\./.test(text(cardIn(c))) &&
      (!id || text(cardIn(c)).includes(id)),
  );
}

/** Every call (any method, any outcome) whose conversation is the supervisors' channel or a thread in it. */
export function channelCalls(t: TestHaven): RecordedCall[] {
  return t.connector.calls.filter((c) => (c.conversationId ?? '').startsWith(SUPERVISOR_CHANNEL));
}

/** The card as the person now sees it: the last body stored for that activity (after any PUT). */
export function currentCard(t: TestHaven, conversationId: string, activityId: string): any {
  const a = t.connector.getActivity(conversationId, activityId);
  assert.ok(a, `activity ${activityId} exists in ${conversationId}`);
  return (a.body as any)?.attachments?.[0]?.content;
}

export function activityIdOf(call: RecordedCall): string {
  const id = (call.responseBody as { id?: string } | undefined)?.id;
  assert.ok(id, 'the connector answered an activity id');
  return id;
}

export function actionsOf(card: any): any[] {
  // Buttons live in the card's actions or in ActionSets in its body.
  const found: any[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.type === 'Action.Execute') found.push(node);
      for (const [k, v] of Object.entries(node)) if (k !== 'fallback' && k !== 'refresh') walk(v);
    }
  };
  walk([...(card?.body ?? []), ...(card?.actions ?? [])]);
  return found;
}

/** Every fact of every FactSet in a card, wherever it sits. */
export function factsOf(card: unknown): { title: string; value: string }[] {
  const out: { title: string; value: string }[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'FactSet' && Array.isArray(o.facts)) out.push(...(o.facts as { title: string; value: string }[]));
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

export function fact(card: unknown, title: string): string | undefined {
  return factsOf(card).find((f) => f.title === title)?.value;
}

/** The value of every input on a card, by id: what a person sees in the boxes of a form that came back. */
export function inputsOf(card: unknown): Map<string, unknown> {
  const m = new Map<string, unknown>();
  const walk = (x: any): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      if (typeof x.id === 'string' && String(x.type).startsWith('Input.')) m.set(x.id, x.value);
      Object.values(x).forEach(walk);
    }
  };
  walk(card);
  return m;
}
