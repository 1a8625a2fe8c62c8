// The in-memory ports keep the storage contract the workflows rely on (the Azurite ones are tested
// against the same points in test/integration/storage).
import assert from 'node:assert/strict';
import type { CheckIn } from '../../../src/features/check-ins/check-in.ts';
import { VersionConflict } from '../../../src/kernel/ports.ts';
import { MemoryCheckInRepository, MemoryNotifier } from '../../support/memory-ports.ts';
import { memoryDeps, withRoster } from '../../support/memory-deps.ts';
import { UNIT_CSV } from './small-unit.ts';

describe('in-memory ports keep the storage contract', () => {
  it('a save with a stale version throws VersionConflict and keeps the newer write', async () => {
    const deps = await withRoster(memoryDeps(), UNIT_CSV);
    const read = (await deps.people.get('alex'))!;
    await deps.people.save({ ...read.value, name: 'First Writer' }, read.version);
    await assert.rejects(deps.people.save({ ...read.value, name: 'Second Writer' }, read.version), VersionConflict);
    assert.equal((await deps.people.get('alex'))?.value.name, 'First Writer');
    await assert.rejects(deps.people.delete('alex', read.version), VersionConflict);
  });

  it('create of an existing row conflicts; add answers duplicate; what is stored is a copy', async () => {
    const deps = await withRoster(memoryDeps(), UNIT_CSV);
    const unit = (await deps.units.get('unit-1'))!.value;
    await assert.rejects(deps.units.create(unit), VersionConflict);

    const checkIns = new MemoryCheckInRepository();
    const checkIn: CheckIn = {
      id: 'checkin:alex:2026-11-23',
      personId: 'alex',
      unitId: 'unit-1',
      questionSetId: 'who5',
      dueOn: '2026-11-23',
      closesOn: '2026-12-07',
      onDemand: false,
      status: 'open',
      sentAt: '2026-11-23T09:00:00.000Z',
      shared: false,
      delivered: true,
    };
    assert.equal(await checkIns.add(checkIn), 'created');
    assert.equal(await checkIns.add({ ...checkIn, status: 'answered' }), 'duplicate');
    checkIn.status = 'answered'; // the caller's object changes; the stored row must not
    assert.equal((await checkIns.get(checkIn.id))?.value.status, 'open');
    assert.deepEqual(
      (await checkIns.listOpen()).map((c) => c.value.id),
      ['checkin:alex:2026-11-23'],
    );
  });

  it('the notifier suppresses a repeat of an id, as the outbox does', async () => {
    const notifier = new MemoryNotifier();
    const message = {
      id: 'm1',
      lane: 'bulk' as const,
      target: { kind: 'person' as const, personId: 'alex' },
      operation: 'send' as const,
      activity: { text: 'x' },
      purpose: 'test',
    };
    assert.equal(await notifier.enqueue(message), 'created');
    assert.equal(await notifier.enqueue({ ...message, activity: { text: 'y' } }), 'duplicate');
    assert.deepEqual(
      notifier.messages.map((m) => m.activity.text),
      ['x'],
    );
  });
});
