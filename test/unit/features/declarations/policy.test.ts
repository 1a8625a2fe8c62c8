// Who may see and act on a request, now: the rule table (README "Who can see what";
// ARCHITECTURE.md "Entitlements are time-bound").
import assert from 'node:assert/strict';
import type { ChainEntry } from '../../../../src/kernel/escalation.ts';
import {
  entitledViewers,
  mayActOnRequest,
  mayRecordRedeployment,
  maySeeNote,
  maySeeRequest,
  mayWithdrawRequest,
  type RequestRoles,
} from '../../../../src/features/declarations/policy.ts';
import type { Declaration, NoteShare, TimelineEntry } from '../../../../src/features/declarations/rules.ts';

const at = (m: number) => new Date(Date.parse('2026-06-03T09:00:00.000Z') + m * 60_000).toISOString();
const e = (m: number, event: TimelineEntry['event'], personId?: string, detail?: string): TimelineEntry => ({
  at: at(m),
  event,
  ...(personId ? { personId } : {}),
  ...(detail ? { detail } : {}),
});

/** alex raised it; sam supervises alex; kim covered for sam; dana heads the unit; chief is above. */
const request = (
  timeline: TimelineEntry[],
  noteShare: NoteShare = 'supervisor',
): Pick<Declaration, 'personId' | 'notified' | 'timeline' | 'noteShare'> => ({
  personId: 'alex',
  noteShare,
  notified: [
    ...new Set(timeline.filter((x) => ['alerted', 'escalated', 'reAlerted', 'reassigned'].includes(x.event)).map((x) => x.personId!)),
  ],
  timeline: [e(0, 'raised'), ...timeline],
});
const entry = (personId: string, role: ChainEntry['role']): ChainEntry => ({ personId, role, delayMinutes: 15 });
const SAM_BACK: RequestRoles = {
  chain: [entry('sam', 'supervisor'), entry('dana', 'departmentHead'), entry('chief', 'above')],
  departmentHeadId: 'dana',
};
const KIM_COVERING: RequestRoles = {
  chain: [entry('kim', 'cover'), entry('dana', 'departmentHead'), entry('chief', 'above')],
  departmentHeadId: 'dana',
};

const alertedKim = [e(0, 'alerted', 'kim', 'cover')];
const alertedSam = [e(0, 'alerted', 'sam', 'supervisor')];

