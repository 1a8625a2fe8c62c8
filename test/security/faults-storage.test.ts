// Storage faults: a proxy in front of real Azurite forwards a write and drops the response, forwards it
// and answers 503 anyway, or answers 500/503 without forwarding. The table SDK retries on its own; a
// retried create then meets its own row (409) and a retried save meets its own new ETag (412). Haven
// tags every write with a write id and reads the row back on 409/412, so its own write counts as done,
// while someone else's write is still a conflict. Nothing is duplicated and nothing is lost.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../../src/storage/embedded-azurite.ts';
import { FieldCipher } from '../../src/storage/field-cipher.ts';
import { TableAuditLog } from '../../src/storage/audit-log.ts';
import { TableDeclarationRepository } from '../../src/storage/declaration-repository.ts';
import { TableOutboxRepository } from '../../src/storage/outbox-repository.ts';
import { TABLES, TableStore } from '../../src/storage/table-store.ts';
import { VersionConflict, type OutboxMessage } from '../../src/kernel/ports.ts';
import type { Declaration } from '../../src/features/declarations/rules.ts';
import { DEMO, actionExecute, personalChatId } from '../support/activities.ts';
import { randomTablePrefix } from '../support/azurite.ts';
import { startTestHaven, type TestHaven } from '../support/harness.ts';
import { startStorageFaultProxy, type StorageFault, type StorageFaultProxy } from '../support/storage-fault-proxy.ts';
import { setUpUnit } from '../support/haven-steps.ts';
import { declarationIdIn } from '../support/declaration-steps.ts';

const FAULTS: StorageFault[] = ['dropResponse', 'forwardThen503', 'status500', 'status503'];

function aMessage(overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    id: `fault-msg-${randomUUID()}`,
    lane: 'alert',
    target: { kind: 'person', personId: 'alex.moreno' },
    operation: 'send',
    activity: { text: 'Haven has an update for you', card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'secret bit' }] } },
    purpose: 'test',
    createdAt: '2026-11-23T09:00:00.000Z',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: '2026-11-23T09:00:00.000Z',
    ...overrides,
  };
}

function aDeclaration(overrides: Partial<Declaration> = {}): Declaration {
  return {
    id: `decl-${randomBytes(12).toString('hex')}`,
    personId: 'alex.moreno',
    unitId: 'unit-1',
    kind: 'break',
    note: 'a note that is encrypted at rest',
    raisedAt: '2026-11-23T09:00:00.000Z',
    noteShare: 'supervisor',
    status: 'open',
    level: 0,
    loop: 0,
    notified: [],
    accessRemoval: 'awaitingConfirmation',
    timeline: [{ at: '2026-11-23T09:00:00.000Z', event: 'raised' }],
    ...overrides,
  };
}

/** Rows in a table whose partition key is `pk` (read straight from Azurite, not through the proxy). */
async function rowsIn(store: TableStore, table: string, filter: string): Promise<number> {
  let n = 0;
  for await (const _ of store.client(table).listEntities({ queryOptions: { filter } })) n++;
  return n;
}

