import assert from 'node:assert/strict';
import type { Absence, WorkingPattern } from '../../../src/kernel/types.ts';
import { instantAt, isWorkingMoment, localMoment, nextWorkingMoment, shiftAt } from '../../../src/kernel/working-time.ts';

const office: WorkingPattern = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], startMinute: 8 * 60, endMinute: 16 * 60 };
const nights: WorkingPattern = { days: ['mon', 'tue', 'wed', 'thu'], startMinute: 22 * 60, endMinute: 6 * 60 };
const leave: Absence[] = [{ id: 'a', personId: 'alex', from: '2026-06-10', to: '2026-06-12' }];
const at = (iso: string) => new Date(iso);

describe('domain/working-time', () => {
  it('reads the local clock in Europe/London, summer and winter', () => {
    assert.deepEqual(localMoment(at('2026-06-03T07:30:00Z')), { date: '2026-06-03', weekday: 'wed', minute: 8 * 60 + 30 });
    assert.deepEqual(localMoment(at('2026-12-02T07:30:00Z')), { date: '2026-12-02', weekday: 'wed', minute: 7 * 60 + 30 });
    assert.deepEqual(localMoment(at('2026-06-03T23:30:00Z')), { date: '2026-06-04', weekday: 'thu', minute: 30 });
  });

  it('turns a local time back into the instant, either side of the clock change', () => {
    assert.equal(instantAt('2026-06-03', 8 * 60).toISOString(), '2026-06-03T07:00:00.000Z');
    assert.equal(instantAt('2026-12-02', 8 * 60).toISOString(), '2026-12-02T08:00:00.000Z');
    assert.equal(instantAt('2026-03-29', 8 * 60).toISOString(), '2026-03-29T07:00:00.000Z');
    assert.equal(instantAt('2026-10-25', 8 * 60).toISOString(), '2026-10-25T08:00:00.000Z');
  });

  const cases: Array<[string, WorkingPattern, string, boolean]> = [
    ['weekday inside hours', office, '2026-06-03T09:00:00Z', true],
    ['weekday before start', office, '2026-06-03T06:59:00Z', false],
    ['weekday at the end (exclusive)', office, '2026-06-03T15:00:00Z', false],
    ['Saturday rest day', office, '2026-06-06T10:00:00Z', false],
    ['on leave', office, '2026-06-11T10:00:00Z', false],
    ['night shift after midnight, started on a working day', nights, '2026-06-04T02:00:00Z', true],
    ['night shift evening on a working day', nights, '2026-06-03T21:30:00Z', true],
    ['night shift: Friday night is not a shift (Thursday is the last)', nights, '2026-06-05T22:00:00Z', false],
    ['night shift: early Friday morning belongs to Thursday night', nights, '2026-06-05T03:00:00Z', true],
    ['night shift daytime', nights, '2026-06-03T12:00:00Z', false],
  ];
  for (const [name, pattern, iso, expected] of cases) {
    it(`isWorkingMoment: ${name}`, () => assert.equal(isWorkingMoment(pattern, leave, 'alex', at(iso)), expected));
  }

  it('a night shift that started on leave is not a working moment, even past midnight', () => {
    const l: Absence[] = [{ id: 'n', personId: 'alex', from: '2026-06-03', to: '2026-06-03' }];
    assert.equal(shiftAt(nights, at('2026-06-04T02:00:00Z')), '2026-06-03');
    assert.equal(isWorkingMoment(nights, l, 'alex', at('2026-06-04T02:00:00Z')), false);
  });

  const next: Array<[string, WorkingPattern, string, string | undefined]> = [
    ['inside hours: now', office, '2026-06-03T09:00:00Z', '2026-06-03T09:00:00.000Z'],
    ['before the shift: its start plus settling time', office, '2026-06-03T05:00:00Z', '2026-06-03T07:30:00.000Z'],
    ['Friday evening: Monday morning', office, '2026-06-05T17:00:00Z', '2026-06-08T07:30:00.000Z'],
    ['leave Wed-Fri: the Monday after', office, '2026-06-09T16:00:00Z', '2026-06-15T07:30:00.000Z'],
    ['night worker at noon: tonight', nights, '2026-06-03T12:00:00Z', '2026-06-03T21:30:00.000Z'],
    ['night worker at 02:00 on shift: now', nights, '2026-06-04T01:00:00Z', '2026-06-04T01:00:00.000Z'],
  ];
  for (const [name, pattern, iso, expected] of next) {
    it(`nextWorkingMoment: ${name}`, () => assert.equal(nextWorkingMoment(pattern, leave, 'alex', at(iso))?.toISOString(), expected));
  }

  it('nextWorkingMoment gives up past the horizon (a long absence) instead of prompting on leave', () => {
    const long: Absence[] = [{ id: 'l', personId: 'alex', from: '2026-06-01', to: '2026-12-31' }];
    assert.equal(nextWorkingMoment(office, long, 'alex', at('2026-06-03T09:00:00Z'), { horizonDays: 30 }), undefined);
  });

  it('every answer of nextWorkingMoment is a working moment (a week of starting points)', () => {
    for (let h = 0; h < 24 * 14; h += 5) {
      const from = new Date(Date.UTC(2026, 5, 1) + h * 3_600_000);
      for (const p of [office, nights]) {
        const n = nextWorkingMoment(p, leave, 'alex', from);
        assert.ok(
          n && n.getTime() >= from.getTime() && isWorkingMoment(p, leave, 'alex', n),
          `${from.toISOString()} → ${n?.toISOString()}`,
        );
      }
    }
  });
});
