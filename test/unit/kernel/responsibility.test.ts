import assert from 'node:assert/strict';
import { DEFAULT_POLICY, type EscalationPolicy } from '../../../src/kernel/escalation.ts';
import {
  activeAbsence,
  directReports,
  fallbackIds,
  isCurrentMember,
  isoDay,
  responsibilityChain,
  whoActsNow,
  type Responsible,
} from '../../../src/kernel/responsibility.ts';
import type { Absence, Person, Roster, Role } from '../../../src/kernel/types.ts';
import { DEFAULT_WORKING_PATTERN } from '../../../src/kernel/working-pattern.ts';

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

/** u1: head dana, above chief. sam (standing cover priya) supervises alex; priya supervises bea; dana supervises tom. u2 has nobody in charge. */
const roster = (absences: Absence[] = [], change: (people: Person[]) => Person[] = (x) => x): Roster => ({
  units: [
    { id: 'u1', name: 'Team 1', departmentHeadId: 'dana', aboveId: 'chief' },
    { id: 'u2', name: 'Team 2' },
    { id: 'u3', name: 'Team 3', departmentHeadId: 'hana' },
  ],
  people: change([
    p('chief', ['departmentHead'], { unitId: 'hq' }),
    p('dana', ['departmentHead']),
    p('sam', ['supervisor'], { supervisorId: 'dana', coverId: 'priya' }),
    p('priya', ['supervisor'], { supervisorId: 'dana' }),
    p('kim', ['supervisor'], { supervisorId: 'dana' }),
    p('alex', ['officer'], { supervisorId: 'sam' }),
    p('bea', ['officer'], { supervisorId: 'priya' }),
    p('tom', ['trainer'], { supervisorId: 'dana' }),
    p('gus', ['candidate']),
    p('solo', ['officer'], { unitId: 'u2' }),
    p('hana', ['departmentHead'], { unitId: 'u3' }),
    p('ivo', ['officer'], { unitId: 'u3', supervisorId: 'hana' }),
  ]),
  absences,
});

const away = (supervisorId: string, coverId?: string, from = '2027-01-04', to = '2027-01-15'): Absence => ({
  id: `${supervisorId}-away`,
  personId: supervisorId,
  from,
  to,
  coverId,
});
const DURING = new Date('2027-01-10T12:00:00Z');