describe('storage faults: a proxy in front of Azurite drops responses and answers 5xx', function () {
  let azurite: EmbeddedAzurite;
  let proxy: StorageFaultProxy;
  let faulty: TableStore;
  let direct: TableStore;
  before(async () => {
    azurite = await startEmbeddedAzurite();
    proxy = await startStorageFaultProxy(azurite.url);
    const key = randomBytes(32);
    const prefix = randomTablePrefix();
    direct = new TableStore({ connectionString: azurite.connectionString }, new FieldCipher(key), prefix);
    await direct.ensureTables();
    faulty = new TableStore({ connectionString: proxy.connectionString }, new FieldCipher(key), prefix);
  });
  after(async () => {
    await proxy?.close();
    await azurite?.close();
  });
  afterEach(() => proxy.clearFaults());

  for (const fault of FAULTS) {
    describe(`fault: ${fault} on the first attempt`, () => {
      it('outbox add: one row, answered "created", readable with the version it answered', async () => {
        const outbox = new TableOutboxRepository(faulty);
        const m = aMessage();
        proxy.failNext(1, { fault, match: (r) => r.write && r.table?.endsWith(TABLES.outbox) === true });
        const before = proxy.faulted().length;
        assert.equal(await outbox.add(m), 'created');
        assert.equal(proxy.faulted().length, before + 1, 'the fault was injected');
        assert.equal(await rowsIn(direct, TABLES.outbox, `PartitionKey eq '${m.id}'`), 1);
        const read = await new TableOutboxRepository(direct).get(m.id);
        assert.deepEqual(read?.value, m);
        // A second, genuine enqueue of the same id is still suppressed.
        assert.equal(await outbox.add({ ...m, createdAt: '2026-11-23T09:00:05.000Z' }), 'duplicate');
      });

      it('declaration create: no VersionConflict, one row, and the version answered is the stored ETag', async () => {
        const repo = new TableDeclarationRepository(faulty);
        const d = aDeclaration();
        proxy.failNext(1, { fault, match: (r) => r.write && r.table?.endsWith(TABLES.declarations) === true });
        const version = await repo.create(d);
        const stored = await new TableDeclarationRepository(direct).get(d.id);
        assert.deepEqual(stored?.value, d);
        assert.equal(version, stored?.version, "the answered version is the row's ETag, so the next save goes through");
        await repo.save({ ...d, status: 'acknowledged' }, version);
        // Someone else's row under the same id is a conflict, however the answer travelled.
        proxy.failNext(1, { fault, match: (r) => r.write && r.table?.endsWith(TABLES.declarations) === true });
        await assert.rejects(repo.create({ ...d, kind: 'talk' }), VersionConflict);
        assert.equal((await repo.get(d.id))?.value.status, 'acknowledged');
      });

      it('declaration save: the new value is stored, the version answered works, and a stale version is still refused', async () => {
        const repo = new TableDeclarationRepository(faulty);
        const d = aDeclaration();
        const v1 = await repo.create(d);
        proxy.failNext(1, { fault, match: (r) => r.write && r.table?.endsWith(TABLES.declarations) === true });
        const v2 = await repo.save(
          { ...d, status: 'acknowledged', acknowledged: { by: 'sam.okafor', at: '2026-11-23T09:01:00.000Z' } },
          v1,
        );
        const stored = await repo.get(d.id);
        assert.equal(stored?.value.status, 'acknowledged');
        assert.equal(stored?.version, v2);
        // The version read before is stale now: still a conflict (the read-back sees someone else's write id).
        proxy.failNext(1, { fault, match: (r) => r.write && r.table?.endsWith(TABLES.declarations) === true });
        await assert.rejects(repo.save({ ...d, status: 'withdrawn' }, v1), VersionConflict);
        const v3 = await repo.save({ ...stored!.value, status: 'closed' }, v2);
        assert.equal((await repo.get(d.id))?.version, v3);
      });

      it("outbox save (the dispatcher's claim and settle): answered, stored, next save works", async () => {
        const repo = new TableOutboxRepository(faulty);
        const m = aMessage();
        await repo.add(m);
        const read = (await repo.get(m.id))!;
        proxy.failNext(1, { fault, match: (r) => r.write && r.table?.endsWith(TABLES.outbox) === true });
        const claimed = await repo.save({ ...m, status: 'sending', attempts: 1 }, read.version);
        proxy.failNext(1, { fault, match: (r) => r.write && r.table?.endsWith(TABLES.outbox) === true });
        const settled = await repo.save(
          { ...m, status: 'sent', attempts: 1, activityId: 'a-1', sentAt: '2026-11-23T09:00:01.000Z' },
          claimed,
        );
        const stored = await repo.get(m.id);
        assert.equal(stored?.value.status, 'sent');
        assert.equal(stored?.version, settled);
      });

      it('audit append: exactly one row', async () => {
        const audit = new TableAuditLog(faulty);
        const subject = `declaration:fault-${randomUUID()}`;
        proxy.failNext(1, { fault, match: (r) => r.write && r.table?.endsWith(TABLES.audit) === true });
        await audit.append({
          at: '2026-11-23T09:00:00.000Z',
          actor: 'system',
          action: 'declaration.read',
          subject,
          reason: 'a storage fault test',
          outcome: 'ok',
        });
        const rows = (await new TableAuditLog(direct).list('2026-11-23T00:00:00.000Z', '2026-11-24T00:00:00.000Z')).filter(
          (e) => e.subject === subject,
        );
        assert.equal(rows.length, 1);
      });
    });
  }

  it('a dropped response on every attempt of the first write, then the SDK\'s retries meet the row: still one row, still "created"', async () => {
    const outbox = new TableOutboxRepository(faulty);
    const m = aMessage();
    // Three of the SDK's four attempts lose their answer; the fourth meets the row the first wrote.
    proxy.failNext(3, { fault: 'dropResponse', match: (r) => r.write && r.table?.endsWith(TABLES.outbox) === true });
    assert.equal(await outbox.add(m), 'created');
    assert.equal(await rowsIn(direct, TABLES.outbox, `PartitionKey eq '${m.id}'`), 1);
  });

  it('503 on every attempt: the caller hears of it and nothing is written (no ghost row)', async () => {
    const repo = new TableDeclarationRepository(faulty);
    const d = aDeclaration();
    proxy.failNext(10, { fault: 'status503', match: (r) => r.write && r.table?.endsWith(TABLES.declarations) === true });
    await assert.rejects(repo.create(d), (e: Error) => !(e instanceof VersionConflict));
    proxy.clearFaults();
    assert.equal(await repo.get(d.id), undefined);
  });
});

