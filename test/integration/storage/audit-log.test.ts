import assert from 'node:assert/strict';
import type { AuditEntry } from '../../../src/kernel/types.ts';
import { TableAuditLog } from '../../../src/storage/audit-log.ts';
import { TABLES } from '../../../src/storage/table-store.ts';
import { startTestStore, type TestStore } from '../../support/azurite.ts';

// The label rides in `reason` (free of the typed action list) so each entry is recognisable.
const entry = (at: string, label: string, actor = 'alex.moreno'): AuditEntry => ({
  at,
  actor,
  action: 'declaration.raised',
  subject: `person:${actor}`,
  reason: label,
  outcome: 'ok',
});

describe('storage: TableAuditLog (real Azurite)', () => {
  let t: TestStore;
  let log: TableAuditLog;
  const entries = [
    entry('2026-11-22T23:59:59.999Z', 'a'),
    entry('2026-11-23T00:00:00.000Z', 'b'),
    entry('2026-11-23T12:00:00.000Z', 'c'),
    entry('2026-11-23T12:00:00.001Z', 'd', 'system'),
    entry('2026-11-24T08:00:00.000Z', 'e'),
    entry('2026-11-25T01:00:00.000Z', 'f'),
    entry('2026-12-01T00:00:00.000Z', 'g'),
  ];
  before(async () => {
    t = await startTestStore();
    log = new TableAuditLog(t.store);
    // Appended out of order, some in parallel.
    const [e0, e1, e2, e3, e4, e5, e6] = entries as [AuditEntry, AuditEntry, AuditEntry, AuditEntry, AuditEntry, AuditEntry, AuditEntry];
    await log.append(e5);
    await Promise.all([e2, e0, e6].map((e) => log.append(e)));
    await log.append(e4);
    await log.append(e3);
    await log.append(e1);
  });
  after(async () => t?.close());

  it('lists every entry in time order across day partitions, as appended', async () => {
    const all = await log.list('2026-11-01T00:00:00.000Z', '2026-12-31T23:59:59.999Z');
    assert.deepEqual(all, entries);
  });

  it('keeps one partition per day', async () => {
    const partitions = new Set<string>();
    for await (const e of t.store.client(TABLES.audit).listEntities()) partitions.add(e.partitionKey!);
    assert.deepEqual([...partitions].sort(), ['2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-12-01']);
  });

  it('filters by range, both ends inclusive, also inside one day', async () => {
    assert.deepEqual(
      (await log.list('2026-11-23T00:00:00.000Z', '2026-11-24T08:00:00.000Z')).map((e) => e.reason),
      ['b', 'c', 'd', 'e'],
    );
    assert.deepEqual(
      (await log.list('2026-11-23T06:00:00.000Z', '2026-11-23T12:00:00.000Z')).map((e) => e.reason),
      ['c'],
    );
    assert.deepEqual(
      (await log.list('2026-11-22T23:59:59.999Z', '2026-11-22T23:59:59.999Z')).map((e) => e.reason),
      ['a'],
    );
    assert.deepEqual(await log.list('2026-11-26T00:00:00.000Z', '2026-11-30T23:59:59.999Z'), []);
  });

  it('is append-only: an identical entry is a second row, never an overwrite', async () => {
    const twin = entry('2026-11-26T10:00:00.000Z', 'twin');
    await log.append(twin);
    await log.append(twin);
    assert.deepEqual(await log.list('2026-11-26T00:00:00.000Z', '2026-11-26T23:59:59.999Z'), [twin, twin]);
  });

  // Issue 16 part 4 (audit viewer): the per-subject index.
  it('lists one subject newest first from its index, without reading the other subjects', async () => {
    assert.deepEqual(
      // (the two identical "twin" entries of the test above are in it too)
      (await log.listBySubject('person:alex.moreno')).map((e) => e.reason).filter((r) => r !== 'twin'),
      ['g', 'f', 'e', 'c', 'b', 'a'],
    );
    assert.deepEqual(
      (await log.listBySubject('person:system')).map((e) => e.reason),
      ['d'],
    );
    assert.deepEqual(await log.listBySubject('person:nobody'), []);
    assert.deepEqual(await log.listBySubject("person:o'brien/#?"), [], 'a subject with key characters is a query, not an error');
    let indexRows = 0;
    for await (const e of t.store
      .client(TABLES.auditBySubject)
      .listEntities({ queryOptions: { filter: "PartitionKey eq 'person:alex.moreno'" } }))
      indexRows += e ? 1 : 0;
    assert.ok(indexRows >= 6);
  });

  it('an erasure that rewrites a subject moves its index rows with it', async () => {
    const fresh = new TableAuditLog(t.store);
    await fresh.append(entry('2027-01-01T09:00:00.000Z', 'to-erase', 'zoe.quinn'));
    await fresh.append(entry('2027-01-01T09:01:00.000Z', 'to-erase-2', 'zoe.quinn'));
    const changed = await fresh.redact((e) =>
      e.subject === 'person:zoe.quinn' ? { ...e, actor: 'erased:1', subject: 'person:erased:1' } : undefined,
    );
    assert.equal(changed, 2);
    assert.deepEqual(await fresh.listBySubject('person:zoe.quinn'), [], 'nothing is left under the erased subject');
    assert.deepEqual(
      (await fresh.listBySubject('person:erased:1')).map((e) => [e.reason, e.actor]),
      [
        ['to-erase-2', 'erased:1'],
        ['to-erase', 'erased:1'],
      ],
    );
  });

  it("an entry about one of a person's records is listed under the record and under the person; erasure and retention move or remove both copies", async () => {
    const fresh = new TableAuditLog(t.store);
    const read: AuditEntry = {
      at: '2027-02-01T09:00:00.000Z',
      actor: 'sam.okafor',
      action: 'declaration.read',
      subject: 'declaration:d-yan-1',
      about: 'yan.li',
      reason: 'alert card',
      outcome: 'ok',
    };
    await fresh.append(read);
    await fresh.append({ ...read, at: '2027-02-01T09:05:00.000Z', reason: 'status' });
    assert.deepEqual(
      (await fresh.listBySubject('person:yan.li')).map((e) => [e.subject, e.about, e.reason]),
      [
        ['declaration:d-yan-1', 'yan.li', 'status'],
        ['declaration:d-yan-1', 'yan.li', 'alert card'],
      ],
      'newest first, each with the real subject',
    );
    assert.equal((await fresh.listBySubject('declaration:d-yan-1')).length, 2);
    // Erasure: whose record it is becomes the pseudonym; nothing is left under the person's id.
    await fresh.redact((e) =>
      e.about === 'yan.li' && e.reason === 'alert card' ? { ...e, about: 'erased:2', subject: 'declaration:d-erased:2-1' } : undefined,
    );
    assert.deepEqual(
      (await fresh.listBySubject('person:yan.li')).map((e) => e.reason),
      ['status'],
    );
    assert.deepEqual(
      (await fresh.listBySubject('person:erased:2')).map((e) => [e.subject, e.reason]),
      [['declaration:d-erased:2-1', 'alert card']],
    );
    assert.deepEqual(
      (await fresh.listBySubject('declaration:d-yan-1')).map((e) => e.reason),
      ['status'],
    );
    // Retention: a deleted row leaves no copy; a pseudonymised one without `about` leaves none under the person.
    const due = (await fresh.listBefore('2027-02-02T00:00:00.000Z')).filter((r) => r.entry.actor === 'sam.okafor');
    const status = due.find((r) => r.entry.reason === 'status')!;
    const { about: _about, ...rest } = status.entry;
    await fresh.replace(status.ref, status.version, { ...rest, actor: 'retained', subject: 'declaration:retained' });
    assert.deepEqual(await fresh.listBySubject('person:yan.li'), []);
    assert.deepEqual(await fresh.listBySubject('declaration:d-yan-1'), []);
    assert.equal((await fresh.listBySubject('declaration:retained')).length, 1);
    const erased = due.find((r) => r.entry.reason === 'alert card')!;
    const current = (await fresh.listBefore('2027-02-02T00:00:00.000Z')).find((r) => r.ref === erased.ref)!;
    await fresh.replace(current.ref, current.version, undefined);
    assert.deepEqual(await fresh.listBySubject('person:erased:2'), []);
    assert.deepEqual(await fresh.listBySubject('declaration:d-erased:2-1'), []);
  });
});
