import assert from 'node:assert/strict';
import { parsePredeploymentArgs, reportFileBase } from '../../../src/cli/report-predeployment.ts';

describe('npm run report -- predeployment: arguments', () => {
  const good: [string[], object][] = [
    [
      ['--from', '2025-11-01', '--to', '2026-10-31'],
      { period: { from: '2025-11-01', to: '2026-10-31' }, unitId: undefined, outDir: 'reports' },
    ],
    [
      ['--from=2025-11-01', '--to=2025-11-01', '--unit', 'unit-2', '--out', '/tmp/r'],
      { period: { from: '2025-11-01', to: '2025-11-01' }, unitId: 'unit-2', outDir: '/tmp/r' },
    ],
  ];
  for (const [args, value] of good)
    it(`accepts ${args.join(' ')}`, () => assert.deepEqual(parsePredeploymentArgs(args), { ok: true, value }));

  const bad: [string[], RegExp[]][] = [
    [[], [/--from is missing/, /--to is missing/]],
    [
      ['--from', '2026-02-30', '--to', 'tomorrow'],
      [/--from must be a real date/, /--to must be a real date/],
    ],
    [['--from', '2026-10-31', '--to', '2025-11-01'], [/is after --to/]],
    [
      ['--from', '--to', '2026-01-01'],
      [/--from needs a value/, /--from is missing/],
    ],
    [
      ['--from', '2025-01-01', '--to', '2025-12-31', '--unit', 'Unit 2!', '--colour', 'red'],
      [/unknown argument "--colour"/, /unknown argument "red"/, /--unit must be a unit id/],
    ],
    [['--from', '2025-01-01', '--from', '2025-02-01', '--to', '2025-12-31'], [/--from is given twice/]],
  ];
  for (const [args, problems] of bad) {
    it(`lists every problem in: ${args.join(' ') || '(nothing)'}`, () => {
      const r = parsePredeploymentArgs(args);
      assert.equal(r.ok, false);
      if (r.ok) return;
      for (const p of problems)
        assert.ok(
          r.problems.some((x) => p.test(x)),
          `no problem matching ${p} in ${JSON.stringify(r.problems)}`,
        );
      assert.equal(r.problems.length, problems.length, JSON.stringify(r.problems));
    });
  }

  it('names the files after the period', () =>
    assert.equal(reportFileBase({ from: '2025-11-01', to: '2026-10-31' }), 'predeployment-2025-11-01-2026-10-31'));
});
