import assert from 'node:assert/strict';
import { lastMonths, overviewCsv, unitOverview, type CheckInFact } from '../../../src/features/check-ins/unit-aggregates.ts';

const fact = (personId: string, dueOn: string, status: CheckInFact['status'], percentage?: number): CheckInFact => ({
  personId,
  dueOn,
  closesOn: '2026-12-31',
  onDemand: false,
  status,
  percentage,
});

describe('unit aggregates', () => {
  const periods = lastMonths('2026-11-20', 2);
  it('periods are calendar months', () => {
    assert.deepEqual(
      periods.map((p) => [p.label, p.from, p.to]),
      [
        ['Oct 2026', '2026-10-01', '2026-10-31'],
        ['Nov 2026', '2026-11-01', '2026-11-20'],
      ],
    );
  });

  it('a month with 5 people answering is shown; 4 is not', () => {
    const five = ['a', 'b', 'c', 'd', 'e'].map((p) => fact(p, '2026-10-05', 'answered', 60));
    const four = ['a', 'b', 'c', 'd'].map((p) => fact(p, '2026-11-02', 'answered', 40));
    const o = unitOverview([...five, ...four, fact('e', '2026-11-02', 'missed')], periods, '2026-11-20', 5);
    assert.equal(o.periods[0]!.meanPercentage, 60);
    assert.equal(o.periods[0]!.completionPercent, 100);
    assert.equal(o.periods[1]!.meanPercentage, undefined, 'four people answered: hidden');
    assert.equal(o.periods[1]!.completionPercent, 80, 'five people were due');
    assert.equal(o.overdueCareItems, undefined);
    const csv = overviewCsv('unit-2', o);
    assert.match(csv, /Nov 2026,2026-11-01,2026-11-20,fewer than 5,fewer than 5,5,80/);
    assert.ok(!csv.includes(',40'), 'the hidden mean is not written');
  });

  it('the same person answering five times is still one person', () => {
    const o = unitOverview(
      [1, 2, 3, 4, 5].map((d) => fact('a', `2026-10-0${d}`, 'answered', 20)),
      periods,
      '2026-11-20',
      5,
    );
    assert.equal(o.periods[0]!.meanPercentage, undefined);
  });

  it('open check-ins not yet closed count neither way', () => {
    const rows = ['a', 'b', 'c', 'd', 'e'].map((p) => fact(p, '2026-11-02', 'answered', 50));
    const o = unitOverview([...rows, { ...fact('f', '2026-11-16', 'open'), closesOn: '2026-11-30' }], periods, '2026-11-20', 5);
    assert.equal(o.periods[1]!.completionPercent, 100);
  });
});
