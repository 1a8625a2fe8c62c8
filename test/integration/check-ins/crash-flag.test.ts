// Crash consistency for check-ins: storing the answer and raising its flag are two writes. A storage
// proxy in front of Azurite refuses every write to the flags table after the answer is stored (the
// table SDK's own retries included), Haven is then stopped and started again on the same storage, and
// the check-in job must raise the flag, once; the person's resubmission is still "already answered".
// Before the answer carried its pending effects, the flag was lost for good.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../../../src/storage/embedded-azurite.ts';
import { TABLES } from '../../../src/storage/table-store.ts';
import { DEMO, actionExecute, installPersonal } from '../../support/activities.ts';
import { randomTablePrefix } from '../../support/azurite.ts';
import { FakeClock } from '../../support/clock.ts';
import { startFakeConnector, type FakeConnector } from '../../support/fake-connector.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { startStorageFaultProxy, type StorageFaultProxy } from '../../support/storage-fault-proxy.ts';
import { act } from '../../support/haven-steps.ts';
import { text } from '../../support/sent-cards.ts';
import { trayLines } from '../../support/tray-lines.ts';

const LOW = { who5_1: '1', who5_2: '2', who5_3: '1', who5_4: '0', who5_5: '2' }; // raw 6: a low score

/** Sam's flag lines (his daily digest), resolved ones included: how often he was told. */
const flagLines = async (t: TestHaven) => trayLines(t.haven.deps, 'sam.okafor', 'flag:', true);

describe('check-ins: a failure between storing the answer and raising its flag', function () {
  this.timeout(120_000);
  let azurite: EmbeddedAzurite;
  let proxy: StorageFaultProxy;
  let connector: FakeConnector;
  let dataDir: string;
  let t: TestHaven | undefined;
  const clock = new FakeClock('2026-11-23T09:00:00Z'); // Monday, inside Alex's and Sam's shifts

  const start = async () => {
    t = await startTestHaven({
      clock,
      connector,
      dataDir,
      env: { HAVEN_STORAGE_CONNECTION_STRING: proxy.connectionString, HAVEN_TABLE_PREFIX: prefix },
    });
    return t;
  };
  const prefix = randomTablePrefix();

  before(async () => {
    azurite = await startEmbeddedAzurite();
    proxy = await startStorageFaultProxy(azurite.url);
    connector = await startFakeConnector();
    dataDir = mkdtempSync(join(tmpdir(), 'haven-crash-flag-'));
  });
  after(async () => {
    await t?.close();
    await connector?.close();
    await proxy?.close();
    await azurite?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the job raises the flag after a restart, exactly once, and a resubmission is still "already answered"', async () => {
    let h = await start();
    for (const u of [DEMO.alex!, DEMO.sam!]) assert.equal((await h.post(installPersonal(h.connector.url, u))).status, 200);
    await h.tick();

    const form = await act(h, DEMO.alex!, 'checkIn.open');
    const checkInId = text(form).match(/"checkInId":"(checkin:[^"]+)"/)![1]!;
    // Every write to the flags table fails from now on, however often the SDK retries.
    proxy.failNext(1000, { fault: 'status503', match: (r) => r.write && r.table?.endsWith(TABLES.flags) === true });
    const submitted = await h.post(actionExecute(h.connector.url, DEMO.alex!, 'checkIn.submit', { checkInId, ...LOW }));
    assert.ok(
      proxy.faulted().some((c) => c.table?.endsWith(TABLES.flags)),
      'raising the flag was refused',
    );
    const answered = (await h.haven.deps.checkIns.get(checkInId))?.value;
    assert.equal(answered?.status, 'answered', `the answer is stored (submit answered ${submitted.status})`);
    assert.equal((await h.haven.deps.flags.list()).length, 0, 'no flag yet');

    // The process goes away with the flag unraised; storage recovers; a new process starts.
    await h.close();
    t = undefined;
    proxy.clearFaults();
    h = await start();
    clock.advance(60_000);
    await h.tick();
    await h.tick();

    const flags = (await h.haven.deps.flags.list()).map((f) => f.value);
    assert.deepEqual(
      flags.map((f) => `${f.personId}:${f.reason}:${f.checkInId}`),
      [`alex.moreno:lowScore:${checkInId}`],
      'exactly one flag, for that check-in',
    );
    assert.equal((await flagLines(h)).length, 1, 'the supervisor is told once: one line in his tray');
    const after = (await h.haven.deps.checkIns.get(checkInId))!.value;
    assert.deepEqual(after.pendingEffects ?? [], [], 'nothing left pending');
    assert.equal(after.flagId, flags[0]!.id);

    const again = await act(h, DEMO.alex!, 'checkIn.submit', { checkInId, ...LOW });
    assert.match(text(again), /already answered/);
    await h.tick();
    clock.advance(60_000);
    await h.tick();
    assert.equal((await h.haven.deps.flags.list()).length, 1, 'still one flag');
    assert.equal((await flagLines(h)).length, 1, 'still told once');
    assert.equal((await flagLines(h))[0]!.postedAt, (await flagLines(h))[0]!.updatedAt, 'and the line never re-posted');
  });
});
