import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { confidentialContacts, DEFAULT_CONTACTS, parseContacts } from '../../../src/kernel/contacts.ts';
import type { Person, Role, Roster } from '../../../src/kernel/types.ts';
import { DEFAULT_WORKING_PATTERN } from '../../../src/kernel/working-pattern.ts';
import { loadDataFiles } from '../../../src/data-files.ts';
import { loadConfig } from '../../../src/config.ts';
import { ConfigError } from '../../../src/config.ts';

const p = (id: string, roles: Role[], extra: Partial<Person> = {}): Person => ({
  id,
  name: id,
  teamsUserId: `29:${id}`,
  aadObjectId: id,
  roles,
  unitId: 'u1',
  workingPattern: DEFAULT_WORKING_PATTERN,
  viewingStatus: 'viewing',
  ...extra,
});

const roster: Roster = {
  units: [{ id: 'u1', name: 'Team 1', departmentHeadId: 'dana' }],
  people: [
    p('dana', ['departmentHead']),
    p('wes', ['welfareLead']),
    p('wil', ['welfareLead']),
    p('ira', ['trimPractitioner']),
    p('tom', ['trainer']),
    p('ola', ['trimPractitioner'], { unitId: 'u2' }),
    p('alex', ['officer'], { supervisorId: 'sam' }),
  ],
  absences: [{ id: 'a1', personId: 'wil', from: '2026-12-01', to: '2026-12-31' }],
};
const now = new Date('2026-12-07T10:00:00Z');
const alex = { id: 'alex', unitId: 'u1', supervisorId: 'sam' };

describe("kernel/contacts: a unit's confidential contacts", () => {
  it("by default offers everyone on the unit with each role, and the unit's head; absent people and other units are left out", () => {
    const got = confidentialContacts(alex, DEFAULT_CONTACTS, roster, now);
    assert.deepEqual(
      got.map((c) => [c.kind, c.personIds]),
      [
        ['welfareLead', ['wes']],
        ['trimPractitioner', ['ira']],
        ['departmentHead', ['dana']],
        ['trainer', ['tom']],
      ],
      'occupational health has nobody on the unit, so it is not offered',
    );
  });

  it("named people come in the file's order; the subject is never their own contact", () => {
    const parsed = parseContacts({ contacts: [{ kind: 'welfareLead', personIds: ['wil', 'dana', 'wes'] }] }, 'f.json');
    assert.ok(parsed.ok);
    assert.deepEqual(confidentialContacts(alex, parsed.contacts, roster, now)[0]!.personIds, ['dana', 'wes']);
    assert.deepEqual(confidentialContacts({ id: 'wes', unitId: 'u1' }, parsed.contacts, roster, now)[0]!.personIds, ['dana']);
  });

  it('lists every problem in a bad file in one pass', () => {
    const parsed = parseContacts(
      {
        contacts: [
          { kind: 'chaplain' },
          { kind: 'trainer', personIds: [] },
          { kind: 'welfareLead', role: 'officer' },
          { kind: 'trainer', personIds: ['tom'], role: 'trainer' },
        ],
      },
      'f.json',
    );
    assert.ok(!parsed.ok);
    assert.equal(parsed.problems.length, 4, parsed.problems.join('\n'));
    assert.ok(!parseContacts({}, 'f.json').ok);
  });

  it('start-up reads data/contacts/<unit>.json and refuses a bad one, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'contacts-'));
    mkdirSync(join(dir, 'contacts'));
    writeFileSync(join(dir, 'contacts', 'u1.json'), JSON.stringify({ contacts: [{ kind: 'welfareLead', personIds: ['wes'] }] }));
    const config = loadConfig({ HAVEN_CONTACTS_DIR: join(dir, 'contacts') });
    const files = loadDataFiles(config);
    assert.deepEqual(files.contactsFor('u1'), [{ kind: 'welfareLead', personIds: ['wes'], role: undefined }]);
    assert.equal(files.contactsFor('u9'), DEFAULT_CONTACTS);
    writeFileSync(join(dir, 'contacts', 'u2.json'), JSON.stringify({ contacts: [{ kind: 'nobody' }] }));
    assert.throws(
      () => loadDataFiles(config),
      (e: unknown) => e instanceof ConfigError && e.message.includes('u2.json'),
    );
  });
});
