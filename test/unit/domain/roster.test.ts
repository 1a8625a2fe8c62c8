import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { formatCsv } from '../../../src/kernel/csv.ts';
import { ROSTER_COLUMNS, formatRoster, parseRoster, type RosterProblem } from '../../../src/kernel/roster.ts';
import {
  ROLES,
  WEEKDAYS,
  type Absence,
  type Person,
  type Roster,
  type Role,
  type Unit,
  type WeeklyPattern,
} from '../../../src/kernel/types.ts';

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
  joined_unit: '2024-01-15',
  working_pattern: 'Mon-Fri 08:00-16:00',
  ...extra,
});

/** A valid roster. Lines: 1 header, 2 unit u1, 3 dana, 4 sam, 5 priya, 6 alex, 7 bea. */
const base = (): Row[] => [
  { kind: 'unit', id: 'u1', name: 'Team 1', channel_id: '19:team1@thread.tacv2', head: 'dana' },
  person('dana', 1, { roles: 'departmentHead' }),
  person('sam', 2, { roles: 'supervisor', supervisor: 'dana' }),
  person('priya', 3, { roles: 'supervisor', supervisor: 'dana', cover: 'sam' }),
  person('alex', 4, { supervisor: 'sam' }),
  person('bea', 5, { supervisor: 'priya' }),
];
const NEXT_LINE = 8;

const toCsv = (rows: Row[], columns: readonly string[] = ROSTER_COLUMNS) =>
  formatCsv([[...columns], ...rows.map((r) => columns.map((c) => r[c as Column] ?? ''))]);

/** Replaces the row with this id (or appends when `id` is new). */
const withRow = (rows: Row[], row: Row): Row[] => {
  const i = rows.findIndex((r) => r.id === row.id && r.kind === row.kind);
  return i < 0 ? [...rows, row] : rows.map((r, j) => (j === i ? row : r));
};
const edit = (rows: Row[], id: string, change: Row): Row[] => rows.map((r) => (r.id === id && r.kind !== 'unit' ? { ...r, ...change } : r));
const editUnit = (rows: Row[], change: Row): Row[] => rows.map((r) => (r.kind === 'unit' ? { ...r, ...change } : r));

function problemsOf(text: string): RosterProblem[] {
  const result = parseRoster(text);
  assert.equal(result.ok, false, 'the roster should be rejected');
  assert.ok(!result.ok);
  return result.problems;
}

