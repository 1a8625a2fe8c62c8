// Issue 16: `npm run roster -- sync` on in-memory ports and the in-memory directory: options, output, exit codes.
import assert from 'node:assert/strict';
import { runRosterCommand } from '../../../src/cli/roster.ts';
import { memoryDeps } from '../../support/memory-deps.ts';
import { MemoryDirectory, memorySyncDeps } from '../../support/memory-directory.ts';
import { ENTRA, entraMappings, entraTenant } from '../../support/entra-tenant.ts';

async function run(args: string[], tenant = entraTenant(), failing?: number) {
  const deps = memoryDeps({ now: '2026-03-02T09:00:00Z' });
  const directory = new MemoryDirectory(tenant);
  directory.failing = failing;
  const sync = memorySyncDeps(deps, directory, entraMappings());
  const out: string[] = [];
  const err: string[] = [];
  let opened = 0;
  const code = await runRosterCommand(
    ['sync', ...args],
    (s) => out.push(s),
    (s) => err.push(s),
    async () => {
      opened++;
      return { deps, rosterSyncDeps: sync, close: async () => {} };
    },
  );
  return { code, out: out.join('\n'), err: err.join('\n'), deps, opened };
}

describe('npm run roster -- sync', () => {
  it('bad options: every problem at once, usage, exit 2, storage not even opened', async () => {
    const r = await run(['--unit', '--force']);
    assert.equal(r.code, 2);
    assert.match(r.err, /2 problem\(s\); nothing was written/);
    assert.match(r.err, /--unit needs a unit id/);
    assert.match(r.err, /unknown option "--force"/);
    assert.match(r.err, /npm run roster -- sync \[--unit ID\] \[--dry-run\]/);
    assert.equal(r.opened, 0);
  });

  it('--dry-run prints whom it would add (names and roster ids) and writes nothing', async () => {
    const r = await run(['--dry-run']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Would add 7:/);
    assert.match(r.out, /\+ olly\.officer {2}Olly Officer {2}unit response {2}officer {2}supervisor sam\.sup/);
    assert.match(r.out, /Nothing was written \(--dry-run\)/);
    assert.equal((await r.deps.people.list()).length, 0);
  });

  it('applies without --dry-run; --unit syncs one unit (whose "above" must then be on the roster already)', async () => {
    const r = await run(['--unit', 'command']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Did add 1:\n {2}\+ ari\.above/);
    assert.equal((await r.deps.people.list()).length, 1);
    const response = await run(['--unit', 'response']);
    assert.equal(response.code, 1);
    assert.match(
      response.err,
      /above Ari Above .* is neither on the roster nor in a members group this sync reads \(sync their unit too\)/,
    );
  });

  it('problems: all listed, exit 1, nothing written', async () => {
    const tenant = entraTenant();
    tenant.users.find((u) => u.id === ENTRA.olly)!.managerId = ENTRA.outsider;
    tenant.users.find((u) => u.id === ENTRA.pat)!.managerId = ENTRA.outsider;
    const r = await run([], tenant);
    assert.equal(r.code, 1);
    assert.match(r.err, /2 problem\(s\); nothing was written/);
    assert.equal((await r.deps.people.list()).length, 0);
  });

  it('Graph unavailable: exit 3, nothing written', async () => {
    const r = await run([], entraTenant(), 503);
    assert.equal(r.code, 3);
    assert.match(r.err, /Microsoft Graph could not be read \(503\).*Nothing was written/);
    assert.equal((await r.deps.people.list()).length, 0);
  });
});
