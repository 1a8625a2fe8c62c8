// The kernel's one mechanism for effects stored with a decision, on an in-memory store with ETags.
import assert from 'node:assert/strict';
import {
  finishInterrupted,
  flushPendingEffects,
  hasPendingEffects,
  withPendingEffects,
  type CarriesEffects,
} from '../../../src/kernel/pending-effects.ts';
import { VersionConflict, type Versioned } from '../../../src/kernel/ports.ts';

interface Rec extends CarriesEffects<string> {
  id: string;
  done: string[];
}

class Store {
  rows = new Map<string, Versioned<Rec>>();
  n = 0;
  /** Called before a save lands: a test makes someone else write meanwhile. */
  beforeSave?: () => void;
  put(r: Rec): Versioned<Rec> {
    const v = { value: structuredClone(r), version: `v${++this.n}` };
    this.rows.set(r.id, v);
    return v;
  }
  async get(id: string) {
    return this.rows.get(id);
  }
  async save(r: Rec, expected: string) {
    const hook = this.beforeSave;
    this.beforeSave = undefined;
    hook?.();
    if (this.rows.get(r.id)?.version !== expected) throw new VersionConflict(r.id);
    return this.put(r).version;
  }
}

describe('kernel/pending-effects', () => {
  it('withPendingEffects keeps what was pending, adds the new, never the same id twice', () => {
    const prev: Rec = { id: 'a', done: [], pendingEffects: [{ id: 'x', effect: 'X' }] };
    const next = withPendingEffects(prev, { ...prev, done: ['d'] }, [
      { id: 'x', effect: 'X' },
      { id: 'y', effect: 'Y' },
    ]);
    assert.deepEqual(
      next.pendingEffects!.map((p) => p.id),
      ['x', 'y'],
    );
    assert.deepEqual(next.done, ['d']);
    const plain = { id: 'b', done: [] } as Rec;
    assert.equal(withPendingEffects(plain, plain, []), plain, 'nothing pending: the record is left as it was');
    assert.equal(hasPendingEffects(next), true);
    assert.equal(hasPendingEffects(plain), false);
  });

  it('applies the effects, records the outcome and clears them in one ETag save; a second flush does nothing', async () => {
    const store = new Store();
    const applied: string[] = [];
    const options = {
      store,
      idOf: (r: Rec) => r.id,
      apply: async (r: Rec, pending: readonly { id: string; effect: string }[]) => {
        for (const p of pending) applied.push(p.id);
        return { ...r, done: [...r.done, ...pending.map((p) => p.effect)] };
      },
    };
    const stored = store.put({ id: 'a', done: [], pendingEffects: [{ id: 'x', effect: 'X' }] });
    const flushed = await flushPendingEffects(stored, options);
    assert.deepEqual(flushed.value, { id: 'a', done: ['X'], pendingEffects: [] });
    assert.equal(store.rows.get('a')!.version, flushed.version);
    assert.deepEqual(await flushPendingEffects(flushed, options), flushed);
    assert.deepEqual(applied, ['x']);
  });

  it('on a conflict reads again and applies what is pending then (ids make a repeat harmless)', async () => {
    const store = new Store();
    const applied: string[] = [];
    const stored = store.put({ id: 'a', done: [], pendingEffects: [{ id: 'x', effect: 'X' }] });
    store.beforeSave = () =>
      store.put({
        id: 'a',
        done: ['other'],
        pendingEffects: [
          { id: 'x', effect: 'X' },
          { id: 'y', effect: 'Y' },
        ],
      });
    const flushed = await flushPendingEffects(stored, {
      store,
      idOf: (r: Rec) => r.id,
      apply: async (r: Rec, pending) => {
        for (const p of pending) applied.push(p.id);
        return r;
      },
    });
    assert.deepEqual(applied, ['x', 'x', 'y']);
    assert.deepEqual(flushed.value, { id: 'a', done: ['other'], pendingEffects: [] });
  });

  it('an effect that fails leaves the record as stored, effects included, for the job', async () => {
    const store = new Store();
    const stored = store.put({ id: 'a', done: [], pendingEffects: [{ id: 'x', effect: 'X' }] });
    await assert.rejects(
      flushPendingEffects(stored, { store, idOf: (r: Rec) => r.id, apply: async () => Promise.reject(new Error('storage down')) }),
      /storage down/,
    );
    assert.equal(hasPendingEffects(store.rows.get('a')!.value), true);
  });

  it('finishInterrupted flushes only records with pending effects; one failure does not stop the rest', async () => {
    const records: Versioned<Rec>[] = [
      { value: { id: 'a', done: [], pendingEffects: [{ id: 'x', effect: 'X' }] }, version: '1' },
      { value: { id: 'b', done: [] }, version: '1' },
      { value: { id: 'c', done: [], pendingEffects: [{ id: 'z', effect: 'Z' }] }, version: '1' },
    ];
    const flushed: string[] = [];
    const failed: string[] = [];
    const n = await finishInterrupted(
      records,
      async (r) => {
        if (r.value.id === 'a') throw new Error('later');
        flushed.push(r.value.id);
      },
      (r) => failed.push(r.value.id),
    );
    assert.equal(n, 1);
    assert.deepEqual(flushed, ['c']);
    assert.deepEqual(failed, ['a']);
  });
});
