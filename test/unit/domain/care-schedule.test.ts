import assert from 'node:assert/strict';
import {
  DEFAULT_CARE_SCHEDULE,
  actionableCare,
  addMonths,
  careItemsFor,
  spanExceeded,
  type CareDone,
  type CareItem,
} from '../../../src/features/care/care-schedule.ts';

const TODAY = '2026-11-23';
const officer = (joinedUnitOn: string | undefined, id = 'alex.moreno') => ({ id, roles: ['officer' as const], joinedUnitOn });

function due(joined: string, done: CareDone[] = [], today = TODAY, schedule = DEFAULT_CARE_SCHEDULE): Record<string, string> {
  return Object.fromEntries(careItemsFor(officer(joined), today, schedule, done).map((i) => [i.item, `${i.dueDate} ${i.status}`]));
}

describe('care schedule', () => {
  it('counting from a start date: what fell due before it is due on it, once; later dates are unchanged', () => {
    const from = { ...DEFAULT_CARE_SCHEDULE, countFrom: '2026-11-20' };
    assert.deepEqual(due('2019-03-04', [], TODAY, from), {
      clinicalSupervision: '2026-11-20 due',
      // Years in: one-to-ones continue every three months, and the first one counted is due on the start date.
      oneToOne: '2026-11-20 due',
      suitability: '2026-11-20 due',
      tenureReview: '2026-11-20 due',
      screening: '2026-11-20 due',
    });
    assert.deepEqual(due('2019-03-04', [], '2026-11-28', from).clinicalSupervision, '2026-11-20 overdue');
    assert.deepEqual(due('2026-08-23', [], TODAY, from).clinicalSupervision, '2027-02-23 upcoming');
    assert.deepEqual(
      due('2019-03-04', [{ item: 'clinicalSupervision', doneOn: '2026-11-21' }], TODAY, from).clinicalSupervision,
      '2027-05-21 upcoming',
    );
  });

  const cases: { name: string; joined: string; done?: CareDone[]; expect: Partial<Record<CareItem, string | undefined>> }[] = [
    {
      name: '3 months in: monthly one-to-ones overdue with none recorded; supervision, questionnaire, tenure and screening ahead',
      joined: '2026-08-23',
      expect: {
        oneToOne: '2026-09-23 overdue',
        clinicalSupervision: '2027-02-23 upcoming',
        suitability: '2027-08-23 upcoming',
        tenureReview: '2030-08-23 upcoming',
        screening: '2031-08-23 upcoming',
      },
    },
    {
      name: '3 months in, a one-to-one done last week: the next one is a month after it',
      joined: '2026-08-23',
      done: [{ item: 'oneToOne', doneOn: '2026-11-16' }],
      expect: { oneToOne: '2026-12-16 upcoming' },
    },
    {
      name: '3 months in, a one-to-one done 2 weeks ago: the next one is due within the notice window',
      joined: '2026-08-23',
      done: [{ item: 'oneToOne', doneOn: '2026-10-28' }],
      expect: { oneToOne: '2026-11-28 due' },
    },
    {
      name: '13 months in: after the first 12 months one-to-ones continue every three months (from the last one done)',
      joined: '2025-10-23',
      done: [{ item: 'oneToOne', doneOn: '2026-10-01' }],
      expect: { oneToOne: '2027-01-01 upcoming' },
    },
    {
      name: '2 years in, last one-to-one in August: the next is three months after it, and the one after three months after that',
      joined: '2024-11-23',
      done: [{ item: 'oneToOne', doneOn: '2026-08-20' }],
      expect: { oneToOne: '2026-11-20 due' },
    },
    {
      name: '13 months in, supervision done in May: the next six-monthly one is due',
      joined: '2025-10-23',
      done: [{ item: 'clinicalSupervision', doneOn: '2026-05-20' }],
      expect: { clinicalSupervision: '2026-11-20 due' },
    },
    {
      name: '13 months in, no questionnaire yet: the annual questionnaire is overdue',
      joined: '2025-10-23',
      expect: { suitability: '2026-10-23 overdue' },
    },
    { name: '4 years in: the tenure review is due today', joined: '2022-11-23', expect: { tenureReview: '2026-11-23 due' } },
    {
      name: '4 years in, tenure review done: it does not come back',
      joined: '2022-11-23',
      done: [{ item: 'tenureReview', doneOn: '2026-11-20' }],
      expect: { tenureReview: undefined },
    },
    {
      name: '5.5 years in, never screened: screening is overdue from the fifth anniversary',
      joined: '2021-05-23',
      expect: { screening: '2026-05-23 overdue' },
    },
    {
      name: '5.5 years in, screened in May: the next screening six months on',
      joined: '2021-05-23',
      done: [{ item: 'screening', doneOn: '2026-05-25' }],
      expect: { screening: '2026-11-25 due' },
    },
    {
      name: 'a done date before joining the unit does not count',
      joined: '2026-08-23',
      done: [{ item: 'oneToOne', doneOn: '2026-08-01' }],
      expect: { oneToOne: '2026-09-23 overdue' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = due(c.joined, c.done);
      for (const [item, want] of Object.entries(c.expect)) assert.equal(got[item], want, `${item}: ${JSON.stringify(got)}`);
    });
  }

  it('go-live: care that fell due before counting began is spread over the first weeks, a week per person, the same on every run', () => {
    const spread = { ...DEFAULT_CARE_SCHEDULE, countFrom: '2026-11-23', goLiveSpreadWeeks: 4 };
    const ids = Array.from({ length: 40 }, (_, i) => `officer-${i}`);
    const firstDue = (id: string) =>
      careItemsFor(officer('2015-03-04', id), '2026-11-23', spread, [])
        .map((i) => i.dueDate)
        .sort()[0]!;
    const weeks = new Map<string, number>();
    for (const id of ids) {
      const d = firstDue(id);
      // Due a notice period after the first day of their week, so it comes due (is shown) in that week.
      assert.ok(['2026-11-30', '2026-12-07', '2026-12-14', '2026-12-21'].includes(d), `${id}: ${d}`);
      // Every backlog item of one person falls in their one week.
      assert.ok(careItemsFor(officer('2015-03-04', id), '2026-11-23', spread, []).every((i) => i.dueDate === d));
      weeks.set(d, (weeks.get(d) ?? 0) + 1);
      assert.equal(firstDue(id), d, 'deterministic');
    }
    assert.equal(weeks.size, 4, 'all four weeks are used');
    for (const n of weeks.values()) assert.ok(n >= 5 && n <= 16, `a week holds ${n} of 40 people`);
    // On go-live day only the first week's people have anything due; nothing is overdue.
    const dueOnDayOne = ids.filter((id) => actionableCare(careItemsFor(officer('2015-03-04', id), '2026-11-23', spread, [])).length > 0);
    assert.ok(dueOnDayOne.length < ids.length / 2, `${dueOnDayOne.length} of 40 have care due on day one`);
    // Care scheduled after go-live is not moved.
    assert.equal(
      careItemsFor(officer('2026-08-23'), '2026-11-23', spread, []).find((i) => i.item === 'clinicalSupervision')?.dueDate,
      '2027-02-23',
    );
  });

  it('one-to-ones after the first year: the pace is configuration, and 0 stops them', () => {
    assert.equal(
      due('2024-11-23', [{ item: 'oneToOne', doneOn: '2026-08-20' }], TODAY, { ...DEFAULT_CARE_SCHEDULE, oneToOneLaterMonths: 6 }).oneToOne,
      '2027-02-20 upcoming',
    );
    assert.equal(
      due('2024-11-23', [{ item: 'oneToOne', doneOn: '2026-08-20' }], TODAY, { ...DEFAULT_CARE_SCHEDULE, oneToOneLaterMonths: 0 }).oneToOne,
      undefined,
    );
    // Inside the first year the monthly pace still holds, whatever the later pace.
    assert.equal(due('2026-08-23', [], TODAY, { ...DEFAULT_CARE_SCHEDULE, oneToOneLaterMonths: 6 }).oneToOne, '2026-09-23 overdue');
  });

  it('every interval is configuration', () => {
    const schedule = { ...DEFAULT_CARE_SCHEDULE, clinicalSupervisionMonths: 3, oneToOneMonths: 2, noticeDays: 0, overdueGraceDays: 0 };
    const got = due('2026-08-23', [], '2026-10-23', schedule);
    assert.equal(got.oneToOne, '2026-10-23 due');
    assert.equal(got.clinicalSupervision, '2026-11-23 upcoming');
    assert.equal(due('2026-08-23', [], '2026-10-24', schedule).oneToOne, '2026-10-23 overdue');
  });

  it('status boundaries: due from noticeDays before, overdue from grace + 1 day after', () => {
    assert.equal(due('2022-11-30').tenureReview, '2026-11-30 due');
    assert.equal(due('2022-12-01').tenureReview, '2026-12-01 upcoming');
    assert.equal(due('2022-11-16').tenureReview, '2026-11-16 due');
    assert.equal(due('2022-11-15').tenureReview, '2026-11-15 overdue');
  });

  it('nobody without a joining date, and no candidates, department heads or HR, get a schedule', () => {
    assert.deepEqual(careItemsFor(officer(undefined), TODAY, DEFAULT_CARE_SCHEDULE, []), []);
    assert.deepEqual(
      careItemsFor({ id: 'gus.novak', roles: ['candidate'], joinedUnitOn: '2026-01-01' }, TODAY, DEFAULT_CARE_SCHEDULE, []),
      [],
    );
    assert.deepEqual(
      careItemsFor({ id: 'dana.hughes', roles: ['departmentHead'], joinedUnitOn: '2020-01-01' }, TODAY, DEFAULT_CARE_SCHEDULE, []),
      [],
    );
    assert.ok(
      careItemsFor({ id: 'sam.okafor', roles: ['supervisor'], joinedUnitOn: '2020-01-01' }, TODAY, DEFAULT_CARE_SCHEDULE, []).length > 0,
    );
  });

  it('actionable care is due and overdue only', () => {
    assert.deepEqual(
      actionableCare(careItemsFor(officer('2026-08-23'), TODAY, DEFAULT_CARE_SCHEDULE, [])).map((i) => i.item),
      ['oneToOne'],
    );
  });

  it('months clamp to the end of a shorter month', () => {
    assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
    assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
    assert.equal(addMonths('2026-11-23', 14), '2028-01-23');
  });

  it('span of control: more direct reports than the limit', () => {
    assert.equal(spanExceeded(8, 8), false);
    assert.equal(spanExceeded(9, 8), true);
  });
});
