// Issue 16: the roster import's structural checks (head and above roles, supervisor loops, nobody
// supervising themselves, unknown references in the same pass as format problems), and `roster
// export` writing formula-like cells as text that the import reads back.
import { ROLES } from '../../../src/kernel/types.ts';
import assert from 'node:assert/strict';
import { formatCsv } from '../../../src/kernel/csv.ts';
import { exportRoster, importRoster } from '../../../src/kernel/import-roster.ts';
import { ROSTER_COLUMNS, formatRoster, parseRoster, type RosterProblem } from '../../../src/kernel/roster.ts';
import { memoryDeps } from '../../support/memory-deps.ts';

type Column = (typeof ROSTER_COLUMNS)[number];
type Row = Partial<Record<Column, string>>;

const aad = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const person = (id: string, n: number, extra: Row = {}): Row => ({
  kind: 'person',
  id,
  name: `Name ${id}`,
  roles: 'officer',
  unit: 'u1',
  teams_user_id: `29:${id}`,
  aad_object_id: aad(n),
  ...extra,
});
/** Lines: 1 header, 2 unit u1, 3 dana (head), 4 olu (above), 5 sam, 6 alex. */
const base = (unit: Row = {}): Row[] => [
  { kind: 'unit', id: 'u1', name: 'Team 1', head: 'dana', above: 'olu', ...unit },
  person('dana', 1, { roles: 'departmentHead', supervisor: 'olu' }),
  person('olu', 2, { roles: 'departmentHead' }),
  person('sam', 3, { roles: 'supervisor', supervisor: 'dana' }),
  person('alex', 4, { supervisor: 'sam' }),
];
const edit = (rows: Row[], id: string, change: Row): Row[] =>
  rows.map((r) => (r.id === id && r.kind === 'person' ? { ...r, ...change } : r));
const toCsv = (rows: Row[]) => formatCsv([[...ROSTER_COLUMNS], ...rows.map((r) => ROSTER_COLUMNS.map((c) => r[c] ?? ''))]);

function problemsOf(rows: Row[]): Array<[number, string]> {
  const result = parseRoster(toCsv(rows));
  assert.equal(result.ok, false, 'the roster should be rejected');
  return (result as { problems: RosterProblem[] }).problems.map((p) => [p.line, p.reason]);
}

