// The audit viewer, pure (src/features/audit-viewer/policy.ts, rules.ts): who may read whose trail,
// finding the person typed, and the trail in words (names, never ids).
import assert from 'node:assert/strict';
import type { AuditEntry, Person, Role, Roster } from '../../../../src/kernel/types.ts';
import { DEFAULT_WORKING_PATTERN } from '../../../../src/kernel/working-pattern.ts';
import { auditablePeople, mayReadAuditOf } from '../../../../src/features/audit-viewer/policy.ts';
import { actionInWords, auditLine, findPerson, namesOf, reasonInWords } from '../../../../src/features/audit-viewer/rules.ts';
import { auditCsv } from '../../../../src/features/audit-viewer/audit-viewer.ts';

const p = (id: string, name: string, roles: Role[], unitId = 'u1', extra: Partial<Person> = {}): Person => ({
  id,
  name,
  teamsUserId: `29:${id}`,
  aadObjectId: id,
  roles,
  unitId,
  workingPattern: DEFAULT_WORKING_PATTERN,
  viewingStatus: 'viewing',
  ...extra,
});

const head = p('dana.hughes', 'Dana Hughes', ['departmentHead']);
const otherHead = p('olga.head', 'Olga Head', ['departmentHead'], 'u2');
const dpo = p('dee.po', 'Dee Po', ['dpo'], 'hq');
const sam = p('sam.okafor', 'Sam Okafor', ['supervisor']);
const alex = p('alex.moreno', 'Alex Moreno', ['officer']);
const alexB = p('alex.brown', 'Alex Brown', ['officer']);
const zed = p('zed.u2', 'Zed Two', ['officer'], 'u2');
const hr = p('hana.ito', 'Hana Ito', ['hr']);
const gone = p('dee.gone', 'Dee Gone', ['dpo'], 'hq', { leftOn: '2026-01-01' });
const roster: Roster = {
  units: [
    { id: 'u1', name: 'Team One', departmentHeadId: 'dana.hughes' },
    { id: 'u2', name: 'Team Two', departmentHeadId: 'olga.head' },
  ],
  people: [head, otherHead, dpo, sam, alex, alexB, zed, hr, gone],
  absences: [],
};

describe('audit viewer: policy', () => {
  const table: [string, Person | undefined, Person, boolean][] = [
    ['the DPO, anyone', dpo, zed, true],
    ['the DPO, a department head', dpo, head, true],
    ['the head, her unit', head, alex, true],
    ['the head, herself (her unit)', head, head, true],
    ['the head, another unit', head, zed, false],
    ['the other head, her unit only', otherHead, zed, true],
    ['the other head, not unit one', otherHead, alex, false],
    ['a supervisor', sam, alex, false],
    ['HR', hr, alex, false],
    ['an officer, themselves', alex, alex, false],
    ['someone who left, even a DPO', gone, alex, false],
    ['nobody (not on the roster)', undefined, alex, false],
  ];
  for (const [what, viewer, subject, expected] of table)
    it(`${what}: ${expected ? 'may' : 'may not'} read`, () => assert.equal(mayReadAuditOf(viewer, subject, roster), expected));

  it('the people a reader may audit are exactly those the policy allows', () => {
    assert.deepEqual(
      auditablePeople(head, roster).map((x) => x.id),
      ['dana.hughes', 'sam.okafor', 'alex.moreno', 'alex.brown', 'hana.ito'],
    );
    assert.deepEqual(auditablePeople(sam, roster), []);
    assert.equal(auditablePeople(dpo, roster).length, roster.people.length);
  });
});

describe('audit viewer: finding the person typed', () => {
  const among = auditablePeople(head, roster);
  it('a whole name or roster id (dots typed as spaces) is one person', () => {
    assert.equal((findPerson('alex moreno', among) as any).person.id, 'alex.moreno');
    assert.equal((findPerson('Alex.Moreno', among) as any).person.id, 'alex.moreno');
    assert.equal((findPerson('okafor', among) as any).person.id, 'sam.okafor');
  });
  it('ambiguous: every match, and only among those the reader may audit', () => {
    const found = findPerson('alex', among);
    assert.equal(found.kind, 'many');
    assert.deepEqual(
      (found as any).people.map((x: Person) => x.id),
      ['alex.moreno', 'alex.brown'],
    );
    assert.equal(findPerson('zed', among).kind, 'none', 'someone of another unit is not found, not even named');
    assert.equal(findPerson('', among).kind, 'none');
  });
});

describe('audit viewer: the trail in words', () => {
  const names = namesOf(roster);
  const e = (extra: Partial<AuditEntry>): AuditEntry => ({
    at: '2026-11-23T09:00:00.000Z',
    actor: 'sam.okafor',
    action: 'checkIn.shareShown',
    subject: 'person:alex.moreno',
    reason: 'shared',
    outcome: 'ok',
    ...extra,
  });
  it('actions, actors and outcomes in words; no id ever', () => {
    assert.equal(actionInWords('checkIn.shareShown'), 'Check in: share shown');
    const line = auditLine(e({ outcome: 'denied' }), names, (iso) => iso.slice(0, 10));
    assert.deepEqual(line, { when: '2026-11-23', who: 'Sam Okafor', what: 'Check in: share shown (refused)', why: 'shared' });
    assert.equal(auditLine(e({ actor: 'system' }), names, String).who, 'Haven (automatic)');
    assert.equal(auditLine(e({ actor: 'unrostered:29:x' }), names, String).who, 'Someone not on the roster');
    assert.equal(auditLine(e({ actor: 'erased:0123456789abcdef' }), names, String).who, 'A person whose data was erased');
  });
  it('ids in a reason become names or "a record"', () => {
    assert.equal(reasonInWords('cover sam.okafor in u1', names), 'cover Sam Okafor in Team One');
    assert.equal(reasonInWords('for declaration:decl-0123 and 1150d938-8870-4044-9f2c-5bbdeba70c8c', names), 'for a record and a record');
    assert.equal(
      reasonInWords('annual process review: 2025-11-01 to 2026-10-31, 3 journeys', names),
      'annual process review: 2025-11-01 to 2026-10-31, 3 journeys',
    );
    assert.ok(reasonInWords('x '.repeat(300), names).length <= 200);
  });
  it('the CSV neutralises formula cells (= + - @) and quotes as RFC 4180', () => {
    const csv = auditCsv(
      [
        e({ reason: '=HYPERLINK(evil)' }),
        e({ reason: '+SUM' }),
        e({ reason: '-1' }),
        e({ reason: '@cmd' }),
        e({ reason: 'a, "quoted" reason' }),
      ],
      names,
    );
    const lines = csv.split('\r\n');
    assert.equal(lines[0], 'When (UK time),Who,What,Why');
    assert.match(lines[1]!, /,'=HYPERLINK\(evil\)$/);
    assert.match(lines[2]!, /,'\+SUM$/);
    assert.match(lines[3]!, /,'-1$/);
    assert.match(lines[4]!, /,'@cmd$/);
    assert.match(lines[5]!, /,"a, ""quoted"" reason"$/);
    assert.ok(!csv.includes('sam.okafor'));
  });
});
