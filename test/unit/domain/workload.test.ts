// Issue 14, the exposure and workload log: the rules (heavy weeks, violent material with no week off,
// part-time over a pro-rata share), the weekly summary's parser, ISO weeks, the grading-tool import's
// parser, and the unit aggregates' small-group rule. Pure.
import assert from 'node:assert/strict';
import {
  bandOf,
  isoWeekOf,
  mondayOf,
  parseSummary,
  summaryWeekFor,
  viewingHours,
  weeklyPatternHours,
  weeksBefore,
  type WorkloadFigures,
} from '../../../src/features/check-ins/workload.ts';
import {
  isHeavyWeek,
  proRataViewingHours,
  workloadReasonsFor,
  type WorkloadThresholds,
} from '../../../src/features/check-ins/workload-rules.ts';
import { decodeUtf8, parseWorkloadCsv } from '../../../src/features/check-ins/workload-import.ts';
import { workloadAggregates } from '../../../src/features/check-ins/unit-aggregates.ts';
import type { Person, WeeklyPattern } from '../../../src/kernel/types.ts';

const T: WorkloadThresholds = {
  heavyHours: 15,
  heavyWeeks: 3,
  heavyWindowWeeks: 4,
  violentWeeksInARow: 2,
  fullTimeHours: 37,
  fullTimeViewingHours: 15,
};
const FULL_TIME = { days: ['mon', 'tue', 'wed', 'thu', 'fri'] as WeeklyPattern['days'], startMinute: 480, endMinute: 960 };
const THREE_DAYS = { ...FULL_TIME, days: ['mon', 'tue', 'wed'] as WeeklyPattern['days'] };
const f = (hours: WorkloadFigures['hours'], extra: Partial<WorkloadFigures> = {}): WorkloadFigures => ({
  hours,
  categories: [],
  violent: false,
  source: 'self',
  recordedAt: '2026-12-07T09:00:00.000Z',
  ...extra,
});
const weeks = (entries: [string, WorkloadFigures][]) => new Map(entries);

describe('workload log: ISO weeks', () => {
  it('Mondays, week arithmetic across a year end, and the week a summary is about', () => {
    assert.equal(mondayOf('2026-W49'), '2026-11-30');
    assert.equal(mondayOf('2026-W01'), '2025-12-29');
    assert.equal(mondayOf('2026-W53'), '2026-12-28', '2026 has 53 ISO weeks');
    assert.equal(mondayOf('2025-W53'), undefined, '2025 has 52');
    assert.equal(mondayOf('2026-W00'), undefined);
    assert.equal(mondayOf('nonsense'), undefined);
    assert.equal(isoWeekOf('2026-12-07'), '2026-W50');
    assert.equal(weeksBefore('2026-W01', 1), '2025-W52');
    assert.equal(weeksBefore('2026-W50', 3), '2026-W47');
    assert.equal(summaryWeekFor('2026-12-07'), '2026-W49', 'a summary given on Monday is about the whole week before');
    assert.equal(summaryWeekFor('2026-12-13'), '2026-W49', '... all week long');
  });
});

describe('workload log: the weekly summary parser', () => {
  it('a whole summary', () => {
    assert.deepEqual(parseSummary({ wlHours: '15to25', wlCategories: 'A,C', wlViolent: 'yes', wlCaseload: 'heavy' }, true), {
      ok: true,
      figures: { hours: '15to25', categories: ['A', 'C'], violent: true, caseload: 'heavy' },
    });
  });
  it('optional inside a check-in: nothing chosen is nothing recorded; once begun it must be whole', () => {
    assert.deepEqual(parseSummary({}, false), { ok: true });
    assert.deepEqual(parseSummary({ wlHours: '', wlCategories: '' }, false), { ok: true });
    const r = parseSummary({ wlCategories: 'B' }, false);
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.problems.some((p) => /hours viewing/.test(p)) && r.problems.some((p) => /violent/.test(p)));
  });
  it('every problem listed: unknown values, a formula, a non-string', () => {
    const r = parseSummary({ wlHours: '=1+2', wlCategories: 'A,D', wlViolent: 'maybe', wlCaseload: 'huge' }, true);
    assert.ok(!r.ok);
    assert.equal(r.problems.length, 4, r.problems.join(' | '));
    const none = parseSummary({ wlHours: 'none', wlCategories: 'A', wlViolent: 'yes' }, true);
    assert.ok(none.ok, 'kept as given: a check-in is never refused over it');
    const odd = parseSummary({ wlHours: 5 }, true);
    assert.ok(!odd.ok && /could not be read/.test(odd.problems.join(' ')));
    assert.equal(parseSummary({}, true).ok, false, 'the weekly card requires the hours and the violent-material answer');
  });
});

