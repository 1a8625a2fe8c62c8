// Issue 16 (rotas): the duty rota file, its checks against the roster, who is on duty now, and the one
// rule an urgent request's chain follows out of hours (kernel/first-route.ts withDutyCover).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dutyRotaProblems, onDutyAt, parseDutyRota, type DutyRota } from '../../../src/kernel/duty-rota.ts';
import { withDutyCover, type RoutedEntry } from '../../../src/kernel/first-route.ts';
import { parseRoster } from '../../../src/kernel/roster.ts';
import type { Person, Roster } from '../../../src/kernel/types.ts';
import { parseWorkingPattern } from '../../../src/kernel/working-pattern.ts';

const demoRoster = (): Roster => {
  const r = parseRoster(readFileSync('data/demo-roster.csv', 'utf8'));
  assert.ok(r.ok);
  return r.roster;
};
const demoRota = (): DutyRota => {
  const r = parseDutyRota(JSON.parse(readFileSync('data/duty-rota/unit-2.json', 'utf8')), 'unit-2.json');
  assert.ok(r.ok, JSON.stringify(r));
  return r.rota;
};
const chain: RoutedEntry[] = [
  { personId: 'sam.okafor', role: 'supervisor', delayMinutes: 15 },
  { personId: 'dana.hughes', role: 'departmentHead', delayMinutes: 30 },
];