describe('kernel/responsibility', () => {
  describe('responsibilityChain: the one rule for who acts, level by level', () => {
    const chain = (who: string, r: Roster, fallbacks: string[] = [], policy: Pick<EscalationPolicy, 'levels'> = DEFAULT_POLICY) =>
      responsibilityChain(
        r.people.find((x) => x.id === who),
        r,
        policy,
        DURING,
        fallbacks,
      ).map((e) => `${e.personId}:${e.role}`);
    const defaultFallbacks = (r: Roster) => fallbackIds({ fallbackResponders: [] }, r);
    const cases: Array<{ name: string; who: string; roster: Roster; fallbacks?: (r: Roster) => string[]; expected: string[] }> = [
      {
        name: 'supervisor present: supervisor, standing cover, department head, above',
        who: 'alex',
        roster: roster(),
        expected: ['sam:supervisor', 'priya:cover', 'dana:departmentHead', 'chief:above'],
      },
      {
        name: 'supervisor absent, the absence names a cover: that cover first',
        who: 'alex',
        roster: roster([away('sam', 'kim')]),
        expected: ['kim:cover', 'dana:departmentHead', 'chief:above'],
      },
      {
        name: 'supervisor absent, no cover on the absence: their standing cover first',
        who: 'alex',
        roster: roster([away('sam')]),
        expected: ['priya:cover', 'dana:departmentHead', 'chief:above'],
      },
      {
        name: 'supervisor absent and the cover absent too: the department head',
        who: 'alex',
        roster: roster([away('sam', 'kim'), away('kim')]),
        expected: ['dana:departmentHead', 'chief:above'],
      },
      {
        name: 'supervisor absent, no cover at all: the department head',
        who: 'bea',
        roster: roster([away('priya')]),
        expected: ['dana:departmentHead', 'chief:above'],
      },
      { name: 'no supervisor: the department head', who: 'gus', roster: roster(), expected: ['dana:departmentHead', 'chief:above'] },
      { name: 'department head absent: the person above', who: 'gus', roster: roster([away('dana')]), expected: ['chief:above'] },
      { name: 'the subject is the head: the person above, never themselves', who: 'dana', roster: roster(), expected: ['chief:above'] },
      {
        name: 'nobody on any level: the configured fallbacks',
        who: 'solo',
        roster: roster(),
        fallbacks: () => ['hana', 'chief'],
        expected: ['hana:fallback', 'chief:fallback'],
      },
      {
        name: 'nobody on any level, none configured: every department head',
        who: 'solo',
        roster: roster(),
        fallbacks: defaultFallbacks,
        expected: ['chief:fallback', 'dana:fallback', 'hana:fallback'],
      },
      {
        name: 'nobody on any level, none configured, a head away: the others',
        who: 'solo',
        roster: roster([away('dana')]),
        fallbacks: defaultFallbacks,
        expected: ['chief:fallback', 'hana:fallback'],
      },
      {
        name: 'nobody on any level and every fallback away: alerted anyway',
        who: 'solo',
        roster: roster([away('hana')]),
        fallbacks: () => ['hana'],
        expected: ['hana:fallback'],
      },
      {
        name: 'the head with nobody above: the other department heads, never themselves',
        who: 'hana',
        roster: roster(),
        fallbacks: defaultFallbacks,
        expected: ['chief:fallback', 'dana:fallback'],
      },
      {
        name: 'someone with people on the chain never reaches the fallbacks',
        who: 'alex',
        roster: roster(),
        fallbacks: defaultFallbacks,
        expected: ['sam:supervisor', 'priya:cover', 'dana:departmentHead', 'chief:above'],
      },
      {
        name: 'no subject at all (off the roster): the fallbacks',
        who: 'nobody-at-all',
        roster: roster(),
        fallbacks: () => ['dana'],
        expected: ['dana:fallback'],
      },
    ];
    for (const c of cases) {
      it(c.name, () => assert.deepEqual(chain(c.who, c.roster, c.fallbacks?.(c.roster) ?? []), c.expected));
    }

    it('configured fallbacks replace the default (every department head), they do not add to it', () => {
      const r = roster();
      assert.deepEqual(fallbackIds({ fallbackResponders: ['kim'] }, r), ['kim']);
      assert.deepEqual(fallbackIds({ fallbackResponders: [] }, r), ['chief', 'dana', 'hana']);
    });

    it('whoActsNow is the first of the chain, for every person and every pair of absences', () => {
      const all = ['chief', 'dana', 'sam', 'priya', 'kim', 'hana'];
      for (const a of all) {
        for (const b of [undefined, ...all]) {
          const r = roster(b === undefined || b === a ? [away(a)] : [away(a), away(b)]);
          for (const who of r.people) {
            for (const fallbacks of [[], defaultFallbacks(r)]) {
              const first = responsibilityChain(who, r, DEFAULT_POLICY, DURING, fallbacks)[0];
              const now = whoActsNow(who, r, DEFAULT_POLICY, DURING, fallbacks);
              assert.equal(now.kind === 'nobody' ? undefined : now.personId, first?.personId, `${who.id} with ${a}/${b} away`);
            }
          }
        }
      }
    });
  });

  describe('whoActsNow', () => {
    const cases: Array<{ name: string; who: string; roster: Roster; now?: Date; expected: Responsible | { kind: 'nobody' } }> = [
      { name: 'supervisor present', who: 'alex', roster: roster(), expected: { kind: 'supervisor', personId: 'sam' } },
      {
        name: "supervisor present: another supervisor's absence changes nothing",
        who: 'alex',
        roster: roster([away('priya')]),
        expected: { kind: 'supervisor', personId: 'sam' },
      },
      {
        name: 'supervisor present: absence outside today changes nothing',
        who: 'alex',
        roster: roster([away('sam', 'kim', '2027-02-01', '2027-02-05')]),
        expected: { kind: 'supervisor', personId: 'sam' },
      },
      {
        name: 'supervisor absent, the absence names a cover',
        who: 'alex',
        roster: roster([away('sam', 'kim')]),
        expected: { kind: 'cover', personId: 'kim', absentSupervisorId: 'sam' },
      },
      {
        name: 'supervisor absent, the absence names no cover: standing cover',
        who: 'alex',
        roster: roster([away('sam')]),
        expected: { kind: 'cover', personId: 'priya', absentSupervisorId: 'sam' },
      },
      {
        name: 'supervisor absent, no cover anywhere: department head',
        who: 'bea',
        roster: roster([away('priya')]),
        expected: { kind: 'departmentHead', personId: 'dana', reason: 'supervisorAbsentNoCover' },
      },
      {
        name: 'supervisor absent, the cover is absent too: department head',
        who: 'alex',
        roster: roster([away('sam', 'kim'), away('kim')]),
        expected: { kind: 'departmentHead', personId: 'dana', reason: 'coverAbsent' },
      },
      {
        name: 'supervisor absent, standing cover absent too: department head',
        who: 'alex',
        roster: roster([away('sam'), away('priya', undefined, '2027-01-10', '2027-01-10')]),
        expected: { kind: 'departmentHead', personId: 'dana', reason: 'coverAbsent' },
      },
      {
        name: 'the cover would be the person themselves: department head',
        who: 'priya',
        roster: roster([away('sam')], (people) => people.map((x) => (x.id === 'priya' ? { ...x, supervisorId: 'sam' } : x))),
        expected: { kind: 'departmentHead', personId: 'dana', reason: 'supervisorAbsentNoCover' },
      },
      {
        name: 'no supervisor: department head',
        who: 'gus',
        roster: roster(),
        expected: { kind: 'departmentHead', personId: 'dana', reason: 'noSupervisor' },
      },
      {
        name: 'the department head themselves, no supervisor: the person above',
        who: 'dana',
        roster: roster(),
        expected: { kind: 'departmentHead', personId: 'chief', reason: 'noSupervisor' },
      },
      { name: 'the department head themselves, nobody above: nobody', who: 'hana', roster: roster(), expected: { kind: 'nobody' } },
      { name: 'no supervisor and no department head: nobody', who: 'solo', roster: roster(), expected: { kind: 'nobody' } },
      { name: 'unit not in the roster: nobody', who: 'chief', roster: roster(), expected: { kind: 'nobody' } },
      {
        name: 'reports to the department head, who is present',
        who: 'tom',
        roster: roster(),
        expected: { kind: 'supervisor', personId: 'dana' },
      },
      {
        name: 'reports to the department head, who is away with a cover',
        who: 'tom',
        roster: roster([away('dana', 'chief')]),
        expected: { kind: 'cover', personId: 'chief', absentSupervisorId: 'dana' },
      },
      // "When there is no cover, the next level is on, never the absent person."
      {
        name: 'reports to the department head, who is away without cover: the person above, never the absent head',
        who: 'tom',
        roster: roster([away('dana')]),
        expected: { kind: 'departmentHead', personId: 'chief', reason: 'supervisorAbsentNoCover' },
      },
      {
        name: 'reports to the department head, away without cover, nobody above: nobody',
        who: 'ivo',
        roster: roster([away('hana')]),
        expected: { kind: 'nobody' },
      },
      {
        name: 'supervisor and department head both away without cover: the person above',
        who: 'bea',
        roster: roster([away('priya'), away('dana')]),
        expected: { kind: 'departmentHead', personId: 'chief', reason: 'supervisorAbsentNoCover' },
      },
      {
        name: 'no supervisor and the department head away: the person above',
        who: 'gus',
        roster: roster([away('dana')]),
        expected: { kind: 'departmentHead', personId: 'chief', reason: 'noSupervisor' },
      },
      // Absence dates are inclusive, whole UTC days.
      {
        name: 'first day of the absence, first instant',
        who: 'alex',
        roster: roster([away('sam', 'kim')]),
        now: new Date('2027-01-04T00:00:00.000Z'),
        expected: { kind: 'cover', personId: 'kim', absentSupervisorId: 'sam' },
      },
      {
        name: 'last day of the absence, last instant',
        who: 'alex',
        roster: roster([away('sam', 'kim')]),
        now: new Date('2027-01-15T23:59:59.999Z'),
        expected: { kind: 'cover', personId: 'kim', absentSupervisorId: 'sam' },
      },
      {
        name: 'the instant before the absence starts',
        who: 'alex',
        roster: roster([away('sam', 'kim')]),
        now: new Date('2027-01-03T23:59:59.999Z'),
        expected: { kind: 'supervisor', personId: 'sam' },
      },
      {
        name: 'the instant after the absence ends',
        who: 'alex',
        roster: roster([away('sam', 'kim')]),
        now: new Date('2027-01-16T00:00:00.000Z'),
        expected: { kind: 'supervisor', personId: 'sam' },
      },
      {
        name: 'a one-day absence covers that whole day',
        who: 'alex',
        roster: roster([away('sam', 'kim', '2027-01-10', '2027-01-10')]),
        expected: { kind: 'cover', personId: 'kim', absentSupervisorId: 'sam' },
      },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const r = c.roster;
        const who = r.people.find((x) => x.id === c.who)!;
        const got = whoActsNow(who, r, DEFAULT_POLICY, c.now ?? DURING);
        if (c.expected.kind === 'nobody') {
          assert.equal(got.kind, 'nobody');
          assert.ok(got.kind === 'nobody' && got.reason.length > 0);
        } else assert.deepEqual(got, c.expected);
      });
    }

    it('is never the person themselves nor anyone absent today', () => {
      const all = ['chief', 'dana', 'sam', 'priya', 'kim', 'hana'];
      for (const a of all) {
        for (const b of [undefined, ...all]) {
          const r = roster(b === undefined || b === a ? [away(a)] : [away(a), away(b)]);
          for (const who of r.people) {
            const got = whoActsNow(who, r, DEFAULT_POLICY, DURING);
            if (got.kind === 'nobody') continue;
            assert.notEqual(got.personId, who.id, `${who.id} with ${a}/${b} away`);
            assert.equal(
              activeAbsence(r.absences, got.personId, DURING),
              undefined,
              `${who.id} routed to absent ${got.personId} with ${a}/${b} away`,
            );
          }
        }
      }
    });
  });

  describe('helpers', () => {
    it('isoDay is the UTC date', () => {
      assert.equal(isoDay(new Date('2027-01-04T23:30:00-02:00')), '2027-01-05');
      assert.equal(isoDay(new Date('2027-01-04T00:30:00+01:00')), '2027-01-03');
    });

    it("activeAbsence finds only the supervisor's absence covering today", () => {
      const list = [away('sam', 'kim', '2027-01-01', '2027-01-05'), away('priya', undefined, '2027-01-10', '2027-01-12')];
      assert.equal(activeAbsence(list, 'sam', new Date('2027-01-05T10:00:00Z'))?.coverId, 'kim');
      assert.equal(activeAbsence(list, 'sam', new Date('2027-01-06T10:00:00Z')), undefined);
      assert.equal(activeAbsence(list, 'kim', new Date('2027-01-03T10:00:00Z')), undefined);
    });

    it('directReports lists the people a supervisor supervises', () => {
      assert.deepEqual(
        directReports(roster().people, 'dana').map((x) => x.id),
        ['sam', 'priya', 'kim', 'tom'],
      );
      assert.deepEqual(directReports(roster().people, 'alex'), []);
    });
  });

  // Issue 16: someone the roster sync marked as left is never chosen from now on, nor listed as a report.
  describe('people who left', () => {
    const left = (id: string) => (people: Person[]) => people.map((x) => (x.id === id ? { ...x, leftOn: '2027-01-01' } : x));
    it('are not current members', () => {
      assert.equal(isCurrentMember(p('a', ['officer'])), true);
      assert.equal(isCurrentMember(p('a', ['officer'], { leftOn: '2027-01-01' })), false);
    });
    it('a supervisor who left is skipped: the next level is on', () => {
      const chain = responsibilityChain(p('alex', ['officer'], { supervisorId: 'sam' }), roster([], left('sam')), DEFAULT_POLICY, DURING);
      assert.ok(!chain.some((e) => e.personId === 'sam'));
      assert.equal(chain[0]?.personId, 'priya', "sam's standing cover");
    });
    it("a head who left is no fallback, and a leaver is nobody's direct report", () => {
      assert.ok(!fallbackIds({ fallbackResponders: [] }, roster([], left('dana'))).includes('dana'));
      assert.ok(!directReports(roster([], left('alex')).people, 'sam').some((x) => x.id === 'alex'));
    });
  });
});