describe('workload log: the rules', () => {
  it('bands count by their floor; exact hours by themselves', () => {
    assert.equal(viewingHours(f('15to25')), 15);
    assert.equal(viewingHours(f('over25')), 25);
    assert.equal(viewingHours(f('5to15', { exactHours: 14.5 })), 14.5);
    assert.equal(bandOf(0), 'none');
    assert.equal(bandOf(4.9), 'under5');
    assert.equal(bandOf(15), '15to25');
    assert.equal(bandOf(25), 'over25');
    assert.ok(isHeavyWeek(f('15to25'), T));
    assert.ok(!isHeavyWeek(f('5to15'), T));
    assert.ok(isHeavyWeek(f('5to15', { caseload: 'heavy' }), T), 'a heavy caseload is a heavy week');
  });

  const cases: {
    name: string;
    w: [string, WorkloadFigures][];
    week: string;
    pattern?: typeof FULL_TIME;
    open?: string[];
    expect: string[];
  }[] = [
    {
      name: 'three heavy weeks of the last four flag',
      w: [
        ['2026-W46', f('15to25')],
        ['2026-W47', f('5to15')],
        ['2026-W48', f('over25')],
        ['2026-W49', f('15to25')],
      ],
      week: '2026-W49',
      expect: ['heavyWeeks'],
    },
    {
      name: 'two heavy weeks of four do not',
      w: [
        ['2026-W47', f('5to15')],
        ['2026-W48', f('over25')],
        ['2026-W49', f('15to25')],
      ],
      week: '2026-W49',
      expect: [],
    },
    {
      name: 'a light latest week does not flag, however heavy the weeks before',
      w: [
        ['2026-W46', f('15to25')],
        ['2026-W47', f('15to25')],
        ['2026-W48', f('over25')],
        ['2026-W49', f('under5')],
      ],
      week: '2026-W49',
      expect: [],
    },
    {
      name: 'heavy weeks outside the window do not count',
      w: [
        ['2026-W44', f('15to25')],
        ['2026-W45', f('15to25')],
        ['2026-W49', f('15to25')],
      ],
      week: '2026-W49',
      expect: [],
    },
    {
      name: 'violent material two weeks running flags',
      w: [
        ['2026-W48', f('5to15', { violent: true })],
        ['2026-W49', f('5to15', { violent: true })],
      ],
      week: '2026-W49',
      expect: ['violentMaterial'],
    },
    {
      name: 'a week away from it in between does not',
      w: [
        ['2026-W47', f('5to15', { violent: true })],
        ['2026-W48', f('5to15')],
        ['2026-W49', f('5to15', { violent: true })],
      ],
      week: '2026-W49',
      expect: [],
    },
    {
      name: 'a week with no figures is not assumed violent',
      w: [
        ['2026-W47', f('5to15', { violent: true })],
        ['2026-W49', f('5to15', { violent: true })],
      ],
      week: '2026-W49',
      expect: [],
    },
    {
      name: 'a three-day person over their pro-rata share (15 × 24/37 ≈ 9.7 h) flags',
      w: [['2026-W49', f('5to15', { exactHours: 10 })]],
      week: '2026-W49',
      pattern: THREE_DAYS,
      expect: ['partTimeLoad'],
    },
    {
      name: 'the same hours from a full-timer do not',
      w: [['2026-W49', f('5to15', { exactHours: 10 })]],
      week: '2026-W49',
      expect: [],
    },
    {
      name: 'a part-timer within their share does not',
      w: [['2026-W49', f('5to15', { exactHours: 9 })]],
      week: '2026-W49',
      pattern: THREE_DAYS,
      expect: [],
    },
    {
      name: 'several reasons at once, in order; those an open flag covers are left out',
      w: [
        ['2026-W47', f('over25', { violent: true })],
        ['2026-W48', f('over25', { violent: true })],
        ['2026-W49', f('over25', { violent: true })],
      ],
      week: '2026-W49',
      pattern: THREE_DAYS,
      open: ['violentMaterial'],
      expect: ['heavyWeeks', 'partTimeLoad'],
    },
    { name: 'no figures for the week: nothing', w: [], week: '2026-W49', expect: [] },
  ];
  for (const c of cases)
    it(c.name, () =>
      assert.deepEqual(workloadReasonsFor(weeks(c.w), c.week, c.pattern ?? FULL_TIME, T, (c.open ?? []) as never), c.expect),
    );

  it('thresholds come from configuration', () => {
    const w = weeks([['2026-W49', f('5to15', { exactHours: 12 })]]);
    assert.deepEqual(workloadReasonsFor(w, '2026-W49', FULL_TIME, { ...T, heavyHours: 10, heavyWeeks: 1 }), ['heavyWeeks']);
    assert.deepEqual(workloadReasonsFor(w, '2026-W49', FULL_TIME, { ...T, heavyHours: 13, heavyWeeks: 1 }), []);
  });

  it('working patterns: contracted hours and the pro-rata share', () => {
    assert.equal(weeklyPatternHours(FULL_TIME), 40);
    assert.equal(weeklyPatternHours({ days: ['mon', 'tue', 'wed', 'thu'], startMinute: 22 * 60, endMinute: 6 * 60 }), 32, 'nights');
    assert.equal(proRataViewingHours(FULL_TIME, T), undefined);
    assert.ok(Math.abs(proRataViewingHours(THREE_DAYS, T)! - (15 * 24) / 37) < 1e-9);
  });
});

