// Who may record care, act on an overdue reminder, and see or confirm a stage, now.
import assert from 'node:assert/strict';
import { DEFAULT_POLICY } from '../../../../src/kernel/escalation.ts';
import { responsibilityChain, whoActsNow } from '../../../../src/kernel/responsibility.ts';
import {
  mayActOnCareReminder,
  mayConfirmStage,
  mayRecordCare,
  maySeeStage,
  stageConfirmers,
} from '../../../../src/features/care/policy.ts';
import type { Absence, Person, Role, Roster } from '../../../../src/kernel/types.ts';
import { DEFAULT_WORKING_PATTERN } from '../../../../src/kernel/working-pattern.ts';

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
/** u1: head dana; sam supervises alex; kim and priya are supervisors; tom is a trainer. */
const roster = (absences: Absence[] = []): Roster => ({
  units: [{ id: 'u1', name: 'Team 1', departmentHeadId: 'dana' }],
  people: [
    p('dana', ['departmentHead']),
    p('sam', ['supervisor'], { supervisorId: 'dana' }),
    p('kim', ['supervisor'], { supervisorId: 'dana' }),
    p('priya', ['supervisor'], { supervisorId: 'dana' }),
    p('tom', ['trainer'], { supervisorId: 'dana' }),
    p('alex', ['officer'], { supervisorId: 'sam' }),
  ],
  absences,
});
const NOW = new Date('2027-01-10T12:00:00Z');
const samAway = (coverId?: string, to = '2027-01-15'): Absence => ({ id: 'sam-away', personId: 'sam', from: '2027-01-04', to, coverId });
const tomAway: Absence = { id: 'tom-away', personId: 'tom', from: '2027-01-04', to: '2027-01-15' };
const alex = (r: Roster) => r.people.find((x) => x.id === 'alex')!;

describe('care/policy', () => {
  describe('mayRecordCare', () => {
    const cases: Array<{ name: string; roster: Roster; who: string; may: boolean }> = [
      { name: 'the supervisor, present', roster: roster(), who: 'sam', may: true },
      { name: 'the supervisor, away', roster: roster([samAway('kim')]), who: 'sam', may: false },
      { name: 'the cover, while covering', roster: roster([samAway('kim')]), who: 'kim', may: true },
      { name: 'the cover, after the cover ended', roster: roster([samAway('kim', '2027-01-09')]), who: 'kim', may: false },
      { name: 'the department head, always', roster: roster(), who: 'dana', may: true },
      { name: 'another supervisor', roster: roster(), who: 'priya', may: false },
      { name: 'the person themselves', roster: roster(), who: 'alex', may: false },
    ];
    for (const c of cases) {
      it(`${c.name}: ${c.may ? 'may' : 'may not'}`, () => {
        const actsNow = whoActsNow(alex(c.roster), c.roster, DEFAULT_POLICY, NOW);
        assert.equal(mayRecordCare(alex(c.roster), c.roster, c.who, NOW, actsNow), c.may);
      });
    }
  });

  // Issue 14 part 2: the reader the officer chose for their suitability questionnaire records that item only.
  describe('mayRecordCare: the chosen suitability reader', () => {
    const withWes = (absences: Absence[] = []): Roster => {
      const r = roster(absences);
      return { ...r, people: [...r.people, p('wes', ['welfareLead'])] };
    };
    const may = (r: Roster, item: string, readerId: string | undefined, who = 'wes') =>
      mayRecordCare(alex(r), r, who, NOW, whoActsNow(alex(r), r, DEFAULT_POLICY, NOW), { item, suitabilityReaderId: readerId });
    it('the chosen reader may record the suitability item', () => assert.equal(may(withWes(), 'suitability', 'wes'), true));
    it('not any other care item', () => assert.equal(may(withWes(), 'supervision', 'wes'), false));
    it('not someone else the officer did not choose', () => assert.equal(may(withWes(), 'suitability', 'tom', 'wes'), false));
    it('not without a chosen reader', () => assert.equal(may(withWes(), 'suitability', undefined), false));
    it('not while away', () =>
      assert.equal(may(withWes([{ id: 'wes-away', personId: 'wes', from: '2027-01-04', to: '2027-01-15' }]), 'suitability', 'wes'), false));
    it('never the person themselves', () => assert.equal(may(withWes(), 'suitability', 'alex', 'alex'), false));
  });

  describe('mayActOnCareReminder', () => {
    const toldKim = { openedAt: NOW.toISOString(), notices: [{ personId: 'kim', at: NOW.toISOString(), level: 0, loop: 0 }] };
    it('someone the overdue reminder reached, while still on its chain', () => {
      const r = roster([samAway('kim')]);
      assert.equal(mayActOnCareReminder(toldKim, responsibilityChain(alex(r), r, DEFAULT_POLICY, NOW), 'kim'), true);
    });
    it('someone the overdue reminder reached as cover, after the cover ended: no longer', () => {
      const r = roster([samAway('kim', '2027-01-09')]);
      assert.equal(mayActOnCareReminder(toldKim, responsibilityChain(alex(r), r, DEFAULT_POLICY, NOW), 'kim'), false);
    });
  });

  describe('staged exposure', () => {
    const cases: Array<{ name: string; roster: Roster; confirmers: string[] }> = [
      { name: 'the supervisor and the trainers', roster: roster(), confirmers: ['sam', 'tom'] },
      { name: 'the cover while covering, not the absent supervisor', roster: roster([samAway('kim')]), confirmers: ['kim', 'tom'] },
      { name: 'no cover: the department head', roster: roster([samAway()]), confirmers: ['dana', 'tom'] },
      { name: 'a trainer away is not a confirmer', roster: roster([tomAway]), confirmers: ['sam'] },
    ];
    for (const c of cases) {
      it(`confirmers: ${c.name}`, () => {
        const person = alex(c.roster);
        const confirmers = stageConfirmers(person, c.roster, NOW, whoActsNow(person, c.roster, DEFAULT_POLICY, NOW));
        assert.deepEqual(confirmers, c.confirmers);
        for (const id of ['sam', 'kim', 'dana', 'tom', 'priya']) {
          assert.equal(mayConfirmStage(person, confirmers, id), c.confirmers.includes(id), id);
          assert.equal(maySeeStage(person, confirmers, id), c.confirmers.includes(id), id);
        }
        assert.equal(maySeeStage(person, confirmers, 'alex'), true, 'the officer sees their own stage');
        assert.equal(mayConfirmStage(person, confirmers, 'alex'), false, 'and never confirms it');
      });
    }
  });
});
