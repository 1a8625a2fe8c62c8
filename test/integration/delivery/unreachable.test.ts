// 403 (blocked or uninstalled) and a missing conversation reference are welfare signals: the message is
// marked unreachable at once, never retried, and the audit trail records who could not be reached.
import assert from 'node:assert/strict';
import { DEMO, installPersonal, personalChatId } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { enqueue, postsTo, row, unreachableAudits } from '../../support/delivery.ts';

const TEXT = 'Haven has an update for you';

describe('delivery: unreachable recipients', () => {
  let t: TestHaven;
  before(async () => {
    t = await startTestHaven();
  });
  after(async () => t.close());

  it('a person who blocked Haven (403 ConversationBlockedByUser): unreachable after one call, audited by target only', async () => {
    const install = await t.post(installPersonal(t.connector.url, DEMO.sam!));
    assert.equal(install.status, 200);
    const ref = await t.haven.deps.conversations.get({ kind: 'person', personId: 'sam.okafor' });
    assert.ok(ref, 'the install stored a conversation reference');
    assert.equal(ref.value.serviceUrl, t.connector.url);
    const conv = personalChatId(DEMO.sam!);
    assert.equal(ref.value.conversationId, conv);
    t.connector.blockConversation(conv);

    await enqueue(t, 'blocked-1', 'sam.okafor', { lane: 'alert', text: TEXT });
    // The alert went at once (issue 15's express path): let it land before the clock moves past its claim.
    await t.haven.dispatcher.expressSettled();
    await t.haven.dispatcher.drain();
    t.clock.advance(10 * 60_000);
    await t.haven.dispatcher.drain();

    const r = await row(t, 'blocked-1');
    assert.equal(r.status, 'unreachable');
    assert.equal(r.attempts, 1);
    assert.match(r.lastError ?? '', /^403 ConversationBlockedByUser$/);
    const calls = postsTo(t, conv);
    assert.equal(calls.length, 1, 'exactly one call, no retry');
    assert.equal(calls[0]!.status, 403);

    const audits = await unreachableAudits(t, 'person:sam.okafor');
    assert.equal(audits.length, 1);
    const [a] = audits;
    assert.equal(a!.actor, 'system');
    assert.equal(a!.outcome, 'failed');
    assert.match(a!.reason ?? '', /ConversationBlockedByUser/);
    // No free text: neither the message nor the connector's human-readable error reaches the audit row.
    const stored = JSON.stringify(a);
    assert.doesNotMatch(stored, /Haven has an update for you|User blocked the conversation/);
    assert.doesNotMatch(stored, /"(text|card|activity|body)"/);
  });

  it('a person with no conversation reference: unreachable without any HTTP call', async () => {
    assert.equal(await t.haven.deps.conversations.get({ kind: 'person', personId: 'never.installed' }), undefined);
    const callsBefore = t.connector.calls.length;

    await enqueue(t, 'no-ref-1', 'never.installed', { text: TEXT });
    await t.haven.dispatcher.drain();
    t.clock.advance(10 * 60_000);
    await t.haven.dispatcher.drain();

    const r = await row(t, 'no-ref-1');
    assert.equal(r.status, 'unreachable');
    assert.equal(r.attempts, 1);
    assert.equal(t.connector.calls.length, callsBefore, 'no HTTP call at all');
    const audits = await unreachableAudits(t, 'person:never.installed');
    assert.equal(audits.length, 1);
    assert.doesNotMatch(JSON.stringify(audits[0]), /Haven has an update for you/);
  });
});
