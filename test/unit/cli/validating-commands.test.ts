// Issue 16: every command that validates lists every problem in one pass (arguments and file
// together), each once, without knock-on errors, and changes nothing. A mistyped option is a problem,
// never a silent real run.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRosterCommand } from '../../../src/cli/roster.ts';
import { parseUnitReportArgs } from '../../../src/cli/report-unit.ts';
import { parsePredeploymentArgs } from '../../../src/cli/report-predeployment.ts';
import { runWorkloadCommand } from '../../../src/cli/workload.ts';
import { runSubjectCommand } from '../../../src/cli/subject.ts';
import { parseWorkloadCsv } from '../../../src/features/check-ins/workload-import.ts';
import { memoryDeps, withRoster, type MemoryDeps } from '../../support/memory-deps.ts';

const ROSTER = readFileSync(new URL('../../../data/demo-roster.csv', import.meta.url), 'utf8');

describe('validating commands: every problem in one pass', () => {
  let dir: string;
  let deps: MemoryDeps;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'haven-validating-'));
    deps = memoryDeps({ now: '2026-12-07T10:00:00Z' });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (command: typeof runRosterCommand | typeof runWorkloadCommand, ...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    let opened = 0;
    const code = await command(
      args,
      (s) => out.push(s),
      (s) => err.push(s),
      async () => {
        opened++;
        return { deps, close: async () => undefined };
      },
    );
    return { code, out: out.join('\n'), err: err.join('\n'), opened };
  };

  describe('roster import', () => {
    const BAD = [
      'kind,id,name,roles,unit,supervisor,teams_user_id,aad_object_id,head,above',
      'unit,u1,Team,,,,,,sam,',
      'person,sam,Sam,supervisor,u1,kim,29:sam,00000000-0000-4000-8000-000000000001,,',
      'person,kim,Kim,supervisor,u1,sam,29:kim,not-a-guid,,',
      'person,lee,Lee,officer,u9,ghost,29:lee,00000000-0000-4000-8000-000000000003,,',
    ].join('\n');

    it('a mistyped option and every problem in the file are listed together; nothing is opened or written', async () => {
      const file = join(dir, 'bad.csv');
      writeFileSync(file, BAD);
      const r = await run(runRosterCommand, 'import', file, '--dryrun');
      assert.equal(r.code, 2);
      assert.equal(r.opened, 0, 'storage is never opened');
      for (const p of [
        /6 problem\(s\); nothing was imported/,
        /unknown option "--dryrun" \(the only option is --dry-run\)/,
        /line 2: head "sam" does not have the departmentHead role/,
        /line 3: supervisor chain loops: sam → kim → sam/,
        /line 4: aad_object_id "not-a-guid" must be an Entra object id/,
        /line 5: unit "u9" is not defined in this file/,
        /line 5: supervisor "ghost" is not a person in this file/,
      ])
        assert.match(r.err, p);
      assert.equal((await deps.people.list()).length, 0);
    });

    it('no file and an unknown option are both listed; an unreadable file is named', async () => {
      const none = await run(runRosterCommand, 'import', '--force');
      assert.equal(none.code, 2);
      assert.match(none.err, /2 problem\(s\)/);
      assert.match(none.err, /import needs a file/);
      assert.match(none.err, /unknown option "--force"/);
      const missing = await run(runRosterCommand, 'import', join(dir, 'nope.csv'), '--dry-run');
      assert.match(missing.err, /cannot read .*nope\.csv: ENOENT/);
    });

    it('a good file: --dry-run writes nothing; without it the roster is imported', async () => {
      const file = join(dir, 'good.csv');
      writeFileSync(file, ROSTER);
      const dry = await run(runRosterCommand, 'import', file, '--dry-run');
      assert.equal(dry.code, 0, dry.err);
      assert.equal(dry.opened, 0);
      assert.equal((await deps.people.list()).length, 0);
      const real = await run(runRosterCommand, 'import', file);
      assert.equal(real.code, 0, real.err);
      assert.match(real.out, /Imported .* created/);
      assert.ok((await deps.people.list()).length > 5);
    });
  });

  it('journey open: an unknown option and a malformed date are listed together', async () => {
    await withRoster(deps, ROSTER);
    const r = await run(runRosterCommand, 'journey', 'open', '--candidat', 'gus.novak', '--trainer', 'tom.reed', '--start', '2027-13-45x');
    assert.equal(r.code, 2);
    for (const p of [/unknown option "--candidat"/, /--candidate is required/, /--start must be a date, YYYY-MM-DD \(got "2027-13-45x"\)/])
      assert.match(r.err, p);
    assert.equal(r.opened, 0);
  });

  it('report unit: a flag without its value is reported once (not also as missing), with every other problem', () => {
    assert.deepEqual(parseUnitReportArgs(['unit', '--unit']).problems, [
      '--unit needs a value',
      '--from is required (a date, YYYY-MM-DD)',
      '--to is required (a date, YYYY-MM-DD)',
    ]);
    assert.deepEqual(parseUnitReportArgs(['--from', '2026-12-01', '--to', '2026-11-01', '--bogus']).problems, [
      'unexpected argument "--bogus"',
      '--unit is required',
      '--from must not be after --to',
    ]);
    assert.deepEqual(parseUnitReportArgs(['--unit', 'u1', '--from', '2026-02-30', '--to', '2026-03-01']).problems, [
      '--from must be a date, YYYY-MM-DD (got "2026-02-30")',
    ]);
    assert.deepEqual(parseUnitReportArgs(['--unit', 'u1', '--from', '2026-01-01', '--to', '2026-03-01']).problems, []);
  });

  it('report predeployment: every argument problem at once', () => {
    const r = parsePredeploymentArgs(['--from', '2026-13-01', '--unit', 'Bad Unit', '--what']);
    assert.ok(!r.ok);
    assert.equal(r.problems.length, 4, JSON.stringify(r.problems));
  });

  it('subject: a missing person id and a bad option are listed together; nothing is opened', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['export', '--out'], /export needs a person id \(the roster's id column\); --out needs a file name\. Nothing was exported\./],
      [['erase', '--confirm', '--force'], /erase needs a person id \(the roster's id column\); unexpected --force\. Nothing was changed\./],
      [['export', 'alex.moreno', '--out', 'x.json', '--pretty'], /^unexpected --pretty\. Nothing was exported\./],
    ];
    for (const [args, expected] of cases) {
      const err: string[] = [];
      let opened = 0;
      const code = await runSubjectCommand(
        args,
        () => undefined,
        (s) => err.push(s),
        async () => {
          opened++;
          throw new Error('storage must not be opened');
        },
      );
      assert.equal(code, 2, args.join(' '));
      assert.match(err.join('\n'), expected);
      assert.equal(opened, 0);
    }
  });

  describe('workload import', () => {
    it('an unknown extra column does not hide the rows: both are listed', () => {
      const roster = { people: [] };
      const r = parseWorkloadCsv('person,week,hours,notes\nnobody,2026-W49,200,x\n', roster, '2026-12-07');
      assert.ok(!r.ok);
      assert.deepEqual(
        r.problems.map((p) => p.line),
        [1, 2, 2],
        JSON.stringify(r.problems),
      );
      assert.match(r.problems[0]!.reason, /unknown column/);
    });

    it('a missing file and a mistyped option are listed together; nothing is opened', async () => {
      const r = await run(runWorkloadCommand, 'import', '--dryrun');
      assert.equal(r.code, 2);
      assert.match(r.err, /import needs a file; unknown option --dryrun; nothing was imported/);
      assert.equal(r.opened, 0);
    });
  });
});
