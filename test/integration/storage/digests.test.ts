import assert from 'node:assert/strict';
import type { DigestRecord } from '../../../src/features/digest/index.ts';
import { VersionConflict } from '../../../src/kernel/ports.ts';
import { TableDigestRepository } from '../../../src/storage/digest-repository.ts';
import { startTestStore, type TestStore } from '../../support/azurite.ts';
import { uid } from './fixtures.ts';

function aDigest(overrides: Partial<DigestRecord> = {}): DigestRecord {
  return {
    recipientId: uid('sergeant'),
    date: '2026-11-24',
    status: 'sent',
    messageId: 'digest:x:2026-11-24',
    weekly: false,
    lines: [
      {
        key: 'care:alex.moreno:oneToOne:2026-11-30',
        feature: 'care',
        aboutPersonId: 'alex.moreno',
        line: 'One-to-one',
        since: '2026-11-30',
        actions: [],
      },
    ],
    doneKeys: [],
    updates: 0,
    composedAt: '2026-11-24T09:00:00.000Z',
    ...overrides,
  };
}

describe('storage: TableDigestRepository (real Azurite)', () => {
  let t: TestStore;
  let digests: TableDigestRepository;
  before(async () => {
    t = await startTestStore();
    digests = new TableDigestRepository(t.store);
  });
  after(async () => t?.close());

  it('one record per recipient and day; the day is one partition; saves carry the version', async () => {
    const date = '2026-11-24';
    const a = aDigest({ date });
    const b = aDigest({ date, status: 'quiet', lines: [] });
    assert.equal(await digests.add(a), 'created');
    assert.equal(await digests.add({ ...a, status: 'quiet' }), 'duplicate', 'a day is considered once');
    assert.equal(await digests.add(b), 'created');
    const mine = (await digests.listOn(date)).map((d) => d.value.recipientId).filter((r) => r === a.recipientId || r === b.recipientId);
    assert.deepEqual(mine.sort(), [a.recipientId, b.recipientId].sort());
    const stored = (await digests.get(date, a.recipientId))!;
    await digests.save({ ...stored.value, doneKeys: ['care:alex.moreno:oneToOne:2026-11-30'], updates: 1 }, stored.version);
    await assert.rejects(digests.save({ ...stored.value, updates: 2 }, stored.version), VersionConflict);
    assert.equal((await digests.get(date, a.recipientId))?.value.updates, 1);
  });

  it('state is created once, then replaced with its version; subject lookups find records by recipient and by person named', async () => {
    const who = uid('sergeant');
    const v = await digests.putState({ recipientId: who, lastSentAt: '2026-11-24T09:00:00.000Z' }, undefined);
    await assert.rejects(digests.putState({ recipientId: who }, undefined), VersionConflict);
    await digests.putState({ recipientId: who, lastSentAt: '2026-11-25T09:00:00.000Z', lastWeeklyWeek: '2026-W48' }, v);
    assert.equal((await digests.getState(who))?.value.lastWeeklyWeek, '2026-W48');
    const about = uid('officer');
    await digests.add(
      aDigest({
        recipientId: who,
        lines: [
          {
            key: `care:${about}:screening:2026-12-01`,
            feature: 'care',
            aboutPersonId: about,
            line: 'Screening',
            since: '2026-12-01',
            actions: [],
          },
        ],
      }),
    );
    assert.equal((await digests.listFor(who)).length, 1);
    const naming = await digests.listNaming(about);
    assert.equal(naming.length, 1);
    await digests.delete(naming[0]!.value, naming[0]!.version);
    await digests.deleteState(who);
    assert.deepEqual(await digests.listFor(who), []);
    assert.equal(await digests.getState(who), undefined);
  });
});
