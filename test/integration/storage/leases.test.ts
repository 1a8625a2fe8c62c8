import assert from 'node:assert/strict';
import { TableLeaseRepository } from '../../../src/storage/lease-repository.ts';
import { startTestStore, type TestStore } from '../../support/azurite.ts';
import { uid } from './fixtures.ts';

const T0 = new Date('2026-11-23T09:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const TTL = 30_000;

describe('storage: TableLeaseRepository (real Azurite)', () => {
  let t: TestStore;
  // Two Haven instances: separate TableStore objects over the same tables.
  let a: TableLeaseRepository;
  let b: TableLeaseRepository;
  before(async () => {
    t = await startTestStore();
    a = new TableLeaseRepository(t.store);
    b = new TableLeaseRepository(await t.openStore({ prefix: t.prefix }));
  });
  after(async () => t?.close());

  it('only one of two holders acquires; the holder renews; after expiry the other takes it', async () => {
    const name = uid('jobs');
    assert.equal(await a.tryAcquire(name, 'instance-a', at(0), TTL), true);
    assert.equal(await b.tryAcquire(name, 'instance-b', at(1_000), TTL), false);
    // Renewal at +20 s moves expiry to +50 s.
    assert.equal(await a.tryAcquire(name, 'instance-a', at(20_000), TTL), true);
    assert.equal(await b.tryAcquire(name, 'instance-b', at(TTL + 1), TTL), false, 'the renewed lease outlives the first ttl');
    assert.equal(await b.tryAcquire(name, 'instance-b', at(49_999), TTL), false);
    // After expiry the other instance takes over, and the first one is now the outsider.
    assert.equal(await b.tryAcquire(name, 'instance-b', at(50_001), TTL), true);
    assert.equal(await a.tryAcquire(name, 'instance-a', at(50_002), TTL), false);
    assert.equal(await b.tryAcquire(name, 'instance-b', at(60_000), TTL), true);
  });

  it('release frees the lease at once; a release by someone else does nothing', async () => {
    const name = uid('jobs');
    assert.equal(await a.tryAcquire(name, 'instance-a', at(0), TTL), true);
    await b.release(name, 'instance-b');
    assert.equal(await b.tryAcquire(name, 'instance-b', at(1_000), TTL), false, 'a non-holder cannot release');
    await a.release(name, 'instance-a');
    assert.equal(await b.tryAcquire(name, 'instance-b', at(1_000), TTL), true, 'released before its expiry');
    assert.equal(await a.tryAcquire(name, 'instance-a', at(2_000), TTL), false);
    await a.release(uid('never-held'), 'instance-a');
  });

  it('leases are independent by name', async () => {
    const [n1, n2] = [uid('jobs'), uid('jobs')];
    assert.equal(await a.tryAcquire(n1, 'instance-a', at(0), TTL), true);
    assert.equal(await b.tryAcquire(n2, 'instance-b', at(0), TTL), true);
    assert.equal(await a.tryAcquire(n2, 'instance-a', at(0), TTL), false);
  });

  it('two holders racing for a free lease: exactly one wins, every time', async () => {
    for (let i = 0; i < 25; i++) {
      const name = uid('race');
      const results = await Promise.all([a.tryAcquire(name, 'instance-a', at(0), TTL), b.tryAcquire(name, 'instance-b', at(0), TTL)]);
      assert.equal(results.filter(Boolean).length, 1, `race ${i}: ${JSON.stringify(results)}`);
      const winner = results[0] ? a : b;
      const loser = results[0] ? 'instance-b' : 'instance-a';
      assert.equal(await (winner === a ? b : a).tryAcquire(name, loser, at(1), TTL), false, 'the loser still cannot take it');
    }
  });

  it('two holders racing for an expired lease: exactly one wins, every time', async () => {
    for (let i = 0; i < 25; i++) {
      const name = uid('race');
      assert.equal(await a.tryAcquire(name, 'instance-c', at(0), TTL), true);
      const later = at(TTL + 1);
      const results = await Promise.all([a.tryAcquire(name, 'instance-a', later, TTL), b.tryAcquire(name, 'instance-b', later, TTL)]);
      assert.equal(results.filter(Boolean).length, 1, `race ${i}: ${JSON.stringify(results)}`);
    }
  });
});
