// Issue 16 (rotas): repeating cycles, nights across midnight, and part-time hours — the one rule for
// "is this person at work" and "their next working moment".
import assert from 'node:assert/strict';
import type { Absence, WorkingPattern } from '../../../src/kernel/types.ts';
import { formatPartTime, formatWorkingPattern, parsePartTime, parseWorkingPattern } from '../../../src/kernel/working-pattern.ts';
import { isWorkingMoment, nextWorkingMoment, shiftAt, startsShiftOn } from '../../../src/kernel/working-time.ts';
import {
  fractionOfFullTime,
  heavyHoursFor,
  proRataViewingHours,
  workloadReasonsFor,
} from '../../../src/features/check-ins/workload-rules.ts';
import { weeklyPatternHours, type WorkloadFigures } from '../../../src/features/check-ins/workload.ts';
import { formatRoster, parseRoster } from '../../../src/kernel/roster.ts';

const parsed = (text: string): WorkingPattern => {
  const r = parseWorkingPattern(text);
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.value;
};
const days = parsed('4on4off from 2026-01-05 07:00-19:00');
const nights = parsed('4on4off from 2026-01-09 19:00-07:00');
// Weekly nights: a shift listed on Monday 22:00-06:00 runs into Tuesday morning.
const weeklyNights = parsed('Mon-Thu 22:00-06:00');
const at = (iso: string) => new Date(iso);
const none: Absence[] = [];

