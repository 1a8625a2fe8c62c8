import assert from 'node:assert/strict';
import { TableOutboxRepository } from '../../../src/storage/outbox-repository.ts';
import { TABLES, toKey } from '../../../src/storage/table-store.ts';
import { VersionConflict, type OutboxMessage } from '../../../src/kernel/ports.ts';
import { startTestStore, type TestStore } from '../../support/azurite.ts';
import { aMessage, uid } from './fixtures.ts';

describe('storage: TableOutboxRepository (real Azurite)', () => {
  let t: TestStore;
  let repo: TableOutboxRepository;
  before(async () => {
    t = await startTestStore();
    repo = new TableOutboxRepository(t.store);
  });
  after(async () => t?.close());

  it('add answers created, then duplicate for the same id, and keeps the first message', async () => {
    const id = `checkin:alex.moreno:2026-11-23T09:00:00.000Z:${uid('x')}`;
    const m = aMessage({ id, activity: { text: 'first' } });
    assert.equal(await repo.add(m), 'created');
    assert.equal(await repo.add({ ...m, activity: { text: 'second' } }), 'duplicate');
    const got = await repo.get(id);
    assert.deepEqual(got?.value, m);
    assert.ok(got?.version);
    assert.equal((await repo.list()).filter((r) => r.value.id === id).length, 1);
    assert.equal(await repo.get('no-such-message'), undefined);
  });

  it('saves with the version read; a stale version is a VersionConflict', async () => {
    const m = aMessage();
    await repo.add(m);
    const read = await repo.get(m.id);
    assert.ok(read);
    const sending: OutboxMessage = { ...m, status: 'sending', attempts: 1 };
    const v2 = await repo.save(sending, read.version);
    assert.notEqual(v2, read.version);
    assert.deepEqual((await repo.get(m.id))?.value, sending);
    await assert.rejects(repo.save({ ...m, status: 'sent', sentAt: '2026-11-23T09:00:01.000Z' }, read.version), VersionConflict);
    assert.equal((await repo.get(m.id))?.value.status, 'sending');
    const v3 = await repo.save({ ...sending, status: 'sent', activityId: '1:abc', sentAt: '2026-11-23T09:00:01.000Z' }, v2);
    assert.notEqual(v3, v2);
    assert.equal((await repo.get(m.id))?.value.status, 'sent');
  });

  it('stores the activity encrypted: no part of the card or text is readable in the raw row', async () => {
    const secret = `I keep seeing the images at night ${uid('note')}`;
    const m = aMessage({
      lane: 'alert',
      activity: { text: 'Haven has an update for you', card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: secret }] } },
    });
    await repo.add(m);
    const raw = await t.store.client(TABLES.outbox).getEntity<Record<string, unknown>>(toKey(m.id), toKey('message'));
    assert.match(String(raw.secret_activity), /^enc:v1:/);
    assert.ok(!('activity' in JSON.parse(String(raw.doc))), 'the activity is not in the plain document');
    for (const [name, value] of Object.entries(raw)) {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      assert.ok(!text.includes(secret), `raw property ${name} leaks the note`);
      assert.ok(!text.includes('Haven has an update for you'), `raw property ${name} leaks the activity text`);
    }
    // Indexed properties the dispatcher filters on stay readable.
    assert.equal(raw.status, 'pending');
    assert.equal(raw.lane, 'alert');
    assert.deepEqual((await repo.get(m.id))?.value.activity, m.activity);
  });

  describe('listDue', () => {
    const now = new Date('2026-11-23T10:00:00.000Z');
    let due: TableOutboxRepository;
    before(async () => {
      // Its own empty tables, so rows from the other tests do not take part.
      due = new TableOutboxRepository(await t.openStore());
      const rows: OutboxMessage[] = [
        aMessage({ id: 'bulk-old', lane: 'bulk', nextAttemptAt: '2026-11-23T09:00:00.000Z', createdAt: '2026-11-23T08:00:00.000Z' }),
        aMessage({ id: 'bulk-tie', lane: 'bulk', nextAttemptAt: '2026-11-23T09:00:00.000Z', createdAt: '2026-11-23T08:30:00.000Z' }),
        aMessage({ id: 'bulk-stuck', lane: 'bulk', status: 'sending', attempts: 1, nextAttemptAt: '2026-11-23T09:10:00.000Z' }),
        aMessage({ id: 'bulk-new', lane: 'bulk', nextAttemptAt: '2026-11-23T09:30:00.000Z' }),
        aMessage({ id: 'alert-new', lane: 'alert', nextAttemptAt: '2026-11-23T09:50:00.000Z' }),
        aMessage({ id: 'alert-old', lane: 'alert', nextAttemptAt: '2026-11-23T09:20:00.000Z' }),
        aMessage({ id: 'alert-edge', lane: 'alert', nextAttemptAt: '2026-11-23T10:00:00.000Z' }),
        aMessage({ id: 'alert-future', lane: 'alert', nextAttemptAt: '2026-11-23T10:00:00.001Z' }),
        aMessage({ id: 'bulk-future', lane: 'bulk', nextAttemptAt: '2026-11-24T00:00:00.000Z' }),
        aMessage({ id: 'bulk-sent', lane: 'bulk', status: 'sent', nextAttemptAt: '2026-11-23T08:00:00.000Z' }),
        aMessage({ id: 'alert-failed', lane: 'alert', status: 'failed', nextAttemptAt: '2026-11-23T08:00:00.000Z' }),
        aMessage({ id: 'alert-unreachable', lane: 'alert', status: 'unreachable', nextAttemptAt: '2026-11-23T08:00:00.000Z' }),
      ];
      // Insert in an order unrelated to the expected one.
      for (const r of [...rows].reverse()) assert.equal(await due.add(r), 'created');
    });

    const ids = (rows: { value: OutboxMessage }[]) => rows.map((r) => r.value.id);

    it('answers only pending or sending rows due at or before now, alerts first, oldest first', async () => {
      assert.deepEqual(ids(await due.listDue(now, 100)), [
        'alert-old',
        'alert-new',
        'alert-edge',
        'bulk-old',
        'bulk-tie',
        'bulk-stuck',
        'bulk-new',
      ]);
    });

    it('honours the limit, keeping the front of the queue', async () => {
      assert.deepEqual(ids(await due.listDue(now, 2)), ['alert-old', 'alert-new']);
      assert.deepEqual(ids(await due.listDue(now, 5)), ['alert-old', 'alert-new', 'alert-edge', 'bulk-old', 'bulk-tie']);
    });

    it('follows saves: a sent row leaves the queue, a row deferred past now leaves it until then', async () => {
      const alertOld = await due.get('alert-old');
      const bulkOld = await due.get('bulk-old');
      assert.ok(alertOld && bulkOld);
      await due.save({ ...alertOld.value, status: 'sent', sentAt: now.toISOString() }, alertOld.version);
      await due.save({ ...bulkOld.value, attempts: 1, nextAttemptAt: '2026-11-23T10:05:00.000Z' }, bulkOld.version);
      assert.deepEqual(ids(await due.listDue(now, 100)), ['alert-new', 'alert-edge', 'bulk-tie', 'bulk-stuck', 'bulk-new']);
      assert.deepEqual(ids(await due.listDue(new Date('2026-11-23T10:05:00.000Z'), 100)), [
        'alert-new',
        'alert-edge',
        'alert-future',
        'bulk-tie',
        'bulk-stuck',
        'bulk-new',
        'bulk-old',
      ]);
    });

    it('answers nothing before anything is due', async () => {
      assert.deepEqual(await due.listDue(new Date('2026-11-23T07:00:00.000Z'), 100), []);
    });
  });
});
