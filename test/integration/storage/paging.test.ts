import assert from 'node:assert/strict';
import { TableAuditLog } from '../../../src/storage/audit-log.ts';
import { TableOutboxRepository } from '../../../src/storage/outbox-repository.ts';
import { TABLES } from '../../../src/storage/table-store.ts';
import type { AuditEntry } from '../../../src/kernel/types.ts';
import { startTestStore, type TestStore } from '../../support/azurite.ts';
import { aMessage } from './fixtures.ts';

const COUNT = 1_100;

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

/** How many pages the raw service answers for the whole table, so we know paging really happens. */
async function pageCount(t: TestStore, table: string): Promise<number> {
  let pages = 0;
  for await (const page of t.store.client(table).listEntities().byPage()) {
    assert.ok(page.length <= 1_000);
    pages++;
  }
  return pages;
}

describe('storage: reads follow continuation tokens past 1,000 rows (real Azurite)', () => {
  let t: TestStore;
  before(async () => {
    t = await startTestStore();
  });
  after(async () => t?.close());

  it(`outbox list() and listDue() answer all ${COUNT} rows`, async () => {
    const repo = new TableOutboxRepository(t.store);
    const ids = Array.from({ length: COUNT }, (_, i) => `bulk:${String(i).padStart(4, '0')}`);
    await inBatches(ids, 50, async (id) => assert.equal(await repo.add(aMessage({ id })), 'created'));
    assert.ok((await pageCount(t, TABLES.outbox)) >= 2, 'the service answers in more than one page');

    const listed = await repo.list();
    assert.equal(listed.length, COUNT);
    assert.deepEqual(listed.map((r) => r.value.id).sort(), ids);
    const due = await repo.listDue(new Date('2026-11-23T10:00:00.000Z'), 10_000);
    assert.equal(due.length, COUNT);
  });

  it(`audit list() answers all ${COUNT} entries of one day partition, in time order`, async () => {
    const log = new TableAuditLog(t.store);
    const base = Date.parse('2026-11-23T00:00:00.000Z');
    const entries: AuditEntry[] = Array.from({ length: COUNT }, (_, i) => ({
      at: new Date(base + i * 1_000).toISOString(),
      actor: 'system',
      action: 'checkIn.submit',
      subject: `person:p${i}`,
      reason: 'due',
      outcome: 'ok',
    }));
    await inBatches(entries, 50, (e) => log.append(e));
    assert.ok((await pageCount(t, TABLES.audit)) >= 2);
    const listed = await log.list('2026-11-23T00:00:00.000Z', '2026-11-23T23:59:59.999Z');
    assert.equal(listed.length, COUNT);
    assert.deepEqual(listed, entries);
  });
});
