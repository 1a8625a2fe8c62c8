// installForPeople: who is skipped, what each installer answer becomes, dry run only looks, and at most
// `concurrency` installs in flight at once.
import assert from 'node:assert/strict';
import { installForPeople } from '../../../src/kernel/install-app.ts';
import { GraphUnavailable, type AppInstaller, type InstallOutcome } from '../../../src/kernel/ports.ts';

function installer(answers: Record<string, InstallOutcome | Error>, installed: Set<string> = new Set()) {
  const calls: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const slow = async <T>(f: () => T): Promise<T> => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((r) => setTimeout(r, 5));
    inFlight--;
    return f();
  };
  const port: AppInstaller = {
    configured: true,
    isInstalled: (oid) =>
      slow(() => {
        calls.push(`get ${oid}`);
        const a = answers[oid];
        if (a instanceof Error) throw a;
        return installed.has(oid);
      }),
    install: (oid) =>
      slow(() => {
        calls.push(`post ${oid}`);
        const a = answers[oid];
        if (a instanceof Error) throw a;
        return a ?? { outcome: 'installed' };
      }),
  };
  return { port, calls, maxInFlight: () => maxInFlight };
}

const people = [
  { id: 'a', aadObjectId: 'oid-a' },
  { id: 'b', aadObjectId: 'oid-b' },
  { id: 'gone', aadObjectId: 'oid-gone', leftOn: '2026-11-01' },
  { id: 'noid', aadObjectId: '' },
  { id: 'c', aadObjectId: 'oid-c' },
  { id: 'd', aadObjectId: 'oid-d' },
  { id: 'e', aadObjectId: 'oid-e' },
];

describe('kernel: installForPeople', () => {
  it('installs, counts 409s as already installed, reports failures with their reason, skips leavers and people without an object id', async () => {
    const i = installer({
      'oid-b': { outcome: 'alreadyInstalled' },
      'oid-c': { outcome: 'failed', reason: 'Graph refused: 403' },
      'oid-d': new GraphUnavailable(503, 'Microsoft Graph answered 503'),
    });
    const run = await installForPeople(i.port, people);
    assert.deepEqual(run.results, [
      { personId: 'a', outcome: 'installed' },
      { personId: 'b', outcome: 'alreadyInstalled' },
      { personId: 'gone', outcome: 'skipped', reason: 'left' },
      { personId: 'noid', outcome: 'skipped', reason: 'noAadObjectId' },
      { personId: 'c', outcome: 'failed', reason: 'Graph refused: 403' },
      { personId: 'd', outcome: 'failed', reason: 'Graph still busy after retries (503)' },
      { personId: 'e', outcome: 'installed' },
    ]);
    assert.deepEqual([run.installed, run.alreadyInstalled, run.wouldInstall, run.skipped, run.failed], [2, 1, 0, 2, 2]);
    assert.ok(!i.calls.some((c) => c.includes('gone') || c === 'post '), 'never called for a leaver or an empty id');
  });

  it('dry run only looks (no install call): would install / already installed', async () => {
    const i = installer({ 'oid-e': new GraphUnavailable(404, 'x') }, new Set(['oid-a']));
    const run = await installForPeople(i.port, people, { dryRun: true });
    assert.ok(i.calls.every((c) => c.startsWith('get ')));
    assert.deepEqual(
      run.results.map((r) => r.outcome),
      ['alreadyInstalled', 'wouldInstall', 'skipped', 'skipped', 'wouldInstall', 'wouldInstall', 'failed'],
    );
    assert.deepEqual(run.results[6], { personId: 'e', outcome: 'failed', reason: 'user not in the tenant (Graph 404)' });
  });

  it('at most `concurrency` calls at once (default 4), every person answered', async () => {
    const many = Array.from({ length: 30 }, (_, n) => ({ id: `p${n}`, aadObjectId: `oid-${n}` }));
    const i = installer({});
    const run = await installForPeople(i.port, many);
    assert.equal(run.installed, 30);
    assert.equal(i.maxInFlight(), 4);
    const j = installer({});
    await installForPeople(j.port, many, { concurrency: 2 });
    assert.equal(j.maxInFlight(), 2);
  });

  it('not configured: nobody is installed and each eligible person says why', async () => {
    const run = await installForPeople({ ...installer({}).port, configured: false }, people.slice(0, 3));
    assert.deepEqual(
      run.results.map((r) => r.outcome),
      ['failed', 'failed', 'skipped'],
    );
    assert.equal((run.results[0] as { reason: string }).reason, 'app installation is not configured');
  });
});