describe('domain/rota patterns (issue 16)', () => {
  it('parses a cycle of days and a cycle of nights, and writes them back the same', () => {
    assert.deepEqual(days, { kind: 'cycle', onDays: 4, offDays: 4, from: '2026-01-05', startMinute: 7 * 60, endMinute: 19 * 60 });
    assert.deepEqual(nights, { kind: 'cycle', onDays: 4, offDays: 4, from: '2026-01-09', startMinute: 19 * 60, endMinute: 7 * 60 });
    assert.equal(formatWorkingPattern(days), '4on4off from 2026-01-05 07:00-19:00');
    assert.deepEqual(parsed(formatWorkingPattern(nights)), nights);
    assert.deepEqual(parsed(' 2on3off FROM 2026-02-01 08:00-16:00 '), {
      kind: 'cycle',
      onDays: 2,
      offDays: 3,
      from: '2026-02-01',
      startMinute: 8 * 60,
      endMinute: 16 * 60,
    });
  });

  it('refuses a bad cycle with every problem in one message', () => {
    const r = parseWorkingPattern('0on0off from 2026-02-30 25:00-07:00');
    assert.equal(r.ok, false);
    const error = r.ok ? '' : r.error;
    assert.match(error, /at least one day on and one day off/);
    assert.match(error, /cycle start "2026-02-30"/);
    assert.match(error, /"25:00-07:00" are not valid/);
    assert.match((parseWorkingPattern('4on4off 07:00-19:00') as { error: string }).error, /should look like "4on4off from 2026-01-05/);
    assert.match((parseWorkingPattern('4on4off from 2026-01-05 07:00-07:00') as { error: string }).error, /start and end at the same time/);
    assert.match((parseWorkingPattern('30on30off from 2026-01-05 07:00-19:00') as { error: string }).error, /56 days at most/);
  });

  it('a cycle works its on-days and rests its off-days, before its anchor as after', () => {
    const on = ['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-13', '2025-12-31', '2025-12-28'];
    const off = ['2026-01-09', '2026-01-10', '2026-01-11', '2026-01-12', '2026-01-17', '2026-01-04', '2026-01-01'];
    for (const d of on) assert.equal(startsShiftOn(days, d), true, d);
    for (const d of off) assert.equal(startsShiftOn(days, d), false, d);
    // A year on, the phase still holds (2026-12-31 is 360 days after the anchor: 45 whole cycles).
    assert.equal(startsShiftOn(days, '2026-12-31'), true);
    assert.equal(startsShiftOn(days, '2027-01-04'), false);
  });

  it('is at work inside a day cycle and not on rest days (winter, UTC = local)', () => {
    assert.equal(isWorkingMoment(days, none, 'p', at('2026-01-05T07:00:00Z')), true);
    assert.equal(isWorkingMoment(days, none, 'p', at('2026-01-08T18:59:00Z')), true);
    assert.equal(isWorkingMoment(days, none, 'p', at('2026-01-08T19:00:00Z')), false);
    assert.equal(isWorkingMoment(days, none, 'p', at('2026-01-09T10:00:00Z')), false, 'first rest day');
    assert.equal(isWorkingMoment(days, none, 'p', at('2026-01-13T10:00:00Z')), true, 'back on');
  });

  it('a night cycle runs past midnight into the morning after each night, and not after the last', () => {
    // Nights start 2026-01-09, -10, -11, -12; the last one ends 2026-01-13 07:00.
    assert.equal(shiftAt(nights, at('2026-01-10T02:00:00Z')), '2026-01-09');
    assert.equal(isWorkingMoment(nights, none, 'p', at('2026-01-09T18:59:00Z')), false);
    assert.equal(isWorkingMoment(nights, none, 'p', at('2026-01-09T23:59:00Z')), true);
    assert.equal(isWorkingMoment(nights, none, 'p', at('2026-01-13T06:59:00Z')), true, 'the morning after the last night');
    assert.equal(isWorkingMoment(nights, none, 'p', at('2026-01-13T07:00:00Z')), false);
    assert.equal(isWorkingMoment(nights, none, 'p', at('2026-01-13T20:00:00Z')), false, 'first night off');
    assert.equal(isWorkingMoment(nights, none, 'p', at('2026-01-14T02:00:00Z')), false, 'the early hours after a night off');
    // Next working moment from a rest day: the next block's first night, settled in.
    assert.equal(nextWorkingMoment(nights, none, 'p', at('2026-01-13T08:00:00Z'))!.toISOString(), '2026-01-17T19:30:00.000Z');
    // From the early hours of a night shift: now.
    assert.equal(nextWorkingMoment(nights, none, 'p', at('2026-01-11T03:00:00Z'))!.toISOString(), '2026-01-11T03:00:00.000Z');
  });

  it('weekly nights: Monday 22:00-06:00 runs into Tuesday, and Thursday night is the last into Friday', () => {
    assert.equal(shiftAt(weeklyNights, at('2026-01-06T01:00:00Z')), '2026-01-05');
    assert.equal(isWorkingMoment(weeklyNights, none, 'p', at('2026-01-05T21:59:00Z')), false, 'Monday before the night');
    assert.equal(isWorkingMoment(weeklyNights, none, 'p', at('2026-01-05T23:59:00Z')), true);
    assert.equal(isWorkingMoment(weeklyNights, none, 'p', at('2026-01-06T00:00:00Z')), true, 'midnight');
    assert.equal(isWorkingMoment(weeklyNights, none, 'p', at('2026-01-09T05:59:00Z')), true, 'Friday morning, after Thursday night');
    assert.equal(isWorkingMoment(weeklyNights, none, 'p', at('2026-01-09T23:00:00Z')), false, 'Friday night: not worked');
    assert.equal(isWorkingMoment(weeklyNights, none, 'p', at('2026-01-10T02:00:00Z')), false, 'Saturday early hours');
    assert.equal(isWorkingMoment(weeklyNights, none, 'p', at('2026-01-05T03:00:00Z')), false, 'Monday early hours (no Sunday night)');
    // From Friday morning after the last night: Monday night, settled in.
    assert.equal(nextWorkingMoment(weeklyNights, none, 'p', at('2026-01-09T06:00:00Z'))!.toISOString(), '2026-01-12T22:30:00.000Z');
    // Leave on the Tuesday: the Tuesday night is not worked, but Monday's night still runs into Tuesday.
    const leave: Absence[] = [{ id: 'l', personId: 'p', from: '2026-01-06', to: '2026-01-06' }];
    assert.equal(isWorkingMoment(weeklyNights, leave, 'p', at('2026-01-06T02:00:00Z')), true);
    assert.equal(isWorkingMoment(weeklyNights, leave, 'p', at('2026-01-06T23:00:00Z')), false);
  });

  it('every next working moment of a cycle is a working moment (a month of starting points, summer time included)', () => {
    for (const p of [days, nights]) {
      for (let h = 0; h < 24 * 30; h += 7) {
        const from = new Date(Date.UTC(2026, 2, 20) + h * 3_600_000);
        const n = nextWorkingMoment(p, none, 'p', from);
        assert.ok(
          n && n >= from && isWorkingMoment(p, none, 'p', n),
          `${formatWorkingPattern(p)} ${from.toISOString()} → ${n?.toISOString()}`,
        );
      }
    }
  });

  it('part time: a fraction or hours a week; anything else is refused clearly', () => {
    assert.deepEqual(parsePartTime('0.6'), { ok: true, value: { fraction: 0.6 } });
    assert.deepEqual(parsePartTime('.5'), { ok: true, value: { fraction: 0.5 } });
    assert.deepEqual(parsePartTime('22.5h'), { ok: true, value: { hoursPerWeek: 22.5 } });
    assert.deepEqual(parsePartTime('16 H'), { ok: true, value: { hoursPerWeek: 16 } });
    for (const bad of ['0', '1.5', '60%', 'half', '0h', '99h', '-0.5'])
      assert.match((parsePartTime(bad) as { error: string }).error, /part_time ".*"/, bad);
    assert.equal(formatPartTime({ fraction: 0.6 }), '0.6');
    assert.equal(formatPartTime({ hoursPerWeek: 22.5 }), '22.5h');
  });

  it('weekly hours of a cycle average over its length; part-time hours scale the workload thresholds', () => {
    assert.equal(weeklyPatternHours(days), 42);
    const T = { heavyHours: 12, heavyWeeks: 1, heavyWindowWeeks: 1, violentWeeksInARow: 2, fullTimeHours: 40, fullTimeViewingHours: 20 };
    const office = parsed('Mon-Fri 08:00-16:00');
    assert.equal(fractionOfFullTime({ workingPattern: office, partTime: { fraction: 0.6 } }, T), 0.6);
    assert.equal(fractionOfFullTime({ workingPattern: office, partTime: { hoursPerWeek: 20 } }, T), 0.5);
    assert.equal(fractionOfFullTime({ workingPattern: days }, T), 1);
    assert.equal(heavyHoursFor({ workingPattern: office, partTime: { fraction: 0.5 } }, T), 6);
    assert.equal(heavyHoursFor({ workingPattern: office }, T), 12);
    assert.equal(proRataViewingHours({ workingPattern: office, partTime: { hoursPerWeek: 20 } }, T), 10);
    assert.equal(proRataViewingHours({ workingPattern: office }, T), undefined);
    // 8 viewing hours: heavy for a half-timer (threshold 6), not for a full-timer (12).
    const week: WorkloadFigures = {
      hours: '5to15',
      exactHours: 8,
      categories: [],
      violent: false,
      source: 'import',
      recordedAt: '2026-01-11T10:00:00Z',
    };
    const weeks = new Map([['2026-W02', week]]);
    assert.deepEqual(workloadReasonsFor(weeks, '2026-W02', { workingPattern: office }, T), []);
    assert.deepEqual(workloadReasonsFor(weeks, '2026-W02', { workingPattern: office, partTime: { fraction: 0.5 } }, T), ['heavyWeeks']);
  });

  it('the roster reads cycles, nights and part_time (the last column), lists every bad row, and writes them back', () => {
    const header = 'kind,id,name,roles,unit,supervisor,teams_user_id,aad_object_id,working_pattern,part_time';
    const row = (id: string, pattern: string, partTime: string, n: number) =>
      `person,${id},Person ${n},officer,u1,,29:p${n},00000000-0000-4000-8000-00000000000${n},${pattern},${partTime}`;
    const good = [
      header,
      'unit,u1,Unit One,,,,,,,',
      row('rt.day', '4on4off from 2026-01-05 07:00-19:00', '', 1),
      row('rt.night', '4on4off from 2026-01-09 19:00-07:00', '', 2),
      row('pt.one', 'Mon-Wed 09:00-15:00', '0.6', 3),
      row('pt.two', 'Mon-Fri 09:00-13:00', '22.5h', 4),
    ].join('\n');
    const r = parseRoster(good);
    assert.ok(r.ok, JSON.stringify(r));
    const person = (id: string) => r.roster.people.find((p) => p.id === id)!;
    assert.deepEqual(person('rt.night').workingPattern, nights);
    assert.equal(person('rt.day').partTime, undefined);
    assert.deepEqual(person('pt.one').partTime, { fraction: 0.6 });
    assert.deepEqual(person('pt.two').partTime, { hoursPerWeek: 22.5 });
    const again = parseRoster(formatRoster(r.roster));
    assert.ok(again.ok);
    assert.deepEqual(again.roster, r.roster);

    const bad = [
      header,
      'unit,u1,Unit One,,,,,,,',
      row('a.one', '4on4off 07:00-19:00', '60%', 1),
      row('a.two', 'Mon-Fri 08:00-16:00', '0', 2),
    ].join('\n');
    const b = parseRoster(bad);
    assert.equal(b.ok, false);
    const problems = b.ok ? [] : b.problems;
    assert.deepEqual(
      problems.map((p) => p.line),
      [3, 3, 4],
    );
    assert.match(problems[0]!.reason + problems[1]!.reason, /4on4off from 2026-01-05/);
    assert.match(problems[0]!.reason + problems[1]!.reason, /part_time "60%"/);
    assert.match(problems[2]!.reason, /part_time "0"/);
  });
});
