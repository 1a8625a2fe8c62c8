// Issue 15: a flag is read by its id with a point read in its person's partition (the id names the person),
// not a RowKey query across every partition (a table scan on Azure), including person ids with hyphens.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Flag } from '../../../src/features/check-ins/flag.ts';
import { FieldCipher } from '../../../src/storage/field-cipher.ts';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../../../src/storage/embedded-azurite.ts';
import { TableFlagRepository } from '../../../src/storage/flag-repository.ts';
import { TableStore } from '../../../src/storage/table-store.ts';
import { randomTablePrefix } from '../../support/azurite.ts';
import { isTableScan, startStorageFaultProxy, type StorageFaultProxy } from '../../support/storage-fault-proxy.ts';

const aFlag = (personId: string, reason: Flag['reason'], when: string): Flag => ({
  id: `flag-${personId}-${reason}-${when}`,
  personId,
  unitId: 'unit-1',
  reason,
  checkInDueAt: when,
  openedAt: '2026-11-23T09:00:00.000Z',
  notices: [],
});

describe('storage: flags are read by key (issue 15)', () => {
  let azurite: EmbeddedAzurite;
  let proxy: StorageFaultProxy;
  let flags: TableFlagRepository;
  before(async () => {
    azurite = await startEmbeddedAzurite();
    proxy = await startStorageFaultProxy(azurite.url);
    const store = new TableStore({ connectionString: proxy.connectionString }, new FieldCipher(randomBytes(32)), randomTablePrefix());
    await store.ensureTables();
    flags = new TableFlagRepository(store);
  });
  after(async () => {
    await proxy?.close();
    await azurite?.close();
  });

  it('finds each flag with point reads only, whatever hyphens the person id holds', async () => {
    const all = [
      aFlag('dev', 'lowScore', '2026-11-23'),
      aFlag('dev-patel', 'lowScore', '2026-11-23'),
      aFlag('a-lowScore-b', 'sharpFall', '2026-W47'),
      aFlag('sam.okafor', 'workload', '2026-W47'),
    ];
    for (const f of all) assert.equal(await flags.add(f), 'created');
    const from = proxy.calls.length;
    for (const f of all) assert.deepEqual((await flags.get(f.id))?.value, f, f.id);
    assert.equal(await flags.get('flag-nobody-lowScore-2026-11-23'), undefined);
    assert.equal(await flags.get('flag-not-a-flag-id'), undefined);
    const reads = proxy.calls.slice(from);
    assert.deepEqual(reads.filter(isTableScan), [], 'no table scan');
    assert.ok(
      reads.every((c) => c.method === 'GET' && c.path.includes('PartitionKey=')),
      'point reads only',
    );
  });
});
