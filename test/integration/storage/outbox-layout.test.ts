// Issue 15: the outbox's due queue. Waiting messages have a place in their lane's partition keyed by
// next attempt; the dispatcher's read is a partition-pinned key range with $top, never a scan, and does
// not grow with history; a retry moves the place, a send removes it; rows stored before the queue
// existed are given their place at start-up. Storage calls are counted through the proxy (not timed).
import assert from 'node:assert/strict';
import { FieldCipher } from '../../../src/storage/field-cipher.ts';
import { TableOutboxRepository } from '../../../src/storage/outbox-repository.ts';
import { TABLES, TableStore, fromKey } from '../../../src/storage/table-store.ts';
import type { OutboxMessage } from '../../../src/kernel/ports.ts';
import { randomTablePrefix, startTestStore, type TestStore } from '../../support/azurite.ts';
import { isTableScan, startStorageFaultProxy, type StorageFaultProxy } from '../../support/storage-fault-proxy.ts';
import { aMessage } from './fixtures.ts';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs).toISOString();

describe('storage: the outbox due queue (real Azurite)', function () {
  this.timeout(120_000);
  let t: TestStore;
  let proxy: StorageFaultProxy;
  let store: TableStore;
  let repo: TableOutboxRepository;

  before(async () => {
    t = await startTestStore();
    const account = /TableEndpoint=([^;]+)/.exec(t.connectionString)![1]!;
    proxy = await startStorageFaultProxy(account.replace(/\/$/, ''));
    store = new TableStore({ connectionString: proxy.connectionString }, new FieldCipher(t.key), randomTablePrefix());
    await store.ensureTables();
    repo = new TableOutboxRepository(store);
  });
  after(async () => {
    await proxy?.close();
    await t?.close();
  });

  async function places(): Promise<{ lane: string; rowKey: string }[]> {
    const out: { lane: string; rowKey: string }[] = [];
    for await (const e of store.client(TABLES.outboxDue).listEntities()) out.push({ lane: e.partitionKey!, rowKey: fromKey(e.rowKey!) });
    return out.sort((a, b) => a.lane.localeCompare(b.lane) || a.rowKey.localeCompare(b.rowKey));
  }
  const placesOf = async (id: string) => (await places()).filter((p) => p.rowKey.endsWith(`|${id}`));

  it('a waiting message has one place: its lane, keyed by its next attempt', async () => {
    const m = aMessage({ id: 'layout-a', lane: 'alert', nextAttemptAt: at(-1000) });
    await repo.add(m);
    assert.deepEqual(await placesOf('layout-a'), [{ lane: 'alert', rowKey: `${at(-1000)}|layout-a` }]);
    assert.equal(await repo.add({ ...m, nextAttemptAt: at(0) }), 'duplicate');
    assert.deepEqual(await placesOf('layout-a'), [{ lane: 'alert', rowKey: `${at(-1000)}|layout-a` }], 'a repeat adds no place');
  });

  it('a retry moves the place (old one gone), a send removes it; the stale version is still refused', async () => {
    const read = await repo.get('layout-a');
    assert.ok(read);
    const claimed: OutboxMessage = { ...read.value, status: 'sending', attempts: 1, nextAttemptAt: at(60_000) };
    const v1 = await repo.save(claimed, read.version, read.value);
    assert.deepEqual(await placesOf('layout-a'), [{ lane: 'alert', rowKey: `${at(-1000)}|layout-a` }], 'a claim keeps its place');
    const retry: OutboxMessage = { ...claimed, status: 'pending', nextAttemptAt: at(5000) };
    const v2 = await repo.save(retry, v1, read.value);
    assert.deepEqual(await placesOf('layout-a'), [{ lane: 'alert', rowKey: `${at(5000)}|layout-a` }]);
    await assert.rejects(repo.save({ ...retry, status: 'sent' }, v1, retry));
    assert.deepEqual(await placesOf('layout-a'), [{ lane: 'alert', rowKey: `${at(5000)}|layout-a` }], 'a refused save moves nothing');
    await repo.save({ ...retry, status: 'sent', sentAt: at(5000) }, v2, retry);
    assert.deepEqual(await placesOf('layout-a'), []);
    assert.equal((await repo.get('layout-a'))?.value.status, 'sent', 'the message itself stays, for statusOf and updates');
  });

  it('finding due work is two pinned key-range reads with $top plus point reads of what is due, whatever the history', async () => {
    // History (sent and dead), a backlog due later, and a few due now.
    const history = Array.from({ length: 300 }, (_, i) =>
      aMessage({ id: `hist-${i}`, status: i % 10 ? 'sent' : 'failed', nextAttemptAt: at(-86_400_000 - i) }),
    );
    const later = Array.from({ length: 300 }, (_, i) => aMessage({ id: `later-${i}`, nextAttemptAt: at(3_600_000 + i) }));
    const dueNow = [
      aMessage({ id: 'due-bulk-1', nextAttemptAt: at(-3000) }),
      aMessage({ id: 'due-bulk-2', nextAttemptAt: at(-2000) }),
      aMessage({ id: 'due-alert', lane: 'alert', nextAttemptAt: at(-1) }),
    ];
    const all = [...history, ...later, ...dueNow];
    for (let i = 0; i < all.length; i += 50) await Promise.all(all.slice(i, i + 50).map((m) => repo.add(m)));

    const from = proxy.calls.length;
    const due = await repo.listDue(NOW, 50);
    const calls = proxy.calls.slice(from);
    assert.deepEqual(
      due.map((m) => m.value.id),
      ['due-alert', 'due-bulk-1', 'due-bulk-2'],
    );
    assert.equal(calls.filter(isTableScan).length, 0, 'no table scan');
    const queries = calls.filter((c) => c.method === 'GET' && c.path.endsWith('()')); // a query, not a point read
    assert.equal(queries.length, 2, 'one read per lane');
    for (const q of queries) {
      assert.match(q.query, /PartitionKey eq '(alert|bulk)' and RowKey lt '2026-11-23T10:00:00.000Z~'/);
      assert.match(q.query, /\$top=50/);
    }
    assert.equal(calls.length, 2 + 3, 'then one point read per due message, nothing for history or the later backlog');
  });

  it('start-up gives rows stored before the due queue existed their place, once (idempotent)', async () => {
    const old = [
      aMessage({ id: 'old-pending', nextAttemptAt: at(-5000) }),
      aMessage({ id: 'old-stuck', status: 'sending', attempts: 1, nextAttemptAt: at(-4000) }),
      aMessage({ id: 'old-sent', status: 'sent', nextAttemptAt: at(-4000) }),
    ];
    for (const m of old) await repo.add(m);
    // The old layout: the messages without their places.
    for (const id of ['old-pending', 'old-stuck']) {
      const [p] = await placesOf(id);
      await store.client(TABLES.outboxDue).deleteEntity(p!.lane, p!.rowKey);
    }
    const idsDue = async () => (await repo.listDue(NOW, 50)).map((m) => m.value.id).filter((id) => id.startsWith('old-'));
    assert.deepEqual(await idsDue(), [], 'without a place, nothing finds them');
    assert.ok((await repo.indexWaiting()) >= 2);
    assert.deepEqual(await idsDue(), ['old-pending', 'old-stuck']);
    assert.equal(await repo.indexWaiting(), 0, 'a second start adds nothing');
    assert.deepEqual(await placesOf('old-sent'), []);
  });

  it('an erased waiting message takes its place with it', async () => {
    await repo.add(aMessage({ id: 'erased-waiting', nextAttemptAt: at(3_600_000) }));
    const read = await repo.get('erased-waiting');
    await repo.delete('erased-waiting', read!.version);
    assert.deepEqual(await placesOf('erased-waiting'), []);
  });

  it('litter is tidied: a place whose message is gone, once the grace has passed', async () => {
    const m = aMessage({ id: 'erased', nextAttemptAt: at(-120_000) });
    await repo.add(m);
    const read = await repo.get('erased');
    // As a crash between the two deletes would leave it: the message gone, its place not.
    await store.client(TABLES.outbox).deleteEntity('erased', 'message', { etag: read!.version });
    assert.equal((await placesOf('erased')).length, 1);
    assert.ok(!(await repo.listDue(NOW, 50)).some((r) => r.value.id === 'erased'));
    assert.deepEqual(await placesOf('erased'), []);
  });
});
