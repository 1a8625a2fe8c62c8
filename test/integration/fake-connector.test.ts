import assert from 'node:assert/strict';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.ts';

describe('fake Bot Connector', () => {
  let fake: FakeConnector;

  beforeEach(async () => {
    fake = await startFakeConnector();
  });

  afterEach(async () => {
    await fake.close();
  });

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const init: RequestInit = { method, headers: { 'content-type': 'application/json', ...headers } };
    if (body !== undefined) init.body = JSON.stringify(body);
    const res = await fetch(fake.url + path, init);
    const text = await res.text();
    return { res, json: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
  }

  const conv = (id: string) => `v3/conversations/${encodeURIComponent(id)}`;

  it('exposes a loopback serviceUrl with a trailing slash', () => {
    assert.match(fake.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('creates conversations with a stable id per single member, and an activityId when given an activity', async () => {
    const body = { isGroup: false, members: [{ id: '29:user-1' }], channelData: { tenant: { id: 't1' } } };
    const a = await call('POST', 'v3/conversations', body, { authorization: 'Bearer abc' });
    const b = await call('POST', 'v3/conversations', { ...body, activity: { type: 'message', text: 'hi' } });
    const c = await call('POST', 'v3/conversations', { ...body, members: [{ id: '29:user-2' }] });
    assert.equal(a.res.status, 200);
    assert.match(String(a.json?.id), /^a:fake-\d+$/);
    assert.equal(b.json?.id, a.json?.id);
    assert.equal(typeof b.json?.activityId, 'string');
    assert.equal(a.json?.activityId, undefined);
    assert.notEqual(c.json?.id, a.json?.id);
    assert.equal(fake.calls.length, 3);
    assert.equal(fake.calls[0]?.operation, 'createConversation');
    assert.equal(fake.calls[0]?.authorization, 'Bearer abc');
    assert.equal(fake.calls[1]?.authorization, undefined);
    assert.equal(fake.calls[0]?.tenantId, 't1');
    assert.deepEqual(fake.calls[0]?.body, body);
  });

  it('sends, replies, updates and deletes activities, recording each', async () => {
    const id = 'a:1abc';
    const sent = await call('POST', `${conv(id)}/activities`, { type: 'message', text: 'one' });
    const sentId = String(sent.json?.id);
    const reply = await call('POST', `${conv(id)}/activities/${sentId}`, { type: 'message', text: 'two' });
    const upd = await call('PUT', `${conv(id)}/activities/${sentId}`, { type: 'message', text: 'one, edited' });
    const del = await call('DELETE', `${conv(id)}/activities/${String(reply.json?.id)}`);

    assert.equal(sent.res.status, 200);
    assert.ok(sentId);
    assert.equal(reply.res.status, 200);
    assert.notEqual(reply.json?.id, sentId);
    assert.deepEqual(upd.json, { id: sentId });
    assert.equal(del.res.status, 200);

    assert.deepEqual(
      fake.calls.map((c) => [c.method, c.operation, c.conversationId, c.activityId, c.status]),
      [
        ['POST', 'sendToConversation', id, undefined, 200],
        ['POST', 'replyToActivity', id, sentId, 200],
        ['PUT', 'updateActivity', id, sentId, 200],
        ['DELETE', 'deleteActivity', id, reply.json?.id, 200],
      ],
    );
    assert.deepEqual(
      fake.sentActivities().map((c) => (c.body as { text: string }).text),
      ['one', 'two', 'one, edited'],
    );
    assert.equal(fake.callsTo(id).length, 4);
    assert.equal(fake.callsTo('other').length, 0);
    assert.deepEqual(fake.getActivity(id, sentId)?.body, { type: 'message', text: 'one, edited' });
    assert.equal(fake.getActivity(id, String(reply.json?.id))?.deleted, true);
    assert.ok(fake.calls.every((c) => typeof c.timestamp === 'number' && c.timestamp > 0));
  });

  it('answers member queries from created conversations and setMembers', async () => {
    const created = await call('POST', 'v3/conversations', { members: [{ id: '29:u', name: 'U' }] });
    const convId = String(created.json?.id);
    const list = await call('GET', `${conv(convId)}/members`);
    assert.deepEqual(list.json, [{ id: '29:u', name: 'U' }]);

    fake.setMembers('19:chan@thread.tacv2', [{ id: '29:x', name: 'X', aadObjectId: 'aad-x' }]);
    const one = await call('GET', `${conv('19:chan@thread.tacv2')}/members/${encodeURIComponent('29:x')}`);
    assert.deepEqual(one.json, { id: '29:x', name: 'X', aadObjectId: 'aad-x' });
    const missing = await call('GET', `${conv('19:chan@thread.tacv2')}/members/nobody`);
    assert.equal(missing.res.status, 404);
    assert.equal((missing.json?.error as { code: string }).code, 'MemberNotFoundInConversation');
    assert.equal(fake.calls.at(-2)?.memberId, '29:x');
  });

  it('decodes conversation ids and tolerates a double slash from the serviceUrl', async () => {
    const id = '19:abc@thread.tacv2;messageid=123';
    const { res } = await call('POST', `/${conv(id)}/activities`, { type: 'message' });
    assert.equal(res.status, 200);
    const rec = fake.calls[0];
    assert.equal(rec?.conversationId, id);
    assert.equal(rec?.operation, 'sendToConversation');
    assert.ok(rec?.rawUrl.startsWith('//v3/'));
    assert.ok(!rec?.path.startsWith('//'));
  });

  it('answers 404 with a Bot Framework error for unknown routes, and records it', async () => {
    const { res, json } = await call('GET', 'v3/nothing-here');
    assert.equal(res.status, 404);
    assert.equal((json?.error as { code: string }).code, 'NotFound');
    assert.equal(fake.calls[0]?.status, 404);
    assert.equal(fake.calls[0]?.operation, 'unknown');
  });

  it('failNext answers the next n matching requests with the given status and Retry-After', async () => {
    fake.failNext(2, { status: 429, retryAfterSeconds: 3, match: (c) => c.conversationId === 'a:1' });
    const other = await call('POST', `${conv('a:2')}/activities`, { type: 'message' });
    const r1 = await call('POST', `${conv('a:1')}/activities`, { type: 'message' });
    const r2 = await call('POST', `${conv('a:1')}/activities`, { type: 'message' });
    const r3 = await call('POST', `${conv('a:1')}/activities`, { type: 'message' });
    assert.equal(other.res.status, 200);
    assert.equal(r1.res.status, 429);
    assert.equal(r1.res.headers.get('retry-after'), '3');
    assert.equal((r1.json?.error as { code: string }).code, 'Throttled');
    assert.equal(r2.res.status, 429);
    assert.equal(r3.res.status, 200);
    assert.deepEqual(
      fake.calls.map((c) => c.status),
      [200, 429, 429, 200],
    );

    fake.failNext(1, { status: 403, code: 'BotNotInConversationRoster' });
    const r4 = await call('POST', `${conv('a:1')}/activities`, { type: 'message' });
    assert.equal(r4.res.status, 403);
    assert.equal(r4.res.headers.get('retry-after'), null);
    assert.deepEqual(r4.json, {
      error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' },
    });
    assert.equal(fake.sentActivities().length, 2);
  });

  it('failNext can drop the connection to simulate a network failure', async () => {
    fake.failNext(1, { status: 0, dropConnection: true });
    await assert.rejects(call('POST', `${conv('a:1')}/activities`, { type: 'message' }));
    assert.equal(fake.calls[0]?.status, 0);
    const ok = await call('POST', `${conv('a:1')}/activities`, { type: 'message' });
    assert.equal(ok.res.status, 200);
  });

  it('blockConversation makes every send to that conversation answer 403', async () => {
    fake.blockConversation('a:blocked');
    for (let i = 0; i < 3; i++) {
      const r = await call('POST', `${conv('a:blocked')}/activities`, { type: 'message' });
      assert.equal(r.res.status, 403);
      assert.equal((r.json?.error as { code: string }).code, 'ConversationBlockedByUser');
    }
    const elsewhere = await call('POST', `${conv('a:fine')}/activities`, { type: 'message' });
    assert.equal(elsewhere.res.status, 200);
    fake.unblockConversation('a:blocked');
    const after = await call('POST', `${conv('a:blocked')}/activities`, { type: 'message' });
    assert.equal(after.res.status, 200);
  });

  it('enforceTeamsLimits answers 429 with Retry-After: 1 after 7 quick sends to one conversation', async () => {
    fake.enforceTeamsLimits({ perConversationPerSecond: 7, perTenantPerSecond: 50 });
    const statuses: number[] = [];
    let lastRetryAfter: string | null = null;
    for (let i = 0; i < 9; i++) {
      const r = await call('POST', `${conv('a:busy')}/activities`, { type: 'message', text: String(i) });
      statuses.push(r.res.status);
      lastRetryAfter = r.res.headers.get('retry-after');
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 429, 429]);
    assert.equal(lastRetryAfter, '1');
    assert.equal(fake.calls.filter((c) => c.status === 429).length, 2);
    const other = await call('POST', `${conv('a:quiet')}/activities`, { type: 'message' });
    assert.equal(other.res.status, 200);
  });

  it('enforceTeamsLimits applies a per-tenant limit across conversations', async () => {
    fake.enforceTeamsLimits({ perConversationPerSecond: 100, perTenantPerSecond: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await call('POST', `${conv(`a:${i}`)}/activities`, { type: 'message', conversation: { tenantId: 't' } });
      statuses.push(r.res.status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 429]);
  });

  it('setDelay delays answers so clients can time out', async () => {
    fake.setDelay(300);
    const started = Date.now();
    await assert.rejects(
      fetch(`${fake.url}${conv('a:1')}/activities`, {
        method: 'POST',
        body: '{}',
        signal: AbortSignal.timeout(50),
      }),
    );
    assert.ok(Date.now() - started < 250);
    await fake.waitFor((calls) => calls.length === 1, 2000);
    assert.equal(fake.calls[0]?.status, 200);
  });

  it('waitFor resolves once the predicate holds and rejects on timeout', async () => {
    const pending = fake.waitFor((calls) => calls.some((c) => c.operation === 'sendToConversation'), 2000);
    setTimeout(() => void call('POST', `${conv('a:1')}/activities`, { type: 'message' }), 20);
    const calls = await pending;
    assert.equal(calls.length, 1);
    await assert.rejects(
      fake.waitFor(() => false, 50),
      /timed out/,
    );
  });

  it('reset forgets calls and injected behaviour', async () => {
    fake.blockConversation('a:1');
    fake.failNext(5, { status: 500 });
    fake.enforceTeamsLimits({ perConversationPerSecond: 1 });
    await call('POST', `${conv('a:1')}/activities`, { type: 'message' });
    fake.reset();
    assert.equal(fake.calls.length, 0);
    const r1 = await call('POST', `${conv('a:1')}/activities`, { type: 'message' });
    const r2 = await call('POST', `${conv('a:1')}/activities`, { type: 'message' });
    assert.equal(r1.res.status, 200);
    assert.equal(r2.res.status, 200);
  });
});