describe('domain/roster', () => {
  describe('parseRoster on good input', () => {
    it('the base fixture is valid', () => {
      const result = parseRoster(toCsv(base()));
      assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
    });

    it('parses the demo roster file', () => {
      const result = parseRoster(readFileSync(new URL('../../../data/demo-roster.csv', import.meta.url), 'utf8'));
      assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
      const { units, people, absences } = result.roster;
      assert.deepEqual(units, [
        {
          id: 'unit-2',
          name: 'Online Child Abuse Team 2',
          supervisorChannelId: '19:haven-demo-supervisors@thread.tacv2',
          departmentHeadId: 'dana.hughes',
          aboveId: undefined,
        },
      ]);
      // 14 unit members (with HR, a welfare lead and a TRiM practitioner) plus 12 candidates of the demo pre-deployment journeys (data/demo-journeys.json).
      assert.equal(people.length, 26);
      assert.equal(people.filter((p) => p.roles.includes('candidate')).length, 13);
      assert.deepEqual(absences, [
        { id: 'priya-leave-2027-01', personId: 'priya.shah', from: '2027-01-04', to: '2027-01-15', coverId: undefined },
      ]);
      const byId = new Map(people.map((p) => [p.id, p]));
      assert.deepEqual(byId.get('chris.lowe')!.workingPattern, { days: ['tue', 'wed', 'thu', 'fri'], startMinute: 420, endMinute: 1020 });
      assert.equal(byId.get('priya.shah')!.coverId, 'sam.okafor');
      assert.equal(byId.get('alex.moreno')!.supervisorId, 'sam.okafor');
      assert.equal(byId.get('gus.novak')!.supervisorId, undefined);
      assert.equal(byId.get('gus.novak')!.joinedUnitOn, undefined);
      assert.deepEqual(byId.get('dana.hughes')!.roles, ['departmentHead']);
      assert.ok(people.every((p) => p.viewingStatus === 'viewing'));
    });

    const good: Array<{ name: string; text: string; check: (r: Roster) => void }> = [
      {
        name: 'columns in any order, any case, with a BOM and CRLF',
        text: '\uFEFFID,Kind,Name\r\nu1,unit,Team 1\r\n',
        check: (r) =>
          assert.deepEqual(
            r.units.map((u) => u.id),
            ['u1'],
          ),
      },
      {
        name: 'roles separated by ; or |, fields trimmed, aad id lower-cased',
        text: toCsv(
          editUnit(edit(base(), 'alex', { roles: ' officer | trainer ', aad_object_id: aad(4).toUpperCase().replace('0000', 'ABCD') }), {}),
        ),
        check: (r) => {
          const alex = r.people.find((p) => p.id === 'alex')!;
          assert.deepEqual(alex.roles, ['officer', 'trainer']);
          assert.equal(alex.aadObjectId, aad(4).replace('0000', 'abcd'));
        },
      },
      {
        name: 'no working pattern means the default',
        text: toCsv(edit(base(), 'alex', { working_pattern: '' })),
        check: (r) =>
          assert.deepEqual((r.people.find((p) => p.id === 'alex')!.workingPattern as WeeklyPattern).days, [
            'mon',
            'tue',
            'wed',
            'thu',
            'fri',
          ]),
      },
      {
        name: 'a one-day absence (from = to) and a department head as absence cover',
        text: toCsv([...base(), { kind: 'absence', id: 'a1', supervisor: 'sam', from: '2027-01-04', to: '2027-01-04', cover: 'dana' }]),
        check: (r) => assert.deepEqual(r.absences, [{ id: 'a1', personId: 'sam', from: '2027-01-04', to: '2027-01-04', coverId: 'dana' }]),
      },
      {
        name: 'a unit and a person may share an id',
        text: toCsv([...base(), person('u1', 9)]),
        check: (r) => assert.ok(r.people.some((p) => p.id === 'u1')),
      },
      {
        name: 'leap day',
        text: toCsv(edit(base(), 'alex', { joined_unit: '2024-02-29' })),
        check: (r) => assert.equal(r.people.find((p) => p.id === 'alex')!.joinedUnitOn, '2024-02-29'),
      },
    ];
    for (const c of good) {
      it(c.name, () => {
        const result = parseRoster(c.text);
        assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
        c.check(result.roster);
      });
    }
  });

  describe('parseRoster reports each bad input with its line and a clear reason', () => {
    const cases: Array<{ name: string; text: string; line: number; reason: RegExp }> = [
      { name: 'empty file', text: '', line: 1, reason: /the file is empty; the first line must name the columns/ },
      {
        name: 'unknown column',
        text: toCsv(base(), [...ROSTER_COLUMNS, 'colour']),
        line: 1,
        reason: /unknown column\(s\) colour\. Columns are: kind, id, name/,
      },
      {
        name: 'missing id column',
        text: toCsv(
          base(),
          ROSTER_COLUMNS.filter((c) => c !== 'id'),
        ),
        line: 1,
        reason: /missing column\(s\) id\b/,
      },
      { name: 'missing kind column', text: 'id,name\nu1,x\n', line: 1, reason: /missing column\(s\) kind\b/ },
      {
        name: 'too few fields',
        text: toCsv(base()) + 'person,zed,Zed\n',
        line: NEXT_LINE,
        reason: new RegExp(`has 3 fields but the header has ${ROSTER_COLUMNS.length}$`),
      },
      {
        name: 'too many fields',
        text: toCsv(base()) + `${toCsv([person('zed', 9)]).split('\n')[1]},extra\n`,
        line: NEXT_LINE,
        reason: new RegExp(`has ${ROSTER_COLUMNS.length + 1} fields but the header has ${ROSTER_COLUMNS.length}$`),
      },
      { name: 'unclosed quote', text: toCsv(base()) + 'person,"zed,Zed\n', line: NEXT_LINE, reason: /a quoted field is never closed/ },
      {
        name: 'bad id (spaces and capitals)',
        text: toCsv([...base(), person('Zed Smith', 9)]),
        line: NEXT_LINE,
        reason: /id "Zed Smith" must be 1–63 characters of lower-case letters, digits, dot, dash or underscore/,
      },
      { name: 'empty id', text: toCsv([...base(), person('', 9)]), line: NEXT_LINE, reason: /id "" must be/ },
      {
        name: 'duplicate person id',
        text: toCsv([...base(), person('alex', 9)]),
        line: NEXT_LINE,
        reason: /person "alex" appears twice \(first on line 6\)/,
      },
      {
        name: 'duplicate unit id',
        text: toCsv([...base(), { kind: 'unit', id: 'u1', name: 'Again' }]),
        line: NEXT_LINE,
        reason: /unit "u1" appears twice \(first on line 2\)/,
      },
      {
        name: 'unknown kind',
        text: toCsv([...base(), { ...person('zed', 9), kind: 'team' }]),
        line: NEXT_LINE,
        reason: /kind "team" must be unit, person or absence/,
      },
      { name: 'unit without a name', text: toCsv(editUnit(base(), { name: '' })), line: 2, reason: /a unit needs a name/ },
      {
        name: 'bad channel id',
        text: toCsv(editUnit(base(), { channel_id: 'team1' })),
        line: 2,
        reason: /channel_id "team1" is not a Teams channel id/,
      },
      { name: 'person without a name', text: toCsv(edit(base(), 'alex', { name: ' ' })), line: 6, reason: /a person needs a name/ },
      {
        name: 'unknown role',
        text: toCsv(edit(base(), 'alex', { roles: 'officer;sergeant' })),
        line: 6,
        reason: /unknown role\(s\) sergeant; roles are candidate, officer, supervisor/,
      },
      { name: 'no role', text: toCsv(edit(base(), 'alex', { roles: '' })), line: 6, reason: /a person needs at least one role/ },
      {
        name: 'bad teams id',
        text: toCsv(edit(base(), 'alex', { teams_user_id: 'alex@force.police.uk' })),
        line: 6,
        reason: /teams_user_id "alex@force\.police\.uk" must be a Teams user id starting 29:/,
      },
      {
        name: 'bad aad id',
        text: toCsv(edit(base(), 'alex', { aad_object_id: 'not-a-guid' })),
        line: 6,
        reason: /aad_object_id "not-a-guid" must be an Entra object id \(a GUID\)/,
      },
      { name: 'person without a unit', text: toCsv(edit(base(), 'alex', { unit: '' })), line: 6, reason: /a person needs a unit/ },
      {
        name: 'impossible date 2026-02-30',
        text: toCsv(edit(base(), 'alex', { joined_unit: '2026-02-30' })),
        line: 6,
        reason: /joined_unit "2026-02-30" must be a date like/,
      },
      {
        name: 'not a leap year 2025-02-29',
        text: toCsv(edit(base(), 'alex', { joined_unit: '2025-02-29' })),
        line: 6,
        reason: /joined_unit "2025-02-29" must be a date/,
      },
      {
        name: 'date in another format',
        text: toCsv(edit(base(), 'alex', { joined_unit: '15/01/2024' })),
        line: 6,
        reason: /joined_unit "15\/01\/2024" must be a date/,
      },
      {
        name: 'bad working pattern',
        text: toCsv(edit(base(), 'alex', { working_pattern: 'weekdays' })),
        line: 6,
        reason: /working pattern "weekdays" should look like/,
      },
      {
        name: 'supervisor not in the file',
        text: toCsv(edit(base(), 'alex', { supervisor: 'ghost' })),
        line: 6,
        reason: /supervisor "ghost" is not a person in this file/,
      },
      {
        name: 'supervisor without a supervising role',
        text: toCsv(edit(base(), 'alex', { supervisor: 'bea' })),
        line: 6,
        reason: /supervisor "bea" does not have the supervisor or departmentHead role/,
      },
      {
        name: 'a supervisor supervising themselves',
        text: toCsv(edit(base(), 'sam', { supervisor: 'sam' })),
        line: 4,
        reason: /a person cannot supervise themselves/,
      },
      {
        name: 'an officer supervising themselves',
        text: toCsv(edit(base(), 'alex', { supervisor: 'alex' })),
        line: 6,
        reason: /a person cannot supervise themselves/,
      },
      { name: 'unknown unit', text: toCsv(edit(base(), 'alex', { unit: 'u9' })), line: 6, reason: /unit "u9" is not defined in this file/ },
      {
        name: 'duplicate aad id',
        text: toCsv(edit(base(), 'bea', { aad_object_id: aad(4) })),
        line: 7,
        reason: /aad_object_id is already used on line 6/,
      },
      {
        name: 'duplicate aad id differing only in case',
        text: toCsv(edit(base(), 'bea', { aad_object_id: aad(4).replace('4000', '4ABC') })).replace(aad(4), aad(4).replace('4000', '4abc')),
        line: 7,
        reason: /aad_object_id is already used on line 6/,
      },
      {
        name: 'duplicate teams id',
        text: toCsv(edit(base(), 'bea', { teams_user_id: '29:alex' })),
        line: 7,
        reason: /teams_user_id is already used on line 6/,
      },
      {
        name: 'standing cover not in the file',
        text: toCsv(edit(base(), 'priya', { cover: 'ghost' })),
        line: 5,
        reason: /cover "ghost" is not a person in this file/,
      },
      {
        name: 'standing cover not a supervisor',
        text: toCsv(edit(base(), 'priya', { cover: 'alex' })),
        line: 5,
        reason: /cover "alex" does not have the supervisor or departmentHead role/,
      },
      {
        name: 'own standing cover',
        text: toCsv(edit(base(), 'priya', { cover: 'priya' })),
        line: 5,
        reason: /a person cannot be their own cover/,
      },
      {
        name: 'unit head not in the file',
        text: toCsv(editUnit(base(), { head: 'ghost' })),
        line: 2,
        reason: /head "ghost" is not a person in this file/,
      },
      {
        name: 'unit above not in the file',
        text: toCsv(editUnit(base(), { above: 'ghost' })),
        line: 2,
        reason: /above "ghost" is not a person in this file/,
      },
      {
        name: 'absence ending before it starts',
        text: toCsv([...base(), { kind: 'absence', id: 'a1', supervisor: 'sam', from: '2027-01-05', to: '2027-01-01' }]),
        line: NEXT_LINE,
        reason: /absence ends \(2027-01-01\) before it starts \(2027-01-05\)/,
      },
      {
        name: 'absence with an impossible date',
        text: toCsv([...base(), { kind: 'absence', id: 'a1', supervisor: 'sam', from: '2026-02-30', to: '2026-03-02' }]),
        line: NEXT_LINE,
        reason: /from "2026-02-30" must be a date like/,
      },
      {
        name: 'absence without an end',
        text: toCsv([...base(), { kind: 'absence', id: 'a1', supervisor: 'sam', from: '2026-02-01' }]),
        line: NEXT_LINE,
        reason: /to "" must be a date like/,
      },
      {
        name: 'absence without a supervisor',
        text: toCsv([...base(), { kind: 'absence', id: 'a1', from: '2027-01-01', to: '2027-01-02' }]),
        line: NEXT_LINE,
        reason: /an absence needs the supervisor who is absent/,
      },
      {
        name: 'absent supervisor not in the file',
        text: toCsv([...base(), { kind: 'absence', id: 'a1', supervisor: 'ghost', from: '2027-01-01', to: '2027-01-02' }]),
        line: NEXT_LINE,
        reason: /supervisor "ghost" is not a person in this file/,
      },
      {
        name: 'absence cover not in the file',
        text: toCsv([...base(), { kind: 'absence', id: 'a1', supervisor: 'sam', from: '2027-01-01', to: '2027-01-02', cover: 'ghost' }]),
        line: NEXT_LINE,
        reason: /cover "ghost" is not a person in this file/,
      },
      {
        name: 'absence cover not a supervisor',
        text: toCsv([...base(), { kind: 'absence', id: 'a1', supervisor: 'sam', from: '2027-01-01', to: '2027-01-02', cover: 'alex' }]),
        line: NEXT_LINE,
        reason: /cover "alex" does not have the supervisor or departmentHead role/,
      },
      {
        name: 'absence covered by the absent supervisor',
        text: toCsv([...base(), { kind: 'absence', id: 'a1', supervisor: 'sam', from: '2027-01-01', to: '2027-01-02', cover: 'sam' }]),
        line: NEXT_LINE,
        reason: /a supervisor cannot cover their own absence/,
      },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const problems = problemsOf(c.text);
        assert.equal(problems.length, 1, JSON.stringify(problems));
        assert.equal(problems[0]!.line, c.line, JSON.stringify(problems));
        assert.match(problems[0]!.reason, c.reason);
      });
    }

    it('a multi-line quoted name does not shift the line numbers of later problems', () => {
      const rows = edit(base(), 'sam', { name: 'Sam\nOkafor\n(acting)' });
      const problems = problemsOf(toCsv(edit(rows, 'alex', { teams_user_id: 'bad' })));
      assert.deepEqual(
        problems.map((p) => p.line),
        [8],
      ); // alex is written on line 6, plus 2 embedded line breaks
    });

    it('reports every bad row, not just the first, in line order', () => {
      const rows: Row[] = [
        ...edit(edit(base(), 'alex', { roles: 'sergeant' }), 'bea', { teams_user_id: 'bea', aad_object_id: 'nope' }),
        person('Bad Id', 10),
        person('zed', 11, { joined_unit: '2026-02-30', supervisor: 'ghost' }),
        { kind: 'team', id: 'x' },
        { kind: 'absence', id: 'a1', supervisor: 'sam', from: '2027-01-05', to: '2027-01-01' },
        person('yan', 12, { unit: 'u9' }),
      ];
      const problems = problemsOf(toCsv(rows));
      assert.deepEqual(
        problems.map((p) => [p.line, p.reason.split(' ').slice(0, 2).join(' ')]),
        [
          [6, 'unknown role(s)'],
          [7, 'teams_user_id "bea"'],
          [7, 'aad_object_id "nope"'],
          [8, 'id "Bad'],
          [9, 'joined_unit "2026-02-30"'],
          // A row's own format problem no longer hides its reference problem (issue 16: same pass).
          [9, 'supervisor "ghost"'],
          [10, 'kind "team"'],
          [11, 'absence ends'],
          [12, 'unit "u9"'],
        ],
      );
    });

    it('reports row problems and cross-reference problems together', () => {
      const rows = edit(edit(base(), 'alex', { teams_user_id: 'nope' }), 'bea', { supervisor: 'ghost' });
      const problems = problemsOf(toCsv(rows) + 'short,row\n');
      assert.deepEqual(
        problems.map((p) => p.line),
        [6, 7, 8],
      );
    });

    it('a bad supervisor row is reported once, not again as "not in this file" on each report', () => {
      const problems = problemsOf(toCsv(edit(base(), 'sam', { teams_user_id: 'sam' })));
      assert.deepEqual(
        problems.map((p) => p.line),
        [4],
        JSON.stringify(problems),
      );
    });

    it('a bad unit row is reported once, not again on every member', () => {
      const problems = problemsOf(toCsv(editUnit(base(), { channel_id: 'nope' })));
      assert.deepEqual(
        problems.map((p) => p.line),
        [2],
        JSON.stringify(problems),
      );
    });
  });

  describe('formatRoster → parseRoster round trip', () => {
    it('gives back the demo roster exactly', () => {
      const first = parseRoster(readFileSync(new URL('../../../data/demo-roster.csv', import.meta.url), 'utf8'));
      assert.ok(first.ok);
      const second = parseRoster(formatRoster(first.roster));
      assert.ok(second.ok, JSON.stringify(!second.ok && second.problems));
      assert.deepEqual(second.roster, first.roster);
    });

    it('gives back any valid roster (property)', () => {
      const isoDay = fc
        .integer({ min: Date.UTC(1990, 0, 1) / 864e5, max: Date.UTC(2040, 11, 31) / 864e5 })
        .map((d) => new Date(d * 864e5).toISOString().slice(0, 10));
      const name = fc
        .oneof(
          fc.string({ unit: 'binary', minLength: 1 }),
          fc.constantFrom(
            'O\'Brien, "Pat"',
            'Line\nBreak',
            'Cr\r\nLf',
            'Zoë',
            '=1+2',
            '-Minus',
            '+Plus',
            '@At',
            "'=Quoted",
            "''-Twice",
            "'Apostrophe",
          ),
        )
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
      const pattern = fc
        .record(
          {
            days: fc.subarray([...WEEKDAYS], { minLength: 1 }),
            startMinute: fc.integer({ min: 0, max: 1439 }),
            endMinute: fc.integer({ min: 0, max: 1439 }),
          },
          { noNullPrototype: true },
        )
        .filter((p) => p.startMinute !== p.endMinute);
      const personSeed = fc.record(
        {
          name,
          roles: fc.subarray([...ROLES] as Role[], { minLength: 1 }),
          unit: fc.nat(),
          supervisor: fc.option(fc.nat(), { nil: undefined }),
          cover: fc.option(fc.nat(), { nil: undefined }),
          joined: fc.option(isoDay, { nil: undefined }),
          pattern,
        },
        { noNullPrototype: true },
      );
      const unitSeed = fc.record(
        { name, channel: fc.boolean(), head: fc.option(fc.nat(), { nil: undefined }), above: fc.option(fc.nat(), { nil: undefined }) },
        { noNullPrototype: true },
      );
      const absenceSeed = fc.record(
        { supervisor: fc.nat(), from: isoDay, to: isoDay, cover: fc.option(fc.nat(), { nil: undefined }) },
        { noNullPrototype: true },
      );
      type Seeds = typeof seeds extends fc.Arbitrary<infer T> ? T : never;
      const seeds = fc.record(
        {
          units: fc.array(unitSeed, { minLength: 1, maxLength: 3 }),
          people: fc.array(personSeed, { minLength: 1, maxLength: 10 }),
          absences: fc.array(absenceSeed, { maxLength: 4 }),
        },
        { noNullPrototype: true },
      );

      const build = (s: Seeds): Roster => {
        const ids = s.people.map((_, i) => `p${i}`);
        const supervising = s.people
          .map((p, i) => ({ i, ok: p.roles.includes('supervisor') || p.roles.includes('departmentHead') }))
          .filter((x) => x.ok)
          .map((x) => x.i);
        // A supervisor comes earlier in the file than the person (chains cannot loop); a cover is anyone supervising.
        const pickSupervising = (n: number | undefined, not: number, earlierOnly = false) => {
          const choices = supervising.filter((i) => i !== not && (!earlierOnly || i < not));
          return n === undefined || choices.length === 0 ? undefined : ids[choices[n % choices.length]!];
        };
        // A unit's head and the person above are department heads, and not the same person.
        const heads = s.people.map((p, i) => (p.roles.includes('departmentHead') ? i : -1)).filter((i) => i >= 0);
        const pickHead = (n: number | undefined, not?: string) => {
          const choices = heads.map((i) => ids[i]!).filter((id) => id !== not);
          return n === undefined || choices.length === 0 ? undefined : choices[n % choices.length];
        };
        const units: Unit[] = s.units.map((u, i) => {
          const departmentHeadId = pickHead(u.head);
          return {
            id: `u${i}`,
            name: u.name,
            supervisorChannelId: u.channel ? `19:unit${i}@thread.tacv2` : undefined,
            departmentHeadId,
            aboveId: pickHead(u.above, departmentHeadId),
          };
        });
        const people: Person[] = s.people.map((p, i) => ({
          id: ids[i]!,
          name: p.name,
          roles: p.roles,
          unitId: units[p.unit % units.length]!.id,
          teamsUserId: `29:user-${i}`,
          aadObjectId: aad(i),
          supervisorId: pickSupervising(p.supervisor, i, true),
          coverId: pickSupervising(p.cover, i),
          joinedUnitOn: p.joined,
          workingPattern: p.pattern,
          viewingStatus: 'viewing',
        }));
        const absences: Absence[] =
          supervising.length === 0
            ? []
            : s.absences.map((a, i) => {
                const sup = supervising[a.supervisor % supervising.length]!;
                const [from, to] = a.from <= a.to ? [a.from, a.to] : [a.to, a.from];
                return { id: `a${i}`, personId: ids[sup]!, from, to, coverId: pickSupervising(a.cover, sup) };
              });
        return { units, people, absences };
      };
      // Compare as JSON so an absent optional field and one set to undefined are the same.
      const plain = (r: Roster) => JSON.parse(JSON.stringify(r)) as unknown;

      fc.assert(
        fc.property(seeds, (s) => {
          const roster = build(s);
          const parsed = parseRoster(formatRoster(roster));
          assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems));
          assert.deepEqual(plain(parsed.roster), plain(roster));
        }),
        { numRuns: 300 },
      );
    });
  });

  // Issue 16: people synced from Entra ID have no Teams user id until their first activity, and the day
  // someone left travels through export and import.
  describe('teams_user_id is optional and left_on is kept', () => {
    it('accepts a person without a Teams user id, and two of them', () => {
      const r = parseRoster(toCsv(edit(edit(base(), 'alex', { teams_user_id: '' }), 'bea', { teams_user_id: '' })));
      assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
      assert.equal(r.roster.people.find((p) => p.id === 'alex')!.teamsUserId, undefined);
    });

    it('reads and writes left_on, and refuses a bad date in the same pass as other problems', () => {
      const r = parseRoster(toCsv(edit(base(), 'alex', { left_on: '2026-03-02' })));
      assert.ok(r.ok);
      const alex = r.roster.people.find((p) => p.id === 'alex')!;
      assert.equal(alex.leftOn, '2026-03-02');
      const again = parseRoster(formatRoster(r.roster));
      assert.ok(again.ok);
      assert.equal(again.roster.people.find((p) => p.id === 'alex')!.leftOn, '2026-03-02');
      const bad = parseRoster(toCsv(edit(edit(base(), 'alex', { left_on: 'yesterday' }), 'bea', { roles: 'sergeant' })));
      assert.ok(!bad.ok);
      assert.deepEqual(
        bad.problems.map((p) => p.line),
        [6, 7],
      );
      assert.match(bad.problems[0]!.reason, /left_on "yesterday" must be a date/);
    });
  });
});