describe('storage faults: whole declarations through a faulty store', function () {
  let azurite: EmbeddedAzurite;
  let proxy: StorageFaultProxy;
  let t: TestHaven;
  before(async () => {
    azurite = await startEmbeddedAzurite();
    proxy = await startStorageFaultProxy(azurite.url);
    t = await startTestHaven({ env: { HAVEN_STORAGE_CONNECTION_STRING: proxy.connectionString, HAVEN_TABLE_PREFIX: randomTablePrefix() } });
    await setUpUnit(t);
  });
  after(async () => {
    await t?.close();
    await proxy?.close();
    await azurite?.close();
  });

  it('every raise answered with a confirmation is stored once, audited once, and its alert delivered once', async () => {
    // Every other write fails once (each of the four faults in turn); the SDK's own retry then gets through.
    let n = 0;
    proxy.chaos({ pick: () => (n++ % 2 === 0 ? FAULTS[(n >> 1) % FAULTS.length] : undefined), perOperation: 1 });
    const users = [DEMO.alex!, DEMO.bea!, DEMO.chris!, DEMO.dev!];
    const confirmed: string[] = [];
    for (const [i, user] of users.entries()) {
      const r = await t.post(
        actionExecute(t.connector.url, user, 'declaration.raise', { kind: i % 2 === 0 ? 'break' : 'leave', note: `note ${i}` }),
      );
      assert.equal(r.status, 200);
      const id = declarationIdIn(r.body?.value);
      if (id) confirmed.push(id);
    }
    for (let i = 0; i < 6; i++) {
      await t.tick();
      t.clock.advance(2 * 60_000); // past any retry or claim timeout, within the first escalation level (15 min)
    }
    proxy.chaos(undefined);
    await t.tick();
    assert.ok(proxy.faulted().length > 10, `faults were injected (${proxy.faulted().length})`);
    assert.equal(confirmed.length, users.length, 'every raise was confirmed: single faults never reach the person');

    const declarations = (await t.haven.deps.declarations.list()).map((d) => d.value);
    const audit = await t.haven.deps.audit.list('2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z');
    const outbox = (await t.haven.outbox.list()).map((m) => m.value);
    for (const id of confirmed) {
      assert.equal(declarations.filter((d) => d.id === id).length, 1, `${id} stored once`);
      assert.equal(
        audit.filter((a) => a.action === 'declaration.raised' && a.subject === `declaration:${id}`).length,
        1,
        `${id} audited once`,
      );
      const d = declarations.find((x) => x.id === id)!;
      assert.deepEqual(d.pendingEffects ?? [], [], 'every effect was flushed');
      const alerts = outbox.filter((m) => m.id.startsWith(id) && m.purpose === 'declaration.alert');
      assert.equal(alerts.length, 1, `one alert row for ${id}`);
      assert.equal(alerts[0]!.status, 'sent', `the alert for ${id} was delivered`);
      const supervisor = d.onCall?.personId === 'priya.shah' ? DEMO.priya! : DEMO.sam!;
      const sends = t.connector
        .sentActivities()
        .filter(
          (c) =>
            c.operation === 'sendToConversation' &&
            c.conversationId === personalChatId(supervisor) &&
            JSON.stringify(c.body).includes(id) &&
            /alert\.acknowledge/.test(JSON.stringify(c.body)),
        );
      assert.equal(sends.length, 1, `the alert for ${id} was shown once`);
    }
    // Only the people who asked for a break are off viewing, and the change was audited once each.
    for (const user of users) {
      const person = (await t.haven.deps.people.findByTeamsUserId(user.id))!;
      assert.equal(person.value.viewingStatus, 'notViewing');
      assert.equal(audit.filter((a) => a.action === 'person.viewingStatus' && a.subject === `person:${person.value.id}`).length, 1);
    }
    // No outbox row was left claimed or failed by a lost answer. (A scheduled check-in to someone who
    // never installed Haven is unreachable for that reason, whatever the store does.)
    const neverInstalled = (m: (typeof outbox)[number]) =>
      m.status === 'unreachable' && /no conversation reference/.test(m.lastError ?? '');
    assert.deepEqual(
      outbox.filter((m) => m.status !== 'sent' && !neverInstalled(m)).map((m) => `${m.id} ${m.status} ${m.lastError ?? ''}`),
      [],
    );
  });
});
