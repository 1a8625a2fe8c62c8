// Reports from Teams, pure (src/features/reports/policy.ts, rules.ts, files.ts): who may download which
// report (the same people who may see it in Teams), the parameters an offer may carry, the file names.
import assert from 'node:assert/strict';
import type { Person, Role, Roster } from '../../../../src/kernel/types.ts';
import { DEFAULT_WORKING_PATTERN } from '../../../../src/kernel/working-pattern.ts';
import { mayDownload, reportsFor } from '../../../../src/features/reports/policy.ts';
import { reportFileName } from '../../../../src/features/reports/rules.ts';
import { parseReportParams } from '../../../../src/features/reports/files.ts';

const p = (id: string, roles: Role[], unitId = 'u1', extra: Partial<Person> = {}): Person => ({
  id,
  name: id,
  teamsUserId: `29:${id}`,
  aadObjectId: id,
  roles,
  unitId,
  workingPattern: DEFAULT_WORKING_PATTERN,
  viewingStatus: 'viewing',
  ...extra,
});

const head = p('head', ['departmentHead']);
const trainer = p('trainer', ['trainer']);
const trainer2 = p('trainer2', ['trainer'], 'u2');
const sup = p('sup', ['supervisor']);
const dpo = p('dpo', ['dpo']);
const left = p('left', ['departmentHead'], 'u3', { leftOn: '2026-01-01' });
const roster: Roster = {
  units: [
    { id: 'u1', name: 'One', departmentHeadId: 'head' },
    { id: 'u2', name: 'Two' },
    { id: 'u3', name: 'Three', departmentHeadId: 'left' },
  ],
  people: [head, trainer, trainer2, sup, dpo, left],
  absences: [],
};

describe('reports from Teams: who may download what', () => {
  it('the department head: the process review and the check-in figures of her unit', () => {
    assert.deepEqual(reportsFor(head, roster), [
      { report: 'predeployment', unitId: 'u1' },
      { report: 'unit', unitId: 'u1' },
    ]);
  });
  it('a trainer: the process review of their unit only', () => {
    assert.deepEqual(reportsFor(trainer, roster), [{ report: 'predeployment', unitId: 'u1' }]);
    assert.equal(mayDownload(trainer, roster, 'unit', 'u1'), false);
    assert.equal(mayDownload(trainer2, roster, 'predeployment', 'u1'), false, 'not another unit');
  });
  it('nobody else, and no one who has left', () => {
    for (const who of [sup, dpo, left, undefined]) assert.deepEqual(reportsFor(who, roster), [], who?.id);
    assert.equal(mayDownload(head, roster, 'predeployment', 'u2'), false);
  });
});

describe('reports from Teams: offer parameters and file names', () => {
  it('accepts exactly the shapes an offer is made with', () => {
    assert.deepEqual(parseReportParams({ report: 'unit', unitId: 'u1', from: '2026-01-01', to: '2026-12-31', format: 'csv' }), {
      report: 'unit',
      unitId: 'u1',
      from: '2026-01-01',
      to: '2026-12-31',
      format: 'csv',
    });
    for (const bad of [
      { report: 'unit', unitId: 'u1', from: '2026-01-01', to: '2026-12-31', format: 'html' },
      { report: 'x', unitId: 'u1', from: '2026-01-01', to: '2026-12-31', format: 'csv' },
      { report: 'unit', unitId: '', from: '2026-01-01', to: '2026-12-31', format: 'csv' },
      { report: 'unit', unitId: 'u1', from: '2026-12-31', to: '2026-01-01', format: 'csv' },
      { report: 'unit', unitId: 'u1', from: '2026-02-30', to: '2026-12-31', format: 'csv' },
    ])
      assert.equal(parseReportParams(bad), undefined, JSON.stringify(bad));
  });
  it('names files as the CLI does, with no id in them', () => {
    const period = { from: '2025-11-24', to: '2026-11-23' };
    assert.equal(reportFileName('predeployment', period, 'csv'), 'predeployment-2025-11-24-2026-11-23.csv');
    assert.equal(reportFileName('predeployment', period, 'html'), 'predeployment-2025-11-24-2026-11-23.html');
    assert.equal(reportFileName('unit', period, 'csv'), 'check-in-figures-2025-11-24-2026-11-23.csv');
  });
});
