// Driving a whole Haven (the harness) as its people do: install the demo unit, post card actions,
// read the audit trail. Shared by the integration and security tests of every feature.
import assert from 'node:assert/strict';
import type { AuditEntry } from '../../src/kernel/types.ts';
import {
  DEMO,
  SUPERVISOR_CHANNEL,
  actionExecute,
  botAddedToTeam,
  inChannel,
  installPersonal,
  message,
  type DemoUser,
} from './activities.ts';
import type { TestHaven } from './harness.ts';

export const NEUTRAL = 'Haven has an update for you';
export const MIN = 60_000;

export const PEOPLE = {
  dana: 'dana.hughes',
  sam: 'sam.okafor',
  priya: 'priya.shah',
  tom: 'tom.reed',
  alex: 'alex.moreno',
  bea: 'bea.clarke',
  dev: 'dev.patel',
} as const;

/** Installs Haven for these people, adds it to the team and posts once in the supervisors' channel. */
export async function setUpUnit(
  t: TestHaven,
  users: DemoUser[] = [DEMO.alex!, DEMO.bea!, DEMO.dev!, DEMO.sam!, DEMO.priya!, DEMO.dana!, DEMO.tom!],
): Promise<void> {
  for (const u of users) assert.equal((await t.post(installPersonal(t.connector.url, u))).status, 200);
  assert.equal((await t.post(botAddedToTeam(t.connector.url, DEMO.dana!))).status, 200);
  assert.equal((await t.post(inChannel(message(t.connector.url, DEMO.sam!, 'hello')))).status, 200);
  assert.ok(await t.haven.deps.conversations.get({ kind: 'channel', channelId: SUPERVISOR_CHANNEL }), 'the channel reference exists');
  // The welcome cards go out in the turn; start each test from a quiet outbox.
  await t.tick();
}

/** Posts a card action and answers the card in the invoke response. */
export async function act(
  t: TestHaven,
  user: DemoUser,
  verb: string,
  data: Record<string, unknown> = {},
  where: 'personal' | 'channel' = 'personal',
): Promise<any> {
  const a = actionExecute(t.connector.url, user, verb, data);
  const r = await t.post(where === 'channel' ? inChannel(a) : a);
  assert.equal(r.status, 200);
  assert.equal(r.body?.type, 'application/vnd.microsoft.card.adaptive', JSON.stringify(r.body).slice(0, 300));
  return r.body.value;
}

export async function auditSince(t: TestHaven, fromIso = '2000-01-01T00:00:00.000Z'): Promise<AuditEntry[]> {
  return t.haven.deps.audit.list(fromIso, '2100-01-01T00:00:00.000Z');
}
