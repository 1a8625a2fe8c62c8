// A flag about someone with nobody on their chain still reaches someone: the fallbacks, decided as
// for declarations and care (configured ones, else every department head), never the raw setting.
import assert from 'node:assert/strict';
import { responderChain } from '../../../../src/features/check-ins/tick-flags.ts';
import { DEFAULT_POLICY } from '../../../../src/kernel/escalation.ts';
import { DEFAULT_CONTACTS } from '../../../../src/kernel/contacts.ts';
import type { Person, Role, Roster } from '../../../../src/kernel/types.ts';
import { DEFAULT_WORKING_PATTERN } from '../../../../src/kernel/working-pattern.ts';

const p = (id: string, roles: Role[], unitId: string, extra: Partial<Person> = {}): Person => ({
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

/** u1 has a head (dana); u2 has nobody in charge and solo, an officer with no supervisor. */
const ROSTER: Roster = {
  units: [
    { id: 'u1', name: 'Team 1', departmentHeadId: 'dana' },
    { id: 'u2', name: 'Team 2' },
  ],
  people: [
    p('dana', ['departmentHead'], 'u1'),
    p('hana', ['departmentHead'], 'u1'),
    p('sam', ['supervisor'], 'u1'),
    p('solo', ['officer'], 'u2'),
  ],
  absences: [],
};
const NOW = new Date('2027-01-10T12:00:00Z');
const deps = (fallbackResponders: string[]) => ({
  policyFor: () => DEFAULT_POLICY,
  fallbackResponders,
  contactsFor: () => DEFAULT_CONTACTS,
});

describe('check-ins: the flag chain', () => {
  it('with no fallback responders configured, a flag about someone with nobody on their chain reaches every department head', () => {
    const chain = responderChain(deps([]), { personId: 'solo', unitId: 'u2' }, ROSTER, NOW);
    assert.deepEqual(
      chain.map((e) => [e.personId, e.role]),
      [
        ['dana', 'fallback'],
        ['hana', 'fallback'],
      ],
    );
  });

  it('configured fallback responders are used instead', () => {
    assert.deepEqual(
      responderChain(deps(['sam']), { personId: 'solo', unitId: 'u2' }, ROSTER, NOW).map((e) => e.personId),
      ['sam'],
    );
  });

  it('someone with a chain of their own never reaches the fallbacks', () => {
    const roster: Roster = {
      ...ROSTER,
      people: ROSTER.people.map((x) => (x.id === 'solo' ? { ...x, unitId: 'u1', supervisorId: 'sam' } : x)),
    };
    assert.deepEqual(
      responderChain(deps([]), { personId: 'solo', unitId: 'u1' }, roster, NOW).map((e) => e.personId),
      ['sam', 'dana'],
    );
  });

  it('a flag whose person asked for a conversation with the welfare lead goes to them first, passing over the supervisor (issue 14)', () => {
    const roster: Roster = {
      ...ROSTER,
      people: [
        ...ROSTER.people.map((x) => (x.id === 'solo' ? { ...x, unitId: 'u1', supervisorId: 'sam' } : x)),
        p('wes', ['welfareLead'], 'u1'),
      ],
    };
    assert.deepEqual(
      responderChain(deps([]), { personId: 'solo', unitId: 'u1', route: 'welfareLead' }, roster, NOW).map((e) => [e.personId, e.role]),
      [
        ['wes', 'contact'],
        ['dana', 'departmentHead'],
      ],
    );
  });
});
