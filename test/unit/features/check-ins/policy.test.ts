// Who may see a check-in's answers and a flag: one table per question, every role of the README's
// "Who can see what" in it, and time-bound entitlements (a cover during and after the cover).
import assert from 'node:assert/strict';
import { DEFAULT_POLICY } from '../../../../src/kernel/escalation.ts';
import { responsibilityChain as resolveChain } from '../../../../src/kernel/responsibility.ts';
import type { Person, Roster, WeeklyPattern } from '../../../../src/kernel/types.ts';
import {
  answersSharedWith,
  mayActOnFlag,
  maySeeAnswers,
  maySeeFlag,
  mayViewWorkloadFigures,
} from '../../../../src/features/check-ins/policy.ts';
import type { Flag } from '../../../../src/features/check-ins/flag.ts';

const pattern = { days: ['mon', 'tue', 'wed', 'thu', 'fri'] as WeeklyPattern['days'], startMinute: 480, endMinute: 960 };
const person = (id: string, roles: Person['roles'], supervisorId?: string): Person => ({
  id,
  name: id,
  teamsUserId: `29:${id}`,
  aadObjectId: `aad-${id}`,
  roles,
  unitId: 'unit-1',
  workingPattern: pattern,
  viewingStatus: 'viewing',
  ...(supervisorId ? { supervisorId } : {}),
});

// Sam supervises Alex and Bea; Priya covers Sam while he is away (10 to 12 June); Dana heads the
// unit, Ian is above her; Tom is the trainer, Hana is HR.
const roster: Roster = {
  units: [{ id: 'unit-1', name: 'Unit 1', departmentHeadId: 'dana', aboveId: 'ian' }],
  people: [
    person('alex', ['officer'], 'sam'),
    person('bea', ['officer'], 'sam'),
    person('sam', ['supervisor'], 'dana'),
    person('priya', ['supervisor'], 'dana'),
    person('dana', ['departmentHead']),
    person('ian', ['departmentHead']),
    person('tom', ['trainer']),
    person('hana', ['hr']),
    person('nick', ['officer']),
  ],
  absences: [{ id: 'sam-away', personId: 'sam', from: '2026-06-10', to: '2026-06-12', coverId: 'priya' }],
};
const NORMAL = new Date('2026-06-03T10:00:00Z');
const COVER = new Date('2026-06-11T10:00:00Z');
const AFTER_COVER = new Date('2026-06-15T10:00:00Z');

