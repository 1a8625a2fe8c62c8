// Issue 15: the roster's indexes (kernel/responsibility.ts) answer exactly what a scan of the roster
// answers, for every person of the demo roster, and an array that changed length is indexed again.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  activeAbsence,
  absencesOf,
  directReports,
  fallbackIds,
  isCurrentMember,
  peopleInUnit,
  peopleWithRole,
  personById,
  unitById,
} from '../../../src/kernel/responsibility.ts';
import { isOnLeave } from '../../../src/kernel/working-time.ts';
import { parseRoster } from '../../../src/kernel/roster.ts';
import type { Roster } from '../../../src/kernel/types.ts';

function demoRoster(): Roster {
  const parsed = parseRoster(readFileSync(new URL('../../../data/demo-roster.csv', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error('demo roster does not parse');
  return parsed.roster;
}

const DAYS = ['2026-06-03', '2027-01-04', '2027-01-06', '2027-01-15', '2027-01-16'];

describe('kernel/responsibility: roster indexes (issue 15)', () => {
  it('answer as a scan of the roster does, for every person, unit, role and day', () => {
    const roster = demoRoster();
    // One person has left: the "current members" answers must drop them, the others keep them.
    roster.people[3] = { ...roster.people[3]!, leftOn: '2026-05-01' };
    for (const p of roster.people) {
      assert.equal(
        personById(roster.people, p.id),
        roster.people.find((x) => x.id === p.id),
      );
      assert.deepEqual(
        directReports(roster.people, p.id),
        roster.people.filter((x) => x.supervisorId === p.id && isCurrentMember(x)),
      );
      assert.deepEqual(
        absencesOf(roster.absences, p.id),
        roster.absences.filter((a) => a.personId === p.id),
      );
      for (const day of DAYS) {
        const at = new Date(`${day}T10:00:00Z`);
        assert.equal(
          activeAbsence(roster.absences, p.id, at),
          roster.absences.find((a) => a.personId === p.id && a.from <= day && day <= a.to),
        );
        assert.equal(
          isOnLeave(roster.absences, p.id, day),
          roster.absences.some((a) => a.personId === p.id && a.from <= day && day <= a.to),
        );
      }
    }
    for (const u of roster.units) {
      assert.equal(unitById(roster.units, u.id), u);
      assert.deepEqual(
        peopleInUnit(roster.people, u.id),
        roster.people.filter((p) => p.unitId === u.id),
      );
    }
    for (const role of ['hr', 'supervisor', 'departmentHead', 'officer', 'trainer'] as const)
      assert.deepEqual(
        peopleWithRole(roster.people, role),
        roster.people.filter((p) => p.roles.includes(role)),
      );
    assert.deepEqual(
      fallbackIds({ fallbackResponders: [] }, roster),
      roster.people.filter((p) => p.roles.includes('departmentHead') && isCurrentMember(p)).map((p) => p.id),
    );
    assert.equal(personById(roster.people, 'nobody'), undefined);
    assert.equal(unitById(roster.units, undefined), undefined);
  });

  it('an answer handed out is the caller’s to keep: changing it leaves the index as it was', () => {
    const roster = demoRoster();
    const supervisor = roster.people.find((p) => directReports(roster.people, p.id).length > 0)!;
    const before = directReports(roster.people, supervisor.id).length;
    directReports(roster.people, supervisor.id).pop();
    assert.equal(directReports(roster.people, supervisor.id).length, before);
  });

  it('an array that grew since it was indexed is indexed again (an absence added to the same roster)', () => {
    const roster = demoRoster();
    const person = roster.people[0]!;
    const at = new Date('2030-03-03T10:00:00Z');
    assert.equal(activeAbsence(roster.absences, person.id, at), undefined);
    roster.absences.push({ id: 'away-later', personId: person.id, from: '2030-03-01', to: '2030-03-05' });
    assert.equal(activeAbsence(roster.absences, person.id, at)?.id, 'away-later');
    roster.people.push({ ...person, id: 'new-person', supervisorId: person.id });
    assert.equal(personById(roster.people, 'new-person')?.id, 'new-person');
    assert.ok(directReports(roster.people, person.id).some((p) => p.id === 'new-person'));
  });
});
