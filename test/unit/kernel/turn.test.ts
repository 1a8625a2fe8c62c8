import assert from 'node:assert/strict';
import { beginTurn } from '../../../src/kernel/turn.ts';
import { isUnrostered } from '../../../src/kernel/identify-person.ts';
import type { AuditEntry, Person } from '../../../src/kernel/types.ts';

const sam = { id: 'sam.okafor', name: 'Sam Okafor', teamsUserId: '29:sam', aadObjectId: 'aad-sam' } as Person;

function depsWith(people: Person[]) {
  const audit: AuditEntry[] = [];
  let rosterReads = 0;
  const versioned = <T>(value: T) => ({ value, version: '1' });
  const deps = {
    people: {
      findByAadObjectId: async (id: string) => {
        const p = people.find((x) => x.aadObjectId === id);
        return p && versioned(p);
      },
      findByTeamsUserId: async (id: string) => {
        const p = people.find((x) => x.teamsUserId === id);
        return p && versioned(p);
      },
      list: async () => {
        rosterReads++;
        return people.map(versioned);
      },
    },
    units: { list: async () => [] },
    absences: { list: async () => [] },
    audit: {
      append: async (e: AuditEntry) => {
        audit.push(e);
      },
    },
    clock: { now: () => new Date('2026-06-03T23:30:00Z') },
  };
  return { deps: deps as never as Parameters<typeof beginTurn>[0], audit, rosterReads: () => rosterReads };
}

describe('kernel/turn', () => {
  it('a rostered person: their id, their entry, the roster read once, UK today, audit stamped with the turn', async () => {
    const { deps, audit, rosterReads } = depsWith([sam]);
    const turn = await beginTurn(deps, { aadObjectId: 'aad-sam', teamsUserId: '29:other' });
    assert.equal(turn.viewerId, 'sam.okafor');
    assert.equal(turn.person?.name, 'Sam Okafor');
    assert.equal(turn.roster.people.length, 1);
    assert.equal(rosterReads(), 1);
    assert.equal(turn.today, '2026-06-04', 'BST: 23:30 UTC is the next day in the UK');
    await turn.audit('team.read', 'unit:unit-2', 'team card');
    await turn.audit('unit.overview', 'unit:unit-2', 'not the department head', 'denied');
    assert.deepEqual(audit, [
      {
        at: '2026-06-03T23:30:00.000Z',
        actor: 'sam.okafor',
        action: 'team.read',
        subject: 'unit:unit-2',
        reason: 'team card',
        outcome: 'ok',
      },
      {
        at: '2026-06-03T23:30:00.000Z',
        actor: 'sam.okafor',
        action: 'unit.overview',
        subject: 'unit:unit-2',
        reason: 'not the department head',
        outcome: 'denied',
      },
    ]);
  });

  it('someone not on the roster: the one unrostered id, no person', async () => {
    const { deps } = depsWith([sam]);
    const turn = await beginTurn(deps, { teamsUserId: '29:stranger' });
    assert.equal(turn.person, undefined);
    assert.equal(turn.viewerId, 'unrostered:29:stranger');
    assert.ok(isUnrostered(turn.viewerId));
    assert.ok(!isUnrostered('sam.okafor'));
  });
});