describe('kernel/duty-rota (issue 16)', () => {
  it('the demo rota for unit-2 is valid against the demo roster', () => {
    assert.deepEqual(dutyRotaProblems(demoRota(), demoRoster(), 'unit-2.json'), []);
  });

  it('who is on duty: repeating nights run past midnight, a fixed period wins, and days have nobody', () => {
    const rota = demoRota();
    assert.deepEqual(
      onDutyAt(rota, new Date('2026-11-24T02:00:00Z')),
      { sergeantId: 'priya.shah', inspectorId: 'dana.hughes' },
      'Monday night',
    );
    assert.deepEqual(
      onDutyAt(rota, new Date('2026-11-25T02:00:00Z')),
      { sergeantId: 'sam.okafor', inspectorId: 'dana.hughes' },
      'Tuesday night',
    );
    assert.equal(onDutyAt(rota, new Date('2026-11-24T10:00:00Z')), undefined, 'a weekday: nobody');
    assert.deepEqual(onDutyAt(rota, new Date('2026-11-28T13:00:00Z'))?.sergeantId, 'priya.shah', 'Saturday');
    assert.deepEqual(onDutyAt(rota, new Date('2026-12-25T13:00:00Z'))?.sergeantId, 'sam.okafor', 'Christmas Day: the fixed period');
    assert.equal(onDutyAt(undefined, new Date('2026-11-24T02:00:00Z')), undefined);
  });

  it('a bad rota file lists every problem, each with where it is', () => {
    const r = parseDutyRota(
      {
        periods: [
          { from: '2026-12-24', to: '2026-12-23T00:00:00Z', sergeant: 'Sam Okafor', inspector: 'dana.hughes' },
          { pattern: 'nights', sergeant: 'sam.okafor', inspector: 'sam.okafor' },
          { sergeant: 'sam.okafor', inspector: 'dana.hughes' },
          { from: '2026-12-24T00:00:00Z', to: '2026-12-25T00:00:00Z', pattern: 'Mon 19:00-07:00', sergeant: 'a', inspector: 'b' },
        ],
      },
      'f.json',
    );
    assert.equal(r.ok, false);
    const problems = r.ok ? [] : r.problems;
    assert.deepEqual(problems.length, 6, problems.join('\n'));
    assert.match(problems.join('\n'), /periods\[0\]\.sergeant must be a roster id/);
    assert.match(problems.join('\n'), /periods\[0\]\.from must be an instant/);
    assert.match(problems.join('\n'), /periods\[1\]: the duty sergeant and the duty inspector must be two people/);
    assert.match(problems.join('\n'), /periods\[1\]\.pattern: working pattern "nights"/);
    assert.match(problems.join('\n'), /periods\[2\]: give from and to/);
    assert.match(problems.join('\n'), /periods\[3\]: give either from and to, or a pattern, not both/);
    assert.deepEqual(parseDutyRota({}, 'f.json'), {
      ok: false,
      problems: ['f.json: "periods" must be a non-empty list of { from, to | pattern, sergeant, inspector }'],
    });
  });

  it('against the roster: someone unknown, or without the duty’s role, is a problem, all listed', () => {
    const parsed = parseWorkingPattern('Mon-Sun 19:00-07:00');
    assert.ok(parsed.ok);
    const pattern = parsed.value;
    const rota: DutyRota = {
      periods: [
        { pattern, sergeantId: 'alex.moreno', inspectorId: 'nobody' },
        { pattern, sergeantId: 'dana.hughes', inspectorId: 'priya.shah' },
      ],
    };
    assert.deepEqual(dutyRotaProblems(rota, demoRoster(), 'r.json'), [
      'r.json: periods[0].sergeant "alex.moreno" must have the supervisor role',
      'r.json: periods[0].inspector "nobody" is not on the roster',
      'r.json: periods[1].sergeant "dana.hughes" must have the supervisor role',
    ]);
  });

  describe('withDutyCover', () => {
    const roster = demoRoster();
    const onDuty = { sergeantId: 'priya.shah', inspectorId: 'dana.hughes' };
    const alex = { id: 'alex.moreno' };

    it('out of hours, the duty sergeant then the duty inspector come first, then the chain as it was', () => {
      const r = withDutyCover(chain, onDuty, alex, roster, new Date('2026-11-24T02:00:00Z'), 15);
      assert.deepEqual(
        r.chain.map((e) => [e.personId, e.role]),
        [
          ['priya.shah', 'dutySergeant'],
          ['dana.hughes', 'dutyInspector'],
          ['sam.okafor', 'supervisor'],
        ],
      );
      assert.equal(r.offDutyId, 'sam.okafor');
    });

    it('inside working time, with nobody on duty, or for a chosen contact: unchanged', () => {
      assert.deepEqual(withDutyCover(chain, onDuty, alex, roster, new Date('2026-11-24T10:00:00Z'), 15), { chain });
      assert.deepEqual(withDutyCover(chain, undefined, alex, roster, new Date('2026-11-24T02:00:00Z'), 15), { chain });
      const contact: RoutedEntry[] = [{ personId: 'wes.lyle', role: 'contact', contactKind: 'welfareLead', delayMinutes: 15 }, ...chain];
      assert.deepEqual(withDutyCover(contact, onDuty, alex, roster, new Date('2026-11-24T02:00:00Z'), 15), { chain: contact });
    });

    it('passes over a duty person who is away, without the role, or the person themselves', () => {
      const away: Roster = { ...roster, absences: [{ id: 'x', personId: 'priya.shah', from: '2026-11-24', to: '2026-11-24' }] };
      assert.deepEqual(
        withDutyCover(chain, onDuty, alex, away, new Date('2026-11-24T02:00:00Z'), 15).chain.map((e) => e.role),
        ['dutyInspector', 'supervisor'],
      );
      const demoted: Roster = {
        ...roster,
        people: roster.people.map((p): Person => (p.id === 'priya.shah' ? { ...p, roles: ['officer'] } : p)),
      };
      assert.deepEqual(
        withDutyCover(chain, onDuty, alex, demoted, new Date('2026-11-24T02:00:00Z'), 15).chain.map((e) => e.role),
        ['dutyInspector', 'supervisor'],
      );
      const own = withDutyCover(chain, onDuty, { id: 'priya.shah' }, roster, new Date('2026-11-24T02:00:00Z'), 15);
      assert.equal(own.chain[0]!.role, 'dutyInspector', 'the duty sergeant raising it herself goes to the inspector');
    });
  });
});