describe('domain/roster: structure', () => {
  it('the base fixture is valid', () => {
    const result = parseRoster(toCsv(base()));
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  });

  it("a unit's head must have the departmentHead role", () => {
    assert.deepEqual(problemsOf(base({ head: 'sam' })), [[2, 'head "sam" does not have the departmentHead role']]);
  });

  it('the person above must be a department head too, and not the head again', () => {
    assert.deepEqual(problemsOf(base({ above: 'alex' })), [
      [2, 'above "alex" is not senior enough: the next rank up needs the departmentHead role'],
    ]);
    assert.deepEqual(problemsOf(base({ above: 'dana' })), [
      [2, `above "dana" is the unit's head; above must be the next rank up, someone else`],
    ]);
  });

  it('a supervisor loop is reported once, from its first row, with the whole chain', () => {
    assert.deepEqual(problemsOf(edit(base(), 'olu', { supervisor: 'sam' })), [
      [3, 'supervisor chain loops: dana → olu → sam → dana (someone in a chain must answer to nobody in it)'],
    ]);
    const twoLoops = [
      ...edit(base(), 'olu', { supervisor: 'dana' }),
      person('kai', 5, { roles: 'supervisor', supervisor: 'lee' }),
      person('lee', 6, { roles: 'supervisor', supervisor: 'kai' }),
      person('max', 7, { supervisor: 'kai' }),
    ];
    assert.deepEqual(problemsOf(twoLoops), [
      [3, 'supervisor chain loops: dana → olu → dana (someone in a chain must answer to nobody in it)'],
      [7, 'supervisor chain loops: kai → lee → kai (someone in a chain must answer to nobody in it)'],
    ]);
  });

  it('supervising oneself is reported as that, not also as a loop', () => {
    assert.deepEqual(problemsOf(edit(base(), 'sam', { supervisor: 'sam' })), [[5, 'a person cannot supervise themselves']]);
  });

  it('unknown unit and supervisor are reported in the same pass as format problems, on the same row and others', () => {
    const rows = [
      ...edit(base(), 'alex', { joined_unit: '2026-02-30', unit: 'u9', supervisor: 'ghost' }),
      person('zoe', 5, { teams_user_id: 'zoe' }),
    ];
    assert.deepEqual(problemsOf(rows), [
      [6, 'joined_unit "2026-02-30" must be a date like 2025-03-01'],
      [6, 'unit "u9" is not defined in this file'],
      [6, 'supervisor "ghost" is not a person in this file'],
      [7, 'teams_user_id "zoe" must be a Teams user id starting 29: (or left empty)'],
    ]);
  });

  it('a row with its own problems is still known: no knock-on "not in this file", and no role complaint when its roles are wrong', () => {
    // sam's roles are misspelt: reported once, and alex (supervised by sam) gets no second complaint.
    assert.deepEqual(problemsOf(edit(base(), 'sam', { roles: 'sargeant', teams_user_id: 'x' })), [
      [5, `unknown role(s) sargeant; roles are ${ROLES.join(', ')}`],
      [5, 'teams_user_id "x" must be a Teams user id starting 29: (or left empty)'],
    ]);
    // dana (the head) has a bad date: the unit's head reference is still fine.
    assert.deepEqual(problemsOf(edit(base(), 'dana', { joined_unit: 'soon' })), [[3, 'joined_unit "soon" must be a date like 2025-03-01']]);
  });
});

describe('domain/roster: export writes formula-like cells as text, and the import reads them back', () => {
  const FORMULA_NAMES = ['=HYPERLINK("http://x","y")', '+44 Team', '-Minus', '@Mention', '\tTab', "'=Already quoted", "Plain O'Brien"];

  it('each formula-like cell gets one leading apostrophe; other cells are unchanged', () => {
    const rows = base({ name: '=SUM(A1:A9)' }).map((r, i) => (r.kind === 'person' ? { ...r, name: FORMULA_NAMES[i - 1]! } : r));
    const parsed = parseRoster(toCsv(rows));
    assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems));
    const exported = formatRoster(parsed.roster);
    assert.ok(exported.includes(`'=SUM(A1:A9)`));
    assert.ok(exported.includes(`"'=HYPERLINK(""http://x"",""y"")"`));
    for (const cell of ["'+44 Team", "'-Minus", "'@Mention"]) assert.ok(exported.includes(cell), cell);
    // No cell of the export starts like a formula once read as CSV.
    const again = parseRoster(exported);
    assert.ok(again.ok);
    assert.deepEqual(again.roster, parsed.roster);
  });

  it('round trip through storage: import, export, import again changes nothing', async () => {
    const deps = memoryDeps();
    const rows = base().map((r, i) => (r.kind === 'person' ? { ...r, name: FORMULA_NAMES[i + 2] ?? r.name } : r));
    const first = await importRoster(deps, toCsv(rows), 'test');
    assert.ok(first.ok, JSON.stringify(first));
    const exported = await exportRoster(deps);
    // (The import trims cells, so "\tTab" was stored as "Tab"; a hand-written "'=Already quoted" was stored as "=Already quoted".)
    assert.ok(exported.includes(",'@Mention,") && exported.includes(",'=Already quoted,"), exported);
    const second = await importRoster(deps, exported, 'test');
    assert.ok(second.ok, JSON.stringify(second));
    assert.deepEqual([second.created, second.updated, second.unchanged], [0, 0, first.created]);
    assert.equal(await exportRoster(deps), exported);
  });
});