describe('declarations/policy', () => {
  const cases: Array<{
    name: string;
    timeline: TimelineEntry[];
    roles: RequestRoles;
    who: string;
    act: boolean;
    see: boolean;
    note: boolean;
    noteShare?: NoteShare;
  }> = [
    {
      name: 'the person who raised it sees it and the note, and never acts on it',
      timeline: alertedSam,
      roles: SAM_BACK,
      who: 'alex',
      act: false,
      see: true,
      note: true,
    },
    {
      name: 'the supervisor alerted, on the chain now',
      timeline: alertedSam,
      roles: SAM_BACK,
      who: 'sam',
      act: true,
      see: true,
      note: true,
    },
    {
      name: 'a cover alerted while covering, cover still on',
      timeline: alertedKim,
      roles: KIM_COVERING,
      who: 'kim',
      act: true,
      see: true,
      note: true,
    },
    {
      name: 'a cover alerted while covering, after the cover ended: nothing',
      timeline: alertedKim,
      roles: SAM_BACK,
      who: 'kim',
      act: false,
      see: false,
      note: false,
    },
    {
      name: 'the supervisor back from absence, never alerted but first on the chain: takes over what the cover handled',
      timeline: alertedKim,
      roles: SAM_BACK,
      who: 'sam',
      act: true,
      see: true,
      note: true,
    },
    {
      name: 'the department head, never alerted: always entitled, note only if shared',
      timeline: alertedSam,
      roles: SAM_BACK,
      who: 'dana',
      act: true,
      see: true,
      note: false,
    },
    {
      name: 'the department head, note shared with the head',
      timeline: alertedSam,
      roles: SAM_BACK,
      who: 'dana',
      act: true,
      see: true,
      note: true,
      noteShare: 'supervisorAndHead',
    },
    {
      name: 'the person above, on the chain but not yet alerted: nothing',
      timeline: alertedSam,
      roles: SAM_BACK,
      who: 'chief',
      act: false,
      see: false,
      note: false,
    },
    {
      name: 'the person above, alerted: acts, never reads the note',
      timeline: [...alertedSam, e(15, 'escalated', 'dana', 'departmentHead'), e(45, 'escalated', 'chief', 'above')],
      roles: SAM_BACK,
      who: 'chief',
      act: true,
      see: true,
      note: false,
    },
    { name: 'a stranger: nothing', timeline: alertedSam, roles: SAM_BACK, who: 'stranger', act: false, see: false, note: false },
    {
      name: 'passed the request by reassignment (not on the chain): acts and reads the note',
      timeline: [...alertedSam, e(3, 'reassigned', 'priya', 'supervisor')],
      roles: SAM_BACK,
      who: 'priya',
      act: true,
      see: true,
      note: true,
    },
    {
      name: 'the responder it was reassigned away from: access ends at reassignment',
      timeline: [...alertedSam, e(3, 'reassigned', 'priya', 'supervisor')],
      roles: SAM_BACK,
      who: 'sam',
      act: false,
      see: false,
      note: false,
    },
    {
      name: 'reassigned away after acknowledging: access ends too',
      timeline: [...alertedSam, e(2, 'acknowledged', 'sam'), e(3, 'reassigned', 'priya', 'supervisor')],
      roles: SAM_BACK,
      who: 'sam',
      act: false,
      see: false,
      note: false,
    },
    {
      name: 'reassigned away, then alerted again as the chain repeats: entitled again',
      timeline: [
        ...alertedSam,
        e(3, 'reassigned', 'priya', 'supervisor'),
        e(20, 'escalated', 'dana', 'departmentHead'),
        e(40, 'escalated', 'sam', 'supervisor'),
      ],
      roles: SAM_BACK,
      who: 'sam',
      act: true,
      see: true,
      note: true,
    },
    {
      name: 'passed on by reassignment, then passed on again: the first reassignee loses it',
      timeline: [...alertedSam, e(3, 'reassigned', 'priya', 'supervisor'), e(5, 'reassigned', 'kim', 'supervisor')],
      roles: SAM_BACK,
      who: 'priya',
      act: false,
      see: false,
      note: false,
    },
    {
      name: 'the reassignee keeps it while the chain walks on without them',
      timeline: [...alertedSam, e(3, 'reassigned', 'priya', 'supervisor'), e(20, 'escalated', 'dana', 'departmentHead')],
      roles: SAM_BACK,
      who: 'priya',
      act: true,
      see: true,
      note: true,
    },
    {
      name: 'the department head reassigned away from: still the department head',
      timeline: [...alertedSam, e(2, 'acknowledged', 'dana'), e(3, 'reassigned', 'priya', 'supervisor')],
      roles: SAM_BACK,
      who: 'dana',
      act: true,
      see: true,
      note: false,
    },
    {
      name: 'someone told of an overdue redeployment does not take the request: the on-call keeps it',
      timeline: [...alertedSam, e(9000, 'alerted', 'chief', 'redeployment overdue'), e(9001, 'reassigned', 'priya', 'supervisor')],
      roles: SAM_BACK,
      who: 'chief',
      act: true,
      see: true,
      note: false,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = request(c.timeline, c.noteShare);
      assert.equal(mayActOnRequest(d, c.who, c.roles), c.act, 'act');
      assert.equal(maySeeRequest(d, c.who, c.roles), c.see, 'see');
      assert.equal(maySeeNote(d, c.who, c.roles), c.note, 'note');
      assert.equal(entitledViewers(d, c.roles).includes(c.who), c.act, "among the channel card's entitled viewers");
    });
  }

  it('with nobody at supervisor level, the first responder stands in for the supervisor and reads the note', () => {
    const roles: RequestRoles = { chain: [entry('dana', 'fallback')], departmentHeadId: undefined };
    const d = request([e(0, 'alerted', 'dana', 'fallback')]);
    assert.equal(maySeeNote(d, 'dana', roles), true);
  });

  it('the redeployment discussion: the department head now, never the person themselves', () => {
    assert.equal(mayRecordRedeployment({ personId: 'alex' }, 'dana', { departmentHeadId: 'dana' }), true);
    assert.equal(mayRecordRedeployment({ personId: 'alex' }, 'sam', { departmentHeadId: 'dana' }), false);
    assert.equal(mayRecordRedeployment({ personId: 'dana' }, 'dana', { departmentHeadId: 'dana' }), false);
  });

  it('withdrawing: only the person who raised it', () => {
    assert.equal(mayWithdrawRequest({ personId: 'alex' }, 'alex'), true);
    assert.equal(mayWithdrawRequest({ personId: 'alex' }, 'sam'), false);
  });
});
