// `npm run roster -- install [--unit ID] [--dry-run]` against the fake Graph server with the demo tenant
// plus a larger roster: pages of people at bounded concurrency, a 429 mid-run waited out (nobody dropped),
// one user unknown (404) and one refused (403) reported by name with the reason while everyone else is
// installed, 409 counted as already installed, a dry run that POSTs nothing, and bad options listed at once.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runRosterCommand } from '../../../src/cli/roster.ts';
import { LOCAL_TEAMS_APP_CATALOG_ID } from '../../../src/config.ts';
import { DEMO_ALREADY_INSTALLED, demoTenant } from '../../../src/graph/demo-tenant.ts';
import type { Person } from '../../../src/kernel/types.ts';
import { startFakeGraph, type FakeGraph } from '../../support/fake-graph.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';

const EXTRA = 40;
const extraOid = (n: number) => `20000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** On the roster, not in the tenant: Graph answers 404. */
const GHOST_OID = '20000000-0000-4000-8000-0000000009ff';

describe('roster install (fake Graph server, demo tenant and a larger roster)', () => {
  let graph: FakeGraph;
  let t: TestHaven;
  let people: Person[];
  const posts = () => graph.requests.filter((r) => r.method === 'POST');

  const cli = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runRosterCommand(
      ['install', ...args],
      (s) => out.push(s),
      (s) => err.push(s),
      async () => ({ deps: t.haven.deps, close: async () => undefined }),
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  before(async () => {
    const { tenant } = demoTenant(readFileSync('data/demo-roster.csv', 'utf8'));
    for (let n = 0; n < EXTRA; n++)
      tenant.users.push({ id: extraOid(n), userPrincipalName: `extra.${n}@haven-demo.example`, displayName: `Extra Person ${n}` });
    graph = await startFakeGraph({ tenant, pageSize: 10 });
    t = await startTestHaven({ env: { HAVEN_GRAPH_URL: graph.url } });
    const template = (await t.haven.deps.people.get('alex.moreno'))!.value;
    const unit2 = (await t.haven.deps.units.get('unit-2'))!.value;
    await t.haven.deps.units.create({
      ...unit2,
      id: 'unit-9',
      name: 'Unit nine',
      departmentHeadId: undefined,
      supervisorChannelId: undefined,
    });
    const add = (p: Partial<Person> & { id: string }) =>
      t.haven.deps.people.create({ ...template, name: `Extra ${p.id}`, teamsUserId: `29:${p.id}`, ...p });
    for (let n = 0; n < EXTRA; n++)
      await add({ id: `extra.${n}`, name: `Extra Person ${n}`, aadObjectId: extraOid(n), unitId: n < 3 ? 'unit-9' : 'unit-2' });
    await add({ id: 'ghost.user', name: 'Ghost User', aadObjectId: GHOST_OID });
    await add({ id: 'left.user', name: 'Left User', aadObjectId: '20000000-0000-4000-8000-0000000008ff', leftOn: '2026-10-01' });
    people = (await t.haven.deps.people.list()).map((p) => p.value);
  });
  after(async () => {
    await t?.close();
    await graph?.close();
  });

  it('bad options and an unknown unit are all listed at once; nothing is called', async () => {
    const r = await cli('--unit', 'nope', '--frobnicate', '--dry-run', '--dry-run');
    assert.equal(r.code, 2);
    assert.match(r.err, /3 problem\(s\); nothing was installed/);
    assert.match(r.err, /unknown option "--frobnicate"/);
    assert.match(r.err, /--dry-run is given twice/);
    assert.match(r.err, /no unit "nope" on the roster/);
    assert.equal(graph.requests.length, 0);
  });

  it('dry run: looks only (no POST), says who would get it and who already has it', async () => {
    const r = await cli('--dry-run', '--unit', 'unit-2');
    const inUnit = people.filter((p) => p.unitId === 'unit-2');
    assert.equal(posts().length, 0, 'a dry run writes nothing');
    assert.ok(graph.requests.every((q) => q.method === 'GET'));
    assert.match(r.out, new RegExp(`for unit unit-2: ${inUnit.length} people`));
    assert.match(r.out, new RegExp(`already installed: ${DEMO_ALREADY_INSTALLED.length}\\b`));
    assert.match(r.out, /skipped, left: 1\b/);
    assert.match(r.out, /Would install for: .*Alex Moreno/);
    assert.doesNotMatch(r.out, /Would install for: .*(Dana Hughes|Left User|Extra Person 0,)/);
    // The ghost cannot be checked: listed with the reason; exit 1.
    assert.equal(r.code, 1);
    assert.match(r.err, /Ghost User \(ghost\.user\): user not in the tenant \(Graph 404\)/);
    assert.ok(!graph.requests.some((q) => q.userId === '20000000-0000-4000-8000-0000000008ff'), 'never asked about a leaver');
  });

  it('install: a 429 mid-run is waited out, 404 and 403 are reported by name with the reason, everyone else is installed', async () => {
    graph.requests.length = 0;
    const throttled = extraOid(20);
    const refused = extraOid(30);
    graph.throttle(`/users/${throttled}/teamwork/installedApps`, 2, 1, 'POST');
    graph.failInstallsFor(refused, 403);
    const r = await cli('--unit', 'unit-2');
    assert.equal(r.code, 1);
    const inUnit = people.filter((p) => p.unitId === 'unit-2');
    const expectedNew = inUnit.length - DEMO_ALREADY_INSTALLED.length - 3; // less the ghost, the refused and the leaver
    assert.match(r.out, new RegExp(`installed now: ${expectedNew}\\b`));
    assert.match(r.out, new RegExp(`already installed: ${DEMO_ALREADY_INSTALLED.length}\\b`));
    assert.match(r.out, /could not: 2\b/);
    assert.match(r.err, /Could not install for 2:/);
    assert.match(r.err, /Extra Person 30 \(extra\.30\): Graph refused: 403/);
    assert.match(r.err, /Ghost User \(ghost\.user\): user not in the tenant, or Haven not in the app catalogue \(Graph 404\)/);
    assert.deepEqual(
      graph.requests.filter((q) => q.userId === throttled).map((q) => q.status),
      [429, 429, 201],
      'throttled twice, retried by the client, installed',
    );
    for (const p of inUnit) {
      const has = graph.installedApps(p.aadObjectId).includes(LOCAL_TEAMS_APP_CATALOG_ID);
      const expected = !['ghost.user', 'left.user', 'extra.30'].includes(p.id);
      assert.equal(has, expected, `${p.id}: installed ${expected}`);
    }
    for (const id of ['extra.0', 'extra.1', 'extra.2']) {
      const p = people.find((x) => x.id === id)!;
      assert.deepEqual(graph.installedApps(p.aadObjectId), [], `${id} is in unit-9: not touched`);
    }
    // The already-installed answered 409.
    const dana = people.find((p) => p.id === 'dana.hughes')!;
    assert.deepEqual(
      graph.requests.filter((q) => q.userId === dana.aadObjectId).map((q) => q.status),
      [409],
    );
  });

  it('run again (every unit): nothing new, the 409s counted as already installed, the same two reported', async () => {
    graph.failInstallsFor(extraOid(30), 403);
    const r = await cli();
    assert.equal(r.code, 1);
    assert.match(r.out, /for every unit/);
    assert.match(r.out, /installed now: 3\b/, 'only unit-9 was left to do');
    assert.match(r.out, /could not: 2\b/);
    graph.failInstallsFor(extraOid(30), undefined);
    const again = await cli('--unit', 'unit-9');
    assert.equal(again.code, 0);
    assert.match(again.out, /installed now: 0\b/);
    assert.match(again.out, /already installed: 3\b/);
    assert.equal(again.err, '');
  });
});
