// Where a concern goes and who learns who raised it (issue 14 part 3): the pure rules and the policy,
// on the demo roster and the demo unit's contacts, with absences that move the chain.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadRoster } from '../../../../src/kernel/load-roster.ts';
import type { Roster } from '../../../../src/kernel/types.ts';
import { concernChain, colleaguesOf, noticeablesOf, routeFor } from '../../../../src/features/concerns/rules.ts';
import { mayRaiseConcern, mayRecordNoticed, maySeeConcern, maySeeRaiser } from '../../../../src/features/concerns/policy.ts';
import type { Concern } from '../../../../src/features/concerns/model.ts';
import { memoryDeps, withRoster, type MemoryDeps } from '../../../support/memory-deps.ts';

const MONDAY = new Date('2026-11-23T10:00:00Z');

describe('concerns: where a concern goes, and who may see who raised it', () => {
  let deps: MemoryDeps;
  let roster: Roster;
  const person = (id: string) => roster.people.find((p) => p.id === id)!;
  const chainIds = (c: Pick<Concern, 'personId' | 'unitId' | 'route' | 'raisedBy'>, now = MONDAY, r = roster) =>
    concernChain(deps, c, r, now).map((e) => e.personId);

  before(async () => {
    deps = await withRoster(memoryDeps({ now: MONDAY.toISOString() }), readFileSync('data/demo-roster.csv', 'utf8'));
    roster = await loadRoster(deps);
  });

  it('colleagues are everyone else who works in the unit, never candidates, never yourself; a candidate raises nothing', () => {
    const ids = colleaguesOf(person('bea.clarke'), roster).map((p) => p.id);
    assert.ok(ids.includes('alex.moreno') && ids.includes('sam.okafor') && ids.includes('dana.hughes') && ids.includes('wes.lyle'));
    assert.ok(!ids.includes('bea.clarke') && !ids.includes('gus.novak'));
    assert.deepEqual(colleaguesOf(person('gus.novak'), roster), []);
    assert.equal(mayRaiseConcern(person('bea.clarke'), 'alex.moreno', roster), true);
    assert.equal(mayRaiseConcern(person('bea.clarke'), 'gus.novak', roster), false);
    assert.equal(mayRaiseConcern(undefined, 'alex.moreno', roster), false);
  });

  it('"I\'ve noticed": a supervisor about their reports, their cover while they are away, the head about anyone in the unit', () => {
    assert.deepEqual(
      noticeablesOf(person('sam.okafor'), roster, MONDAY).map((p) => p.id),
      ['alex.moreno', 'bea.clarke', 'chris.lowe'],
    );
    assert.equal(mayRecordNoticed(person('priya.shah'), 'alex.moreno', roster, MONDAY), false);
    // Priya is away in January; Sam is her standing cover.
    const january = new Date('2027-01-05T10:00:00Z');
    assert.equal(mayRecordNoticed(person('sam.okafor'), 'dev.patel', roster, january), true);
    assert.equal(mayRecordNoticed(person('sam.okafor'), 'dev.patel', roster, MONDAY), false);
    assert.equal(mayRecordNoticed(person('dana.hughes'), 'alex.moreno', roster, MONDAY), true);
    assert.equal(mayRecordNoticed(person('alex.moreno'), 'bea.clarke', roster, MONDAY), false);
  });

  it('routes: the responsible person; the welfare lead when chosen or when the colleague manages the raiser; the raiser when it is theirs', () => {
    const route = (raiser: string, about: string, wanted: 'responsible' | 'welfareLead' = 'responsible') => {
      const r = routeFor(deps, person(raiser), person(about), wanted, roster, MONDAY);
      return r.ok ? `${r.route}:${r.chain.map((e) => e.personId).join('>')}:${r.why}` : 'refused';
    };
    assert.equal(route('bea.clarke', 'alex.moreno'), 'responsible:sam.okafor>dana.hughes:responsible');
    assert.equal(route('bea.clarke', 'alex.moreno', 'welfareLead'), 'welfareLead:wes.lyle>sam.okafor>dana.hughes:chosen');
    assert.equal(route('alex.moreno', 'sam.okafor'), 'welfareLead:wes.lyle>dana.hughes:managesRaiser');
    assert.equal(route('alex.moreno', 'dana.hughes'), 'welfareLead:wes.lyle:managesRaiser');
    assert.equal(route('sam.okafor', 'alex.moreno'), 'self:sam.okafor>dana.hughes:self');
    // The welfare lead raising about someone goes to that person's line, never to themselves.
    assert.equal(route('wes.lyle', 'alex.moreno', 'welfareLead'), 'responsible:sam.okafor>dana.hughes:noWelfareLead');
    // Dana is the one above Sam: a concern from Dana about Sam is hers to hold.
    assert.equal(route('dana.hughes', 'sam.okafor'), 'self:dana.hughes:self');
  });

  it('the chain skips whoever is away, never holds the person it is about, and drops the raiser unless they hold it', () => {
    const concern = { personId: 'dev.patel', unitId: 'unit-2', route: 'responsible' as const, raisedBy: 'sam.okafor' };
    assert.deepEqual(chainIds(concern), ['priya.shah', 'dana.hughes'], 'Sam (cover) raised it: not on its chain');
    assert.deepEqual(chainIds({ ...concern, raisedBy: 'bea.clarke' }), ['priya.shah', 'sam.okafor', 'dana.hughes']);
    const january = new Date('2027-01-05T10:00:00Z');
    assert.deepEqual(
      chainIds({ ...concern, raisedBy: 'bea.clarke' }, january),
      ['sam.okafor', 'dana.hughes'],
      'Priya away: her cover first',
    );
    assert.deepEqual(
      chainIds({ ...concern, route: 'self', raisedBy: 'priya.shah' }, january),
      ['sam.okafor', 'dana.hughes'],
      'a holder who is away is skipped',
    );
  });

  it('who raised it: only the first recipient while on the chain; never the person it is about, never whoever it escalated to', () => {
    const concern: Concern = {
      id: 'concern-alex.moreno-x',
      personId: 'alex.moreno',
      unitId: 'unit-2',
      source: 'colleague',
      route: 'responsible',
      category: 'withdrawn',
      raisedBy: 'bea.clarke',
      openedAt: MONDAY.toISOString(),
      notices: [
        { personId: 'sam.okafor', at: MONDAY.toISOString(), level: 0, loop: 0 },
        { personId: 'dana.hughes', at: MONDAY.toISOString(), level: 1, loop: 0 },
      ],
    };
    const chain = concernChain(deps, concern, roster, MONDAY);
    assert.equal(maySeeRaiser('sam.okafor', concern, chain), true);
    assert.equal(maySeeRaiser('dana.hughes', concern, chain), false);
    assert.equal(maySeeConcern('dana.hughes', concern, chain), true);
    for (const who of ['alex.moreno', 'bea.clarke', 'priya.shah', 'wes.lyle']) {
      assert.equal(maySeeRaiser(who, concern, chain), false, who);
      assert.equal(maySeeConcern(who, concern, chain), false, who);
    }
    // Alex moves to Tom's line (Tom has no cover): Sam is off the chain, so he no longer sees it, nor who raised it.
    const moved: Roster = {
      ...roster,
      people: roster.people.map((p) => (p.id === 'alex.moreno' ? { ...p, supervisorId: 'tom.reed' } : p)),
    };
    const after = concernChain(deps, concern, moved, MONDAY);
    assert.deepEqual(
      after.map((e) => e.personId),
      ['tom.reed', 'dana.hughes'],
    );
    assert.equal(maySeeConcern('sam.okafor', concern, after), false);
    assert.equal(maySeeRaiser('sam.okafor', concern, after), false);
    assert.equal(maySeeRaiser('tom.reed', concern, after), false, 'the new supervisor sees the concern, not who raised it');
    assert.equal(maySeeConcern('tom.reed', concern, after), true);
  });
});