describe('workload log: the grading-tool import parser', () => {
  const person = (id: string, roles: Person['roles'] = ['officer']) =>
    ({ id, name: id, aadObjectId: `00000000-0000-0000-0000-${id.length.toString().padStart(12, '0')}`, roles }) as Person;
  const roster = { people: [person('alex'), person('dana', ['departmentHead']), { ...person('bea'), aadObjectId: 'AAD-BEA' }] };
  const TODAY = '2026-12-07';

  it('good rows, by roster id or Entra object id, a week or a date in it', () => {
    const r = parseWorkloadCsv(
      'person,week,hours,categories,violent\nalex,2026-W49,12.5,A;C,yes\naad-bea,2026-12-01,0,,no\n',
      roster,
      TODAY,
    );
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(
      r.rows.map((x) => [x.person.id, x.week, x.hours, x.categories, x.violent]),
      [
        ['alex', '2026-W49', 12.5, ['A', 'C'], true],
        ['bea', '2026-W49', 0, [], false],
      ],
    );
  });

  it('every problem in one pass, by line and column, never echoing a cell', () => {
    const text = [
      'person,week,hours,categories,violent',
      'alex,2026-W49,=1+2,A,no',
      '@SUM(A1),2026-W48,3,,no',
      'nobody,2026-W48,3,,no',
      'dana,2026-W48,3,,no',
      'alex,2027-W10,3,,no',
      'alex,2026-W47,-5,D,perhaps',
      'alex,2026-W46,3',
      'alex,2026-W45,0,A,yes',
      'alex,2026-W44,1,,',
      'alex,2026-W44,2,,',
    ].join('\n');
    const r = parseWorkloadCsv(text, roster, TODAY);
    assert.ok(!r.ok);
    const lines = r.problems.map((p) => `${p.line}: ${p.reason}`);
    const at = (line: number, re: RegExp) =>
      assert.ok(
        lines.some((l) => l.startsWith(`${line}:`) && re.test(l)),
        `${line} ${re}: ${lines.join(' | ')}`,
      );
    at(2, /hours looks like a spreadsheet formula/);
    at(3, /person looks like a spreadsheet formula/);
    at(4, /not on the roster/);
    at(5, /not someone Haven keeps a workload log for/);
    at(6, /in the future/);
    at(7, /hours looks like a spreadsheet formula/);
    at(7, /categories must be/);
    at(7, /violent must be yes or no/);
    at(8, /3 column\(s\), the header has 5/);
    at(9, /hours is 0/);
    at(11, /on line 10 too/);
    assert.ok(!lines.some((l) => /SUM|=1\+2|perhaps/.test(l)), 'cells are never echoed');
  });

  it('structural problems: the header, an empty file, a quote never closed, not UTF-8', () => {
    const bad = (text: string, re: RegExp) => {
      const r = parseWorkloadCsv(text, roster, TODAY);
      assert.ok(!r.ok && r.problems.some((p) => re.test(p.reason)), `${re}: ${JSON.stringify(r)}`);
    };
    bad('', /empty/);
    bad('person,week\nalex,2026-W49\n', /no "hours" column/);
    bad('person,week,hours,colour\n', /unknown column/);
    bad('person,week,hours,hours\n', /twice/);
    bad('person,week,hours\n', /no rows/);
    bad('person,week,hours\n"alex,2026-W49,3\n', /never closed/);
    assert.equal(decodeUtf8(new Uint8Array([0x70, 0xff, 0xfe, 0x0a])), undefined);
    assert.equal(decodeUtf8(new TextEncoder().encode('person')), 'person');
  });
});

describe('workload log: unit aggregates hide groups under the minimum', () => {
  it('a week with 4 people shows only that there were fewer than 5; a week with 5 shows shares', () => {
    const row = (personId: string, week: string, heavy: boolean, violent = false) => ({
      personId,
      week,
      figures: f(heavy ? '15to25' : 'under5', { violent }),
    });
    const rows = [
      ...['a', 'b', 'c', 'd'].map((p, i) => row(p, '2026-W48', i < 2, i === 0)),
      ...['a', 'b', 'c', 'd', 'e'].map((p, i) => row(p, '2026-W49', i < 2, i === 0)),
      { personId: 'f', week: '2026-W49' },
    ];
    const [w48, w49] = workloadAggregates(rows, ['2026-W48', '2026-W49'], 5, 15);
    assert.deepEqual(w48, { week: '2026-W48', label: w48!.label, people: 4 });
    assert.equal(w49!.people, 5, 'a week asked but not answered is not counted');
    assert.equal(w49!.heavyPercent, 40);
    assert.equal(w49!.violentPercent, 20);
  });
});
