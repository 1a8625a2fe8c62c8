// Crash consistency, one mechanism (kernel/pending-effects.ts), one test per feature that uses it: a
// decision is stored with its effects, then the effects are applied. A storage proxy in front of
// Azurite refuses every outbox write right after the decision is stored (the SDK's retries included),
// Haven is stopped and started again on the same storage, and the job must finish the effects: each
// message queued and delivered once, nothing left pending. (Check-ins: test/integration/check-ins/crash-flag.test.ts.)
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../../src/storage/embedded-azurite.ts';
import { TABLES } from '../../src/storage/table-store.ts';
import { DEMO, personalChatId } from '../support/activities.ts';
import { randomTablePrefix } from '../support/azurite.ts';
import { FakeClock } from '../support/clock.ts';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector.ts';
import { startTestHaven, type TestHaven } from '../support/harness.ts';
import { startStorageFaultProxy, type StorageFaultProxy } from '../support/storage-fault-proxy.ts';
import { setUpUnit } from '../support/haven-steps.ts';
import { raise } from '../support/declaration-steps.ts';
import { act, cardsTo, install, journey, openForGus } from '../integration/journeys/helpers.ts';

describe('crash between a decision and its effects: the job finishes them, once', function () {
  this.timeout(180_000);
  let azurite: EmbeddedAzurite;
  let proxy: StorageFaultProxy;
  let connector: FakeConnector;
  let t: TestHaven | undefined;
  const dirs: string[] = [];

  /** A Haven on its own tables behind the proxy, and a function that "restarts" it on the same storage. */
  async function havenBehindProxy(clock: FakeClock): Promise<{ first: TestHaven; restart: () => Promise<TestHaven> }> {
    const dataDir = mkdtempSync(join(tmpdir(), 'haven-crash-writes-'));
    dirs.push(dataDir);
    const options = {
      clock,
      connector,
      dataDir,
      env: { HAVEN_STORAGE_CONNECTION_STRING: proxy.connectionString, HAVEN_TABLE_PREFIX: randomTablePrefix() },
    };
    t = await startTestHaven(options);
    return {
      first: t,
      restart: async () => {
        await t?.close();
        t = undefined;
        proxy.clearFaults();
        t = await startTestHaven(options);
        return t;
      },
    };
  }
  const refuseOutboxWrites = () =>
    proxy.failNext(1000, { fault: 'status503', match: (r) => r.write && r.table?.endsWith(TABLES.outbox) === true });

  before(async () => {
    azurite = await startEmbeddedAzurite();
    proxy = await startStorageFaultProxy(azurite.url);
    connector = await startFakeConnector();
  });
  afterEach(async () => {
    await t?.close();
    t = undefined;
    proxy.clearFaults();
  });
  after(async () => {
    await connector?.close();
    await proxy?.close();
    await azurite?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('declarations: a raise stored but not fanned out alerts the supervisor once after a restart', async () => {
    const clock = new FakeClock('2026-11-23T09:00:00Z');
    const { first, restart } = await havenBehindProxy(clock);
    await setUpUnit(first);
    refuseOutboxWrites();
    const raised = await raise(first, DEMO.alex!, { kind: 'talk', note: 'a note' });
    assert.ok(
      proxy.faulted().some((c) => c.table?.endsWith(TABLES.outbox)),
      'the fan-out was refused',
    );
    assert.ok(
      ((await first.haven.deps.declarations.get(raised.id))!.value.pendingEffects ?? []).length > 0,
      'the effects wait on the declaration',
    );
    const since = connector.calls.length;

    const h = await restart();
    clock.advance(60_000);
    await h.tick();
    await h.tick();
    const alerts = connector.calls
      .slice(since)
      .filter(
        (c) =>
          c.operation === 'sendToConversation' &&
          c.conversationId === personalChatId(DEMO.sam!) &&
          JSON.stringify(c.body).includes(raised.id) &&
          /alert\.acknowledge/.test(JSON.stringify(c.body)),
      );
    assert.equal(alerts.length, 1, 'the supervisor is alerted once');
    assert.deepEqual((await h.haven.deps.declarations.get(raised.id))!.value.pendingEffects ?? [], [], 'nothing left pending');
    await h.tick();
    assert.equal(
      connector.calls
        .slice(since)
        .filter(
          (c) =>
            c.operation === 'sendToConversation' &&
            c.conversationId === personalChatId(DEMO.sam!) &&
            JSON.stringify(c.body).includes(raised.id) &&
            /alert\.acknowledge/.test(JSON.stringify(c.body)),
        ).length,
      1,
      'still once',
    );
  });

  it('journeys: a withdrawal stored but not announced tells the trainer and HR once after a restart', async () => {
    const clock = new FakeClock('2026-11-23T09:00:00Z');
    const { first, restart } = await havenBehindProxy(clock);
    await install(first);
    const id = await openForGus(first);
    const since = connector.calls.length;
    refuseOutboxWrites();
    await act(first, DEMO.gus!, 'journey.withdraw', { journeyId: id, confirm: true });
    assert.ok(
      proxy.faulted().some((c) => c.table?.endsWith(TABLES.outbox)),
      'the announcements were refused',
    );
    const stored = await journey(first, id);
    assert.equal(stored.state, 'withdrawn');
    assert.ok((stored.pendingEffects ?? []).length > 0, 'the effects wait on the journey');

    const h = await restart();
    clock.advance(60_000);
    await h.tick();
    await h.tick();
    await h.tick();
    assert.equal(cardsTo(h, DEMO.hana!, since).length, 1, 'HR is told once');
    assert.equal(cardsTo(h, DEMO.tom!, since).length, 1, 'the trainer is told once');
    assert.deepEqual((await journey(h, id)).pendingEffects, [], 'nothing left pending');
  });
});
