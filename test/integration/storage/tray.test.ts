import assert from 'node:assert/strict';
import { postToTray, resolveInTray, type NewTrayItem } from '../../../src/kernel/tray.ts';
import { VersionConflict } from '../../../src/kernel/ports.ts';
import { TableTrayRepository } from '../../../src/storage/tray-repository.ts';
import { FakeClock } from '../../support/clock.ts';
import { startTestStore, type TestStore } from '../../support/azurite.ts';
import { uid } from './fixtures.ts';

function anItem(overrides: Partial<NewTrayItem> = {}): NewTrayItem {
  return {
    recipientId: uid('sergeant'),
    key: `care:${uid('officer')}:oneToOne:2026-11-30`,
    feature: 'care',
    aboutPersonId: 'alex.moreno',
    line: 'One-to-one with supervisor, due by Monday 30 November',
    since: '2026-11-30',
    actions: [{ title: 'Done today', verb: 'care.done', data: { personId: 'alex.moreno', item: 'oneToOne' } }],
    ...overrides,
  };
}

describe('storage: TableTrayRepository (real Azurite)', () => {
  let t: TestStore;
  let tray: TableTrayRepository;
  const clock = new FakeClock('2026-11-30T09:00:00Z');
  before(async () => {
    t = await startTestStore();
    tray = new TableTrayRepository(t.store);
  });
  after(async () => t?.close());

  it('posts once; a repeat post changes nothing; a changed line updates the same row', async () => {
    const deps = { tray, clock };
    const item = anItem();
    assert.equal(await postToTray(deps, item), 'posted');
    const first = await tray.get(item.recipientId, item.key);
    assert.equal(await postToTray(deps, item), 'unchanged');
    assert.equal((await tray.get(item.recipientId, item.key))?.version, first?.version, 'a repeat post does not write');
    clock.advance(3_600_000);
    assert.equal(await postToTray(deps, { ...item, overdue: true, since: '2026-12-08' }), 'updated');
    const open = await tray.listOpenFor(item.recipientId);
    assert.equal(open.length, 1);
    assert.equal(open[0]?.value.overdue, true);
    assert.equal(open[0]?.value.postedAt, first?.value.postedAt, 'first posted stays');
  });

  it('resolves a key for every recipient through the key index, and lists only open items', async () => {
    const deps = { tray, clock };
    const key = `care:${uid('officer')}:screening:2026-12-01`;
    const sergeant = uid('sergeant');
    const head = uid('head');
    await postToTray(deps, anItem({ key, recipientId: sergeant }));
    await postToTray(deps, anItem({ key, recipientId: head }));
    await postToTray(deps, anItem({ recipientId: head }));
    assert.deepEqual((await tray.recipientsOf(key)).sort(), [head, sergeant].sort());
    assert.equal(await resolveInTray(deps, key), 2);
    assert.equal(await resolveInTray(deps, key), 0, 'resolving again closes nothing');
    assert.deepEqual(await tray.listOpenFor(sergeant), []);
    assert.equal((await tray.listOpenFor(head)).length, 1);
    assert.equal((await tray.listFor(head)).length, 2);
    assert.ok((await tray.get(sergeant, key))?.value.resolvedAt);
  });

  it('a save with a stale version is refused; items about a person are found and deleted with their index', async () => {
    const about = uid('officer');
    const item = anItem({ aboutPersonId: about, key: `care:${about}:suitability:2026-12-02` });
    await postToTray({ tray, clock }, item);
    const stored = (await tray.get(item.recipientId, item.key))!;
    await tray.save({ ...stored.value, line: 'changed' }, stored.version);
    await assert.rejects(tray.save({ ...stored.value, line: 'again' }, stored.version), VersionConflict);
    const found = await tray.listAbout(about);
    assert.equal(found.length, 1);
    await tray.delete(found[0]!.value, found[0]!.version);
    assert.deepEqual(await tray.listAbout(about), []);
    assert.deepEqual(await tray.recipientsOf(item.key), []);
  });
});