describe('check-ins policy', () => {
  describe('maySeeAnswers', () => {
    const cases: Array<[string, string, { personId: string; shared: boolean }, Date, boolean]> = [
      ['the person themselves, not shared', 'alex', { personId: 'alex', shared: false }, NORMAL, true],
      ['the person themselves, while their supervisor is away', 'alex', { personId: 'alex', shared: false }, COVER, true],
      ['their supervisor, shared', 'sam', { personId: 'alex', shared: true }, NORMAL, true],
      ['their supervisor, not shared', 'sam', { personId: 'alex', shared: false }, NORMAL, false],
      ['their supervisor, shared, while away (the cover is on)', 'sam', { personId: 'alex', shared: true }, COVER, false],
      ['the cover during the cover, shared', 'priya', { personId: 'alex', shared: true }, COVER, true],
      ['the cover during the cover, not shared', 'priya', { personId: 'alex', shared: false }, COVER, false],
      ['the cover after the cover ended, shared', 'priya', { personId: 'alex', shared: true }, AFTER_COVER, false],
      ['the cover before the cover began, shared', 'priya', { personId: 'alex', shared: true }, NORMAL, false],
      ['the department head, shared', 'dana', { personId: 'alex', shared: true }, NORMAL, false],
      [
        'the department head, shared, for someone with no supervisor (she is responsible)',
        'dana',
        { personId: 'nick', shared: true },
        NORMAL,
        false,
      ],
      ['the person above, shared', 'ian', { personId: 'alex', shared: true }, NORMAL, false],
      ['the trainer, shared', 'tom', { personId: 'alex', shared: true }, NORMAL, false],
      ['another officer with the same supervisor, shared', 'bea', { personId: 'alex', shared: true }, NORMAL, false],
      ['HR, shared', 'hana', { personId: 'alex', shared: true }, NORMAL, false],
      ['someone not on the roster, shared', 'unrostered:29:x', { personId: 'alex', shared: true }, NORMAL, false],
      [
        "the department head as a supervisor's own line manager, shared by that supervisor",
        'dana',
        { personId: 'sam', shared: true },
        NORMAL,
        true,
      ],
    ];
    for (const [name, viewer, checkIn, now, expected] of cases) {
      it(`${expected ? 'may' : 'may not'}: ${name}`, () => assert.equal(maySeeAnswers(viewer, checkIn, roster, now), expected));
    }
  });

  // Issue 14: a week's workload figures. The person; their supervisor (or the cover) only for a week they shared.
  describe('mayViewWorkloadFigures', () => {
    const cases: Array<[string, string, { personId: string; shared?: boolean }, Date, boolean]> = [
      ['the person themselves, not shared', 'alex', { personId: 'alex', shared: false }, NORMAL, true],
      ['the person themselves, an imported week', 'alex', { personId: 'alex' }, NORMAL, true],
      ['their supervisor, shared', 'sam', { personId: 'alex', shared: true }, NORMAL, true],
      ['their supervisor, not shared', 'sam', { personId: 'alex', shared: false }, NORMAL, false],
      ['their supervisor, an imported week (never shared)', 'sam', { personId: 'alex' }, NORMAL, false],
      ['their supervisor while away, shared', 'sam', { personId: 'alex', shared: true }, COVER, false],
      ['the cover during the cover, shared', 'priya', { personId: 'alex', shared: true }, COVER, true],
      ['the cover after the cover ended, shared', 'priya', { personId: 'alex', shared: true }, AFTER_COVER, false],
      ['the department head, shared', 'dana', { personId: 'alex', shared: true }, NORMAL, false],
      ['the person above, shared', 'ian', { personId: 'alex', shared: true }, NORMAL, false],
      ['the trainer, shared', 'tom', { personId: 'alex', shared: true }, NORMAL, false],
      ['HR, shared', 'hana', { personId: 'alex', shared: true }, NORMAL, false],
      ['another officer, shared', 'bea', { personId: 'alex', shared: true }, NORMAL, false],
      ['someone not on the roster, shared', 'unrostered:29:x', { personId: 'alex', shared: true }, NORMAL, false],
    ];
    for (const [name, viewer, week, now, expected] of cases) {
      it(`${expected ? 'may' : 'may not'}: ${name}`, () => assert.equal(mayViewWorkloadFigures(viewer, week, roster, now), expected));
    }
  });

  describe('answersSharedWith', () => {
    it('the supervisor, the cover while they are away, and nobody above', () => {
      assert.equal(answersSharedWith('alex', roster, NORMAL), 'sam');
      assert.equal(answersSharedWith('alex', roster, COVER), 'priya');
      assert.equal(answersSharedWith('alex', roster, AFTER_COVER), 'sam');
      assert.equal(answersSharedWith('nick', roster, NORMAL), undefined, 'no supervisor: nobody');
      assert.equal(answersSharedWith('nobody', roster, NORMAL), undefined);
    });
  });

  describe('maySeeFlag and mayActOnFlag', () => {
    const chainAt = (now: Date) =>
      resolveChain(
        roster.people.find((p) => p.id === 'alex'),
        roster,
        DEFAULT_POLICY,
        now,
      );
    const flag = (notified: string[]): Pick<Flag, 'personId' | 'notices'> => ({
      personId: 'alex',
      notices: notified.map((personId, level) => ({ personId, at: COVER.toISOString(), level, loop: 0 })),
    });
    const cases: Array<[string, string, string[], Date, boolean]> = [
      ['the supervisor, first in the chain, before any notice', 'sam', [], NORMAL, true],
      ['the supervisor, told', 'sam', ['sam'], NORMAL, true],
      ['the person the flag is about', 'alex', [], NORMAL, false],
      ['the cover during the cover (first in the chain)', 'priya', [], COVER, true],
      ['the cover after the cover ended, though told during it', 'priya', ['priya'], AFTER_COVER, false],
      ['the absent supervisor, told before the absence began', 'sam', ['sam'], COVER, false],
      ['the department head, not yet told', 'dana', [], NORMAL, false],
      ['the department head, told by escalation', 'dana', ['sam', 'dana'], NORMAL, true],
      ['the trainer', 'tom', [], NORMAL, false],
      ['another officer', 'bea', [], NORMAL, false],
      ['HR', 'hana', [], NORMAL, false],
    ];
    for (const [name, viewer, notified, now, expected] of cases) {
      it(`${expected ? 'may' : 'may not'}: ${name}`, () => {
        assert.equal(maySeeFlag(viewer, flag(notified), chainAt(now)), expected);
        assert.equal(mayActOnFlag(viewer, flag(notified), chainAt(now)), expected);
      });
    }
  });
});
