import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  allowedActions,
  holderReached,
  isOpen,
  newDeclaration,
  noteAlertReached,
  offViewingSince,
  transition,
  type AccessRemoval,
  type Action,
  type CardAction,
  type Context,
  type Declaration,
  type DeclarationKind,
  type Effect,
  type NoteShare,
  type Outcome,
  type Rejection,
} from '../../../src/features/declarations/rules.ts';
import { mayActOnRequest, maySeeNote } from '../../../src/features/declarations/policy.ts';
import { DEFAULT_POLICY, type ChainEntry } from '../../../src/kernel/escalation.ts';
import { responsibilityChain } from '../../../src/kernel/responsibility.ts';
import { parseRoster } from '../../../src/kernel/roster.ts';
import type { Roster } from '../../../src/kernel/types.ts';

// Fixtures from the demo roster: dev.patel (officer) raises; priya.shah is his supervisor, sam.okafor her
// standing cover, dana.hughes the department head. The chain is priya (15) → sam (15) → dana (30).
function demoRoster(): Roster {
  const parsed = parseRoster(readFileSync(new URL('../../../data/demo-roster.csv', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`demo roster does not parse: ${JSON.stringify(parsed.problems)}`);
  return parsed.roster;
}
const ROSTER = demoRoster();
const T0 = new Date('2026-06-03T09:00:00.000Z');
const DECLARANT = 'dev.patel';
const SUPERVISOR = 'priya.shah';
const COVER = 'sam.okafor';
const HEAD = 'dana.hughes';
const STRANGER = 'tom.reed';
const OTHER_OFFICER = 'alex.moreno';
const CHAIN: ChainEntry[] = responsibilityChain(
  ROSTER.people.find((p) => p.id === DECLARANT),
  ROSTER,
  DEFAULT_POLICY,
  T0,
);
const ABOVE = 'ian.dci';
const CHAIN_WITH_ABOVE: ChainEntry[] = [...CHAIN, { personId: ABOVE, role: 'above', delayMinutes: 60 }];

const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const isoAt = (minutes: number) => at(minutes).toISOString();
const DAY = 24 * 60;

function ctxAt(minutes: number, over: Partial<Context> = {}): Context {
  return {
    now: at(minutes),
    policy: DEFAULT_POLICY,
    chain: CHAIN,
    departmentHeadId: HEAD,
    reassignable: [SUPERVISOR, COVER, HEAD],
    ...over,
  };
}

const actorOf = (by: string) => (by === 'system' ? { kind: 'system' as const } : { kind: 'person' as const, personId: by });

/** [action, by (person id or 'system'), minutes after raising] */
type Step = [Action, string, number];

function raise(
  kind: DeclarationKind,
  opts: { accessRemoval?: AccessRemoval; noteShare?: NoteShare; note?: string; ctx?: Partial<Context>; personId?: string } = {},
) {
  return newDeclaration(
    {
      id: 'decl-1',
      personId: opts.personId ?? DECLARANT,
      unitId: 'unit-2',
      kind,
      note: opts.note ?? 'finding the last job hard',
      noteShare: opts.noteShare ?? 'supervisor',
      accessRemoval: opts.accessRemoval ?? 'notNeeded',
    },
    ctxAt(0, opts.ctx),
  );
}

/** Raises and applies each step, each of which must be accepted and change something. */
function given(
  kind: DeclarationKind,
  steps: Step[] = [],
  opts: { accessRemoval?: AccessRemoval; noteShare?: NoteShare; ctx?: Partial<Context>; personId?: string } = {},
): Declaration {
  let d = raise(kind, opts).declaration;
  for (const [action, by, minutes] of steps) {
    const r = transition(d, action, actorOf(by), ctxAt(minutes, opts.ctx));
    assert.ok(r.ok && r.changed, `setup step ${action.type} by ${by} at +${minutes}m was not applied: ${JSON.stringify(r)}`);
    d = r.declaration;
  }
  return d;
}

// Common set-ups.
const ack = (by: string, m: number): Step => [{ type: 'acknowledge' }, by, m];
const assess = (by: string, m: number): Step => [{ type: 'recordRiskAssessment', adjustments: ['offViewing'] }, by, m];
const tick = (m: number): Step => [{ type: 'tick' }, 'system', m];
const held = (m: number): Step => [{ type: 'recordRedeployment', outcome: 'stayingWithAdjustments' }, HEAD, m];
const HR = 'hana.ito';
const HR_CTX: Partial<Context> = { hrIds: [HR] };
const MOVE_ON = '2026-06-20';
const moveAgreed = (m: number, on = MOVE_ON): Step => [
  { type: 'recordRedeployment', outcome: 'moveAgreed', moveOn: on, destination: 'Fraud Team 1' },
  HEAD,
  m,
];
const closedTalk = (): Declaration => given('talk', [assess(SUPERVISOR, 5)]);
/** The department head raising: the person above is alerted; the unit's head is still dana (ctx.departmentHeadId). */
const HEAD_RAISES = {
  personId: HEAD,
  ctx: { chain: [{ personId: ABOVE, role: 'above' as const, delayMinutes: 60 }], reassignable: [SUPERVISOR, COVER] },
};
const headsOwn = (kind: DeclarationKind, steps: Step[] = []) => given(kind, steps, HEAD_RAISES);
const withdrawnTalk = (): Declaration => given('talk', [[{ type: 'withdraw' }, DECLARANT, 5]]);
const closedLeave = (): Declaration => given('leave', [assess(SUPERVISOR, 5), held(10)]);

type Expect =
  { rejected: Rejection['code'] } | { unchanged: true } | { check: (d: Declaration, effects: Effect[], before: Declaration) => void };

interface Case {
  name: string;
  action: Action;
  by: string;
  at: number;
  start: () => Declaration;
  ctx?: Partial<Context>;
  expect: Expect;
}

const alerts = (effects: Effect[]) => effects.filter((e) => e.kind === 'alertResponder');
const events = (d: Declaration) => d.timeline.map((t) => t.event);
const last = (d: Declaration) => d.timeline[d.timeline.length - 1]!;

/** Every action type, checked at compile time: a new action type fails to compile until it is covered. */
const ACTION_TYPES: Record<Action['type'], true> = {
  acknowledge: true,
  recordRiskAssessment: true,
  reassign: true,
  escalateNow: true,
  confirmAccessRemoved: true,
  bookRedeployment: true,
  recordRedeployment: true,
  recordMoveDone: true,
  withdraw: true,
  tick: true,
  unreachable: true,
  accessRemovedAutomatically: true,
  setReview: true,
  readyToReturn: true,
  confirmReturn: true,
  confirmAccessRestored: true,
  accessRestoredAutomatically: true,
  accessRestoreFailed: true,
};

const CASES: Case[] = [
  // ── tick ──────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'tick before the deadline changes nothing',
    action: { type: 'tick' },
    by: 'system',
    at: 14,
    start: () => given('talk'),
    expect: { unchanged: true },
  },
  {
    name: 'tick at the deadline escalates to the next level (the cover)',
    action: { type: 'tick' },
    by: 'system',
    at: 15,
    start: () => given('talk'),
    expect: {
      check: (d, fx) => {
        assert.equal(d.level, 1);
        assert.equal(d.loop, 0);
        assert.deepEqual(d.onCall, { personId: COVER, role: 'cover', since: isoAt(15) });
        assert.deepEqual(d.notified, [SUPERVISOR, COVER]);
        assert.equal(d.nextDeadlineAt, isoAt(30));
        assert.deepEqual(alerts(fx), [{ kind: 'alertResponder', personId: COVER, reason: 'escalated' }]);
        assert.deepEqual(last(d), { at: isoAt(15), event: 'escalated', personId: COVER, detail: 'cover' });
      },
    },
  },
  {
    name: 'tick after the second deadline escalates to the department head with their own delay',
    action: { type: 'tick' },
    by: 'system',
    at: 30,
    start: () => given('break', [tick(15)], { accessRemoval: 'removedAutomatically' }),
    expect: {
      check: (d, fx) => {
        assert.equal(d.level, 2);
        assert.equal(d.onCall?.personId, HEAD);
        assert.equal(d.nextDeadlineAt, isoAt(60));
        assert.deepEqual(alerts(fx), [{ kind: 'alertResponder', personId: HEAD, reason: 'escalated' }]);
      },
    },
  },
  {
    name: 'tick after the last level wraps round to level 0 with loop + 1 (the chain repeats)',
    action: { type: 'tick' },
    by: 'system',
    at: 60,
    start: () => given('leave', [tick(15), tick(30)]),
    expect: {
      check: (d, fx) => {
        assert.equal(d.level, 0);
        assert.equal(d.loop, 1);
        assert.equal(d.onCall?.personId, SUPERVISOR);
        assert.equal(d.nextDeadlineAt, isoAt(75));
        assert.deepEqual(d.notified, [SUPERVISOR, COVER, HEAD]);
        assert.deepEqual(alerts(fx), [{ kind: 'alertResponder', personId: SUPERVISOR, reason: 'escalated' }]);
      },
    },
  },
  {
    name: 'an acknowledged alert is re-alerted when the acknowledgement timeout passes',
    action: { type: 'tick' },
    by: 'system',
    at: 65,
    start: () => given('talk', [ack(SUPERVISOR, 5)]),
    expect: {
      check: (d, fx) => {
        assert.equal(d.status, 'open');
        assert.equal(d.onCall?.personId, SUPERVISOR);
        assert.equal(d.nextDeadlineAt, isoAt(80), 'escalation resumes with the level delay');
        assert.deepEqual(alerts(fx), [{ kind: 'alertResponder', personId: SUPERVISOR, reason: 'reAlert' }]);
        assert.equal(last(d).event, 'reAlerted');
      },
    },
  },
  {
    name: 'an acknowledged alert is not re-alerted before its timeout',
    action: { type: 'tick' },
    by: 'system',
    at: 64,
    start: () => given('talk', [ack(SUPERVISOR, 5)]),
    expect: { unchanged: true },
  },
  {
    name: 'after a re-alert, the next missed deadline escalates again',
    action: { type: 'tick' },
    by: 'system',
    at: 80,
    start: () => given('talk', [ack(SUPERVISOR, 5), tick(65)]),
    expect: {
      check: (d) => {
        assert.equal(d.onCall?.personId, COVER);
        assert.equal(d.level, 1);
      },
    },
  },
  {
    name: 'tick on an assessed break awaiting access confirmation changes nothing',
    action: { type: 'tick' },
    by: 'system',
    at: 500,
    start: () => given('break', [assess(SUPERVISOR, 5)], { accessRemoval: 'awaitingConfirmation' }),
    expect: { unchanged: true },
  },
  {
    name: 'tick after the redeployment deadline reminds the department head (and whoever is above)',
    action: { type: 'tick' },
    by: 'system',
    at: 5 * DAY,
    ctx: { chain: CHAIN_WITH_ABOVE },
    start: () => given('leave', [assess(SUPERVISOR, 5)], { ctx: { chain: CHAIN_WITH_ABOVE } }),
    expect: {
      check: (d, fx) => {
        assert.equal(d.redeployment?.nextReminderAt, isoAt(6 * DAY));
        assert.equal(last(d).event, 'redeploymentOverdue');
        assert.ok(d.notified.includes(ABOVE), 'the rank above becomes a responder');
        assert.deepEqual(
          fx.filter((e) => e.kind === 'redeploymentTask'),
          [
            { kind: 'redeploymentTask', personId: HEAD, reason: 'overdue' },
            { kind: 'redeploymentTask', personId: ABOVE, reason: 'overdue' },
          ],
        );
        assert.equal(d.status, 'assessed');
      },
    },
  },
  {
    name: 'tick just before the redeployment deadline does not remind',
    action: { type: 'tick' },
    by: 'system',
    at: 5 * DAY - 1,
    start: () => given('leave', [assess(SUPERVISOR, 5)]),
    expect: { unchanged: true },
  },
  {
    name: 'tick after closed changes nothing',
    action: { type: 'tick' },
    by: 'system',
    at: 10 * DAY,
    start: closedTalk,
    expect: { unchanged: true },
  },
  {
    name: 'tick after withdrawn changes nothing',
    action: { type: 'tick' },
    by: 'system',
    at: 10 * DAY,
    start: withdrawnTalk,
    expect: { unchanged: true },
  },
  {
    name: 'tick after a leave is closed changes nothing (no more redeployment reminders)',
    action: { type: 'tick' },
    by: 'system',
    at: 10 * DAY,
    start: closedLeave,
    expect: { unchanged: true },
  },
  {
    name: 'tick sent by a person is refused',
    action: { type: 'tick' },
    by: STRANGER,
    at: 60,
    start: () => given('talk'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: "tick sent by a responder is refused too (time is the system's)",
    action: { type: 'tick' },
    by: SUPERVISOR,
    at: 60,
    start: () => given('talk'),
    expect: { rejected: 'notEntitled' },
  },

  // ── unreachable ─────────────────────────────────────────────────────────────────────────────
  {
    name: 'unreachable on the on-call person records it and escalates at once',
    action: { type: 'unreachable', personId: SUPERVISOR, reason: '403 Forbidden' },
    by: 'system',
    at: 1,
    start: () => given('talk'),
    expect: {
      check: (d, fx) => {
        assert.deepEqual(d.timeline.slice(-2), [
          { at: isoAt(1), event: 'unreachable', personId: SUPERVISOR, detail: '403 Forbidden' },
          { at: isoAt(1), event: 'escalated', personId: COVER, detail: 'cover' },
        ]);
        assert.equal(d.onCall?.personId, COVER);
        assert.equal(d.level, 1);
        assert.deepEqual(alerts(fx), [{ kind: 'alertResponder', personId: COVER, reason: 'escalated' }]);
      },
    },
  },
  {
    name: 'unreachable on the person who acknowledged drops the acknowledgement and escalates',
    action: { type: 'unreachable', personId: SUPERVISOR, reason: 'blocked' },
    by: 'system',
    at: 6,
    start: () => given('talk', [ack(SUPERVISOR, 5)]),
    expect: {
      check: (d) => {
        assert.equal(d.status, 'open');
        assert.equal(d.onCall?.personId, COVER);
      },
    },
  },
  {
    name: 'unreachable for someone not on call only records it',
    action: { type: 'unreachable', personId: COVER, reason: 'no conversation reference' },
    by: 'system',
    at: 1,
    start: () => given('talk'),
    expect: {
      check: (d, fx, before) => {
        assert.deepEqual(d.timeline, [
          ...before.timeline,
          { at: isoAt(1), event: 'unreachable', personId: COVER, detail: 'no conversation reference' },
        ]);
        assert.deepEqual(d.onCall, before.onCall);
        assert.equal(d.level, 0);
        assert.deepEqual(alerts(fx), []);
      },
    },
  },
  {
    name: 'unreachable on the on-call person after the assessment only records it',
    action: { type: 'unreachable', personId: SUPERVISOR, reason: 'x' },
    by: 'system',
    at: 6,
    start: () => given('break', [assess(SUPERVISOR, 5)], { accessRemoval: 'awaitingConfirmation' }),
    expect: {
      check: (d, fx) => {
        assert.equal(d.onCall?.personId, SUPERVISOR);
        assert.equal(d.status, 'assessed');
        assert.deepEqual(alerts(fx), []);
      },
    },
  },
  {
    name: 'the unreachable reason is cut to 80 characters',
    action: { type: 'unreachable', personId: COVER, reason: 'x'.repeat(500) },
    by: 'system',
    at: 1,
    start: () => given('talk'),
    expect: { check: (d) => assert.equal(last(d).detail, 'x'.repeat(80)) },
  },
  {
    name: 'unreachable with a single-person chain alerts them again on the next loop',
    action: { type: 'unreachable', personId: SUPERVISOR, reason: 'x' },
    by: 'system',
    at: 1,
    ctx: { chain: CHAIN.slice(0, 1) },
    start: () => given('talk', [], { ctx: { chain: CHAIN.slice(0, 1) } }),
    expect: {
      check: (d) => {
        assert.equal(d.onCall?.personId, SUPERVISOR);
        assert.equal(d.loop, 1);
        assert.equal(d.level, 0);
      },
    },
  },
  {
    name: 'unreachable after closed changes nothing',
    action: { type: 'unreachable', personId: SUPERVISOR, reason: 'x' },
    by: 'system',
    at: 6,
    start: closedTalk,
    expect: { unchanged: true },
  },
  {
    name: 'unreachable after withdrawn changes nothing',
    action: { type: 'unreachable', personId: SUPERVISOR, reason: 'x' },
    by: 'system',
    at: 6,
    start: withdrawnTalk,
    expect: { unchanged: true },
  },
  {
    name: 'unreachable sent by a stranger is refused',
    action: { type: 'unreachable', personId: SUPERVISOR, reason: 'x' },
    by: STRANGER,
    at: 1,
    start: () => given('talk'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'unreachable sent by the declarant is refused',
    action: { type: 'unreachable', personId: SUPERVISOR, reason: 'x' },
    by: DECLARANT,
    at: 1,
    start: () => given('talk'),
    expect: { rejected: 'notEntitled' },
  },

  // ── acknowledge ─────────────────────────────────────────────────────────────────────────────
  {
    name: 'acknowledge by the on-call responder',
    action: { type: 'acknowledge' },
    by: SUPERVISOR,
    at: 5,
    start: () => given('talk'),
    expect: {
      check: (d, fx) => {
        assert.equal(d.status, 'acknowledged');
        assert.deepEqual(d.acknowledged, { by: SUPERVISOR, at: isoAt(5) });
        assert.deepEqual(d.onCall, { personId: SUPERVISOR, role: 'supervisor', since: isoAt(5) });
        assert.equal(d.nextDeadlineAt, isoAt(5 + DEFAULT_POLICY.acknowledgementTimeoutMinutes));
        assert.ok(fx.some((e) => e.kind === 'tellOwner' && e.event === 'acknowledged'));
        assert.deepEqual(last(d), { at: isoAt(5), event: 'acknowledged', personId: SUPERVISOR });
      },
    },
  },
  {
    name: 'acknowledge by an earlier level after escalation: they take it back',
    action: { type: 'acknowledge' },
    by: SUPERVISOR,
    at: 20,
    start: () => given('leave', [tick(15)]),
    expect: {
      check: (d) => {
        assert.equal(d.status, 'acknowledged');
        assert.deepEqual(d.onCall, { personId: SUPERVISOR, role: 'responder', since: isoAt(20) });
      },
    },
  },
  {
    name: 'acknowledge by the department head who was not alerted yet (always entitled)',
    action: { type: 'acknowledge' },
    by: HEAD,
    at: 2,
    start: () => given('break', [], { accessRemoval: 'removedAutomatically' }),
    expect: {
      check: (d) => {
        assert.equal(d.acknowledged?.by, HEAD);
        assert.equal(d.onCall?.personId, HEAD);
      },
    },
  },
  {
    name: 'acknowledge again after a re-alert is accepted',
    action: { type: 'acknowledge' },
    by: SUPERVISOR,
    at: 66,
    start: () => given('talk', [ack(SUPERVISOR, 5), tick(65)]),
    expect: {
      check: (d) => {
        assert.equal(d.status, 'acknowledged');
        assert.equal(d.nextDeadlineAt, isoAt(126));
      },
    },
  },
  {
    name: 'acknowledging twice is a no-op',
    action: { type: 'acknowledge' },
    by: SUPERVISOR,
    at: 6,
    start: () => given('talk', [ack(SUPERVISOR, 5)]),
    expect: { unchanged: true },
  },
  {
    name: 'acknowledging what another responder acknowledged is a no-op',
    action: { type: 'acknowledge' },
    by: HEAD,
    at: 6,
    start: () => given('talk', [ack(SUPERVISOR, 5)]),
    expect: { unchanged: true },
  },
  {
    name: 'acknowledging after the assessment is a no-op',
    action: { type: 'acknowledge' },
    by: SUPERVISOR,
    at: 6,
    start: () => given('break', [assess(SUPERVISOR, 5)], { accessRemoval: 'awaitingConfirmation' }),
    expect: { unchanged: true },
  },
  {
    name: 'acknowledge by the declarant is refused',
    action: { type: 'acknowledge' },
    by: DECLARANT,
    at: 1,
    start: () => given('talk'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'acknowledge by a stranger is refused',
    action: { type: 'acknowledge' },
    by: STRANGER,
    at: 1,
    start: () => given('talk'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'acknowledge by another officer is refused',
    action: { type: 'acknowledge' },
    by: OTHER_OFFICER,
    at: 1,
    start: () => given('leave'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'acknowledge by a later level not alerted yet is refused',
    action: { type: 'acknowledge' },
    by: COVER,
    at: 1,
    start: () => given('talk'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'acknowledge by the system is refused',
    action: { type: 'acknowledge' },
    by: 'system',
    at: 1,
    start: () => given('talk'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'acknowledge after closed is refused',
    action: { type: 'acknowledge' },
    by: SUPERVISOR,
    at: 6,
    start: closedTalk,
    expect: { rejected: 'notAllowedNow' },
  },
  {
    name: 'acknowledge after withdrawn is refused',
    action: { type: 'acknowledge' },
    by: SUPERVISOR,
    at: 6,
    start: withdrawnTalk,
    expect: { rejected: 'notAllowedNow' },
  },

  // ── recordRiskAssessment ────────────────────────────────────────────────────────────────────
  ...(['notNeeded', 'removedAutomatically'] as const).flatMap((accessRemoval): Case[] =>
    (['talk', 'break'] as const).map((kind): Case => ({
      name: `risk assessment on a ${kind} with access ${accessRemoval} closes it`,
      action: { type: 'recordRiskAssessment', adjustments: ['referOH', 'moreBreaks'], notes: '  spoke at length  ' },
      by: SUPERVISOR,
      at: 10,
      start: () => given(kind, [ack(SUPERVISOR, 5)], { accessRemoval }),
      expect: {
        check: (d, fx) => {
          assert.equal(d.status, 'closed');
          assert.deepEqual(d.riskAssessment, {
            by: SUPERVISOR,
            at: isoAt(10),
            adjustments: ['referOH', 'moreBreaks'],
            notes: 'spoke at length',
          });
          assert.deepEqual(d.closed, { by: SUPERVISOR, at: isoAt(10) });
          assert.equal(d.nextDeadlineAt, undefined);
          assert.deepEqual(events(d).slice(-2), ['riskAssessed', 'closed']);
          assert.deepEqual(
            fx.filter((e) => e.kind === 'tellOwner'),
            [
              { kind: 'tellOwner', event: 'riskAssessed' },
              { kind: 'tellOwner', event: 'closed' },
            ],
          );
        },
      },
    })),
  ),
  {
    name: 'risk assessment on a break awaiting access confirmation stays assessed',
    action: { type: 'recordRiskAssessment', adjustments: ['offViewing'] },
    by: SUPERVISOR,
    at: 10,
    start: () => given('break', [], { accessRemoval: 'awaitingConfirmation' }),
    expect: {
      check: (d) => {
        assert.equal(d.status, 'assessed');
        assert.equal(d.closed, undefined);
        assert.equal(d.nextDeadlineAt, undefined);
        assert.deepEqual(d.acknowledged, { by: SUPERVISOR, at: isoAt(10) });
      },
    },
  },
  {
    name: 'risk assessment on a leave stays assessed until the redeployment discussion',
    action: { type: 'recordRiskAssessment', adjustments: ['workloadReview'] },
    by: SUPERVISOR,
    at: 10,
    start: () => given('leave'),
    expect: {
      check: (d) => {
        assert.equal(d.status, 'assessed');
        assert.equal(d.closed, undefined);
      },
    },
  },
  {
    name: 'risk assessment on a leave whose discussion was already held closes it',
    action: { type: 'recordRiskAssessment', adjustments: ['workloadReview'] },
    by: COVER,
    at: 20,
    start: () => given('leave', [held(3), tick(15)]),
    expect: {
      check: (d) => {
        assert.equal(d.status, 'closed');
        assert.equal(d.closed?.by, COVER);
      },
    },
  },
  {
    name: 'a note alone is enough',
    action: { type: 'recordRiskAssessment', adjustments: [], notes: 'agreed a welfare day' },
    by: SUPERVISOR,
    at: 10,
    start: () => given('talk'),
    expect: {
      check: (d) => {
        assert.deepEqual(d.riskAssessment?.adjustments, []);
        assert.equal(d.riskAssessment?.notes, 'agreed a welfare day');
        assert.equal(d.status, 'closed');
      },
    },
  },
  {
    name: 'the department head may record the assessment',
    action: { type: 'recordRiskAssessment', adjustments: ['referTrim'] },
    by: HEAD,
    at: 10,
    start: () => given('talk'),
    expect: {
      check: (d) => {
        assert.equal(d.riskAssessment?.by, HEAD);
        assert.equal(d.status, 'closed');
      },
    },
  },
  {
    name: 'risk assessment with neither an adjustment nor a note is invalid',
    action: { type: 'recordRiskAssessment', adjustments: [] },
    by: SUPERVISOR,
    at: 10,
    start: () => given('talk'),
    expect: { rejected: 'invalid' },
  },
  {
    name: 'risk assessment with a blank note only is invalid',
    action: { type: 'recordRiskAssessment', adjustments: [], notes: '   \n ' },
    by: SUPERVISOR,
    at: 10,
    start: () => given('talk'),
    expect: { rejected: 'invalid' },
  },
  {
    name: 'a second risk assessment is a no-op',
    action: { type: 'recordRiskAssessment', adjustments: ['referEap'] },
    by: SUPERVISOR,
    at: 10,
    start: () => given('leave', [assess(SUPERVISOR, 5)]),
    expect: { unchanged: true },
  },
  {
    name: 'risk assessment by the declarant is refused',
    action: { type: 'recordRiskAssessment', adjustments: ['offViewing'] },
    by: DECLARANT,
    at: 10,
    start: () => given('talk'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'risk assessment by a stranger is refused',
    action: { type: 'recordRiskAssessment', adjustments: ['offViewing'] },
    by: STRANGER,
    at: 10,
    start: () => given('talk'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'risk assessment by the system is refused',
    action: { type: 'recordRiskAssessment', adjustments: ['offViewing'] },
    by: 'system',
    at: 10,
    start: () => given('talk'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'risk assessment after closed is refused',
    action: { type: 'recordRiskAssessment', adjustments: ['offViewing'] },
    by: SUPERVISOR,
    at: 10,
    start: closedLeave,
    expect: { rejected: 'notAllowedNow' },
  },
  {
    name: 'risk assessment after withdrawn is refused',
    action: { type: 'recordRiskAssessment', adjustments: ['offViewing'] },
    by: SUPERVISOR,
    at: 10,
    start: withdrawnTalk,
    expect: { rejected: 'notAllowedNow' },
  },

  // ── confirmAccessRemoved ────────────────────────────────────────────────────────────────────
  {
    name: 'confirming access removal on an assessed break closes it',
    action: { type: 'confirmAccessRemoved' },
    by: COVER,
    at: 30,
    start: () =>
      given('break', [assess(SUPERVISOR, 5), [{ type: 'reassign', toPersonId: COVER }, SUPERVISOR, 6]], {
        accessRemoval: 'awaitingConfirmation',
      }),
    expect: {
      check: (d) => {
        assert.equal(d.accessRemoval, 'confirmed');
        assert.equal(d.status, 'closed');
        assert.deepEqual(events(d).slice(-2), ['accessRemovalConfirmed', 'closed']);
      },
    },
  },
  {
    name: 'confirming access removal before the assessment records it and stays open',
    action: { type: 'confirmAccessRemoved' },
    by: SUPERVISOR,
    at: 3,
    start: () => given('break', [], { accessRemoval: 'awaitingConfirmation' }),
    expect: {
      check: (d) => {
        assert.equal(d.accessRemoval, 'confirmed');
        assert.equal(d.status, 'open');
        assert.ok(isOpen(d));
      },
    },
  },
  {
    name: 'confirming access removal on an assessed leave without the discussion keeps it open',
    action: { type: 'confirmAccessRemoved' },
    by: SUPERVISOR,
    at: 30,
    start: () => given('leave', [assess(SUPERVISOR, 5)], { accessRemoval: 'awaitingConfirmation' }),
    expect: {
      check: (d) => {
        assert.equal(d.accessRemoval, 'confirmed');
        assert.equal(d.status, 'assessed');
      },
    },
  },
  {
    name: 'confirming access removal when none was needed is a no-op',
    action: { type: 'confirmAccessRemoved' },
    by: SUPERVISOR,
    at: 3,
    start: () => given('talk'),
    expect: { unchanged: true },
  },
  {
    name: 'confirming access removal twice is a no-op',
    action: { type: 'confirmAccessRemoved' },
    by: SUPERVISOR,
    at: 4,
    start: () => given('break', [[{ type: 'confirmAccessRemoved' }, SUPERVISOR, 3]], { accessRemoval: 'awaitingConfirmation' }),
    expect: { unchanged: true },
  },
  {
    name: 'confirming access removal by the declarant is refused',
    action: { type: 'confirmAccessRemoved' },
    by: DECLARANT,
    at: 3,
    start: () => given('break', [], { accessRemoval: 'awaitingConfirmation' }),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'confirming access removal by a stranger is refused',
    action: { type: 'confirmAccessRemoved' },
    by: STRANGER,
    at: 3,
    start: () => given('break', [], { accessRemoval: 'awaitingConfirmation' }),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'confirming access removal after closed changes nothing',
    action: { type: 'confirmAccessRemoved' },
    by: SUPERVISOR,
    at: 30,
    start: closedTalk,
    expect: { unchanged: true },
  },

  // ── accessRemovedAutomatically ──────────────────────────────────────────────────────────────
  {
    name: 'Haven removing access on an assessed break closes it',
    action: { type: 'accessRemovedAutomatically' },
    by: 'system',
    at: 30,
    start: () => given('break', [assess(SUPERVISOR, 5)], { accessRemoval: 'awaitingConfirmation' }),
    expect: {
      check: (d) => {
        assert.equal(d.accessRemoval, 'removedAutomatically');
        assert.equal(d.automaticRemoval, 'done');
        assert.equal(d.status, 'closed');
        assert.deepEqual(
          d.timeline.slice(-2).map((t) => [t.event, t.detail]),
          [
            ['accessRemovalConfirmed', 'automatic'],
            ['closed', undefined],
          ],
        );
      },
    },
  },
  {
    name: 'Haven removing access before the assessment records it and stays open',
    action: { type: 'accessRemovedAutomatically' },
    by: 'system',
    at: 1,
    start: () => given('leave', [], { accessRemoval: 'awaitingConfirmation' }),
    expect: {
      check: (d) => {
        assert.equal(d.accessRemoval, 'removedAutomatically');
        assert.ok(isOpen(d));
      },
    },
  },
  {
    name: 'an automatic removal when none was awaited is a no-op',
    action: { type: 'accessRemovedAutomatically' },
    by: 'system',
    at: 1,
    start: () => given('break', [], { accessRemoval: 'removedAutomatically' }),
    expect: { unchanged: true },
  },
  {
    name: 'an automatic removal reported by a person is refused',
    action: { type: 'accessRemovedAutomatically' },
    by: SUPERVISOR,
    at: 1,
    start: () => given('break', [], { accessRemoval: 'awaitingConfirmation' }),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'an automatic removal after closed changes nothing',
    action: { type: 'accessRemovedAutomatically' },
    by: 'system',
    at: 30,
    start: closedLeave,
    expect: { unchanged: true },
  },

  // ── reassign ────────────────────────────────────────────────────────────────────────────────
  {
    name: 'reassign to a supervisor of the unit',
    action: { type: 'reassign', toPersonId: COVER },
    by: SUPERVISOR,
    at: 3,
    start: () => given('talk'),
    expect: {
      check: (d, fx) => {
        assert.deepEqual(d.onCall, { personId: COVER, role: 'cover', since: isoAt(3) });
        assert.deepEqual(d.notified, [SUPERVISOR, COVER]);
        assert.equal(d.nextDeadlineAt, isoAt(18));
        assert.deepEqual(alerts(fx), [{ kind: 'alertResponder', personId: COVER, reason: 'reassigned' }]);
        assert.deepEqual(last(d), { at: isoAt(3), event: 'reassigned', personId: COVER, detail: 'cover' });
      },
    },
  },
  {
    name: 'reassign after an acknowledgement: the new person must acknowledge again',
    action: { type: 'reassign', toPersonId: HEAD },
    by: SUPERVISOR,
    at: 7,
    start: () => given('leave', [ack(SUPERVISOR, 5)]),
    expect: {
      check: (d) => {
        assert.equal(d.status, 'open');
        assert.equal(d.acknowledged, undefined);
        assert.equal(d.onCall?.personId, HEAD);
      },
    },
  },
  {
    name: 'reassign after the assessment keeps it assessed, with no deadline',
    action: { type: 'reassign', toPersonId: COVER },
    by: SUPERVISOR,
    at: 7,
    start: () => given('break', [assess(SUPERVISOR, 5)], { accessRemoval: 'awaitingConfirmation' }),
    expect: {
      check: (d) => {
        assert.equal(d.status, 'assessed');
        assert.equal(d.nextDeadlineAt, undefined);
        assert.equal(d.onCall?.personId, COVER);
        assert.ok(d.acknowledged);
      },
    },
  },
  {
    name: 'reassign to someone reassignable but not in the chain: they become a responder',
    action: { type: 'reassign', toPersonId: STRANGER },
    by: HEAD,
    at: 3,
    ctx: { reassignable: [SUPERVISOR, COVER, HEAD, STRANGER] },
    start: () => given('talk'),
    expect: {
      check: (d) => {
        assert.deepEqual(d.onCall, { personId: STRANGER, role: 'supervisor', since: isoAt(3) });
        assert.ok(mayActOnRequest(d, STRANGER, ctxAt(3)));
        assert.equal(d.level, 0);
      },
    },
  },
  {
    name: 'reassign to someone not reassignable is invalid',
    action: { type: 'reassign', toPersonId: STRANGER },
    by: SUPERVISOR,
    at: 3,
    start: () => given('talk'),
    expect: { rejected: 'invalid' },
  },
  {
    name: 'reassign to the declarant is invalid even if listed',
    action: { type: 'reassign', toPersonId: DECLARANT },
    by: SUPERVISOR,
    at: 3,
    ctx: { reassignable: [SUPERVISOR, COVER, HEAD, DECLARANT] },
    start: () => given('talk'),
    expect: { rejected: 'invalid' },
  },
  {
    name: 'reassign to whoever is already on call is a no-op',
    action: { type: 'reassign', toPersonId: SUPERVISOR },
    by: HEAD,
    at: 3,
    start: () => given('talk'),
    expect: { unchanged: true },
  },
  {
    name: 'reassign by the declarant is refused',
    action: { type: 'reassign', toPersonId: COVER },
    by: DECLARANT,
    at: 3,
    start: () => given('talk'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'reassign by a stranger is refused',
    action: { type: 'reassign', toPersonId: COVER },
    by: STRANGER,
    at: 3,
    start: () => given('talk'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'reassign by a later level not yet alerted is refused',
    action: { type: 'reassign', toPersonId: COVER },
    by: COVER,
    at: 3,
    start: () => given('talk'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'reassign after closed is refused',
    action: { type: 'reassign', toPersonId: COVER },
    by: SUPERVISOR,
    at: 30,
    start: closedTalk,
    expect: { rejected: 'notAllowedNow' },
  },
  {
    name: 'reassign after withdrawn is refused',
    action: { type: 'reassign', toPersonId: COVER },
    by: SUPERVISOR,
    at: 30,
    start: withdrawnTalk,
    expect: { rejected: 'notAllowedNow' },
  },

  // ── escalateNow ─────────────────────────────────────────────────────────────────────────────
  {
    name: 'escalate now by the on-call responder moves to the next level',
    action: { type: 'escalateNow' },
    by: SUPERVISOR,
    at: 2,
    start: () => given('talk'),
    expect: {
      check: (d, fx) => {
        assert.equal(d.level, 1);
        assert.equal(d.onCall?.personId, COVER);
        assert.equal(d.nextDeadlineAt, isoAt(17));
        assert.deepEqual(alerts(fx), [{ kind: 'alertResponder', personId: COVER, reason: 'escalated' }]);
      },
    },
  },
  {
    name: 'escalate now by the department head',
    action: { type: 'escalateNow' },
    by: HEAD,
    at: 2,
    start: () => given('leave'),
    expect: {
      check: (d) => {
        assert.equal(d.onCall?.personId, COVER);
      },
    },
  },
  {
    name: 'escalate now from an acknowledged alert reopens it for the next level',
    action: { type: 'escalateNow' },
    by: SUPERVISOR,
    at: 6,
    start: () => given('talk', [ack(SUPERVISOR, 5)]),
    expect: {
      check: (d) => {
        assert.equal(d.status, 'open');
        assert.equal(d.onCall?.personId, COVER);
      },
    },
  },
  {
    name: 'escalate now at the last level wraps round to level 0',
    action: { type: 'escalateNow' },
    by: HEAD,
    at: 31,
    start: () => given('talk', [tick(15), tick(30)]),
    expect: {
      check: (d) => {
        assert.equal(d.level, 0);
        assert.equal(d.loop, 1);
        assert.equal(d.onCall?.personId, SUPERVISOR);
      },
    },
  },
  {
    name: 'escalate now passes over the person asking when they are the next level',
    action: { type: 'escalateNow' },
    by: COVER,
    at: 62,
    start: () => given('talk', [tick(15), tick(30), tick(60), ack(COVER, 61)]),
    expect: {
      check: (d) => {
        assert.equal(d.level, 2);
        assert.equal(d.onCall?.personId, HEAD);
      },
    },
  },
  {
    name: 'escalate now by the declarant is refused',
    action: { type: 'escalateNow' },
    by: DECLARANT,
    at: 2,
    start: () => given('talk'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'escalate now by a stranger is refused',
    action: { type: 'escalateNow' },
    by: STRANGER,
    at: 2,
    start: () => given('talk'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'escalate now after closed is refused',
    action: { type: 'escalateNow' },
    by: SUPERVISOR,
    at: 30,
    start: closedTalk,
    expect: { rejected: 'notAllowedNow' },
  },
  {
    name: 'escalate now after withdrawn is refused',
    action: { type: 'escalateNow' },
    by: SUPERVISOR,
    at: 30,
    start: withdrawnTalk,
    expect: { rejected: 'notAllowedNow' },
  },

  // ── bookRedeployment ────────────────────────────────────────────────────────────────────────
  {
    name: 'the department head books the redeployment discussion',
    action: { type: 'bookRedeployment', on: '2026-06-05' },
    by: HEAD,
    at: 60,
    start: () => given('leave'),
    expect: {
      check: (d, fx) => {
        assert.deepEqual(d.redeployment?.booked, { by: HEAD, at: isoAt(60), on: '2026-06-05' });
        assert.deepEqual(last(d), { at: isoAt(60), event: 'redeploymentBooked', personId: HEAD, detail: '2026-06-05' });
        assert.ok(fx.some((e) => e.kind === 'tellOwner' && e.event === 'redeploymentBooked'));
        assert.equal(d.status, 'open');
      },
    },
  },
  {
    name: 'the department head moves the booking to another date',
    action: { type: 'bookRedeployment', on: '2026-06-08' },
    by: HEAD,
    at: 61,
    start: () => given('leave', [[{ type: 'bookRedeployment', on: '2026-06-05' }, HEAD, 60]]),
    expect: { check: (d) => assert.equal(d.redeployment?.booked?.on, '2026-06-08') },
  },
  {
    name: 'booking the same date again is a no-op',
    action: { type: 'bookRedeployment', on: '2026-06-05' },
    by: HEAD,
    at: 61,
    start: () => given('leave', [[{ type: 'bookRedeployment', on: '2026-06-05' }, HEAD, 60]]),
    expect: { unchanged: true },
  },
  {
    name: 'booking without a date is invalid',
    action: { type: 'bookRedeployment', on: 'next week' },
    by: HEAD,
    at: 60,
    start: () => given('leave'),
    expect: { rejected: 'invalid' },
  },
  {
    name: 'booking by the supervisor is refused',
    action: { type: 'bookRedeployment', on: '2026-06-05' },
    by: SUPERVISOR,
    at: 60,
    start: () => given('leave'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'booking by the declarant is refused',
    action: { type: 'bookRedeployment', on: '2026-06-05' },
    by: DECLARANT,
    at: 60,
    start: () => given('leave'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'booking by a stranger is refused',
    action: { type: 'bookRedeployment', on: '2026-06-05' },
    by: STRANGER,
    at: 60,
    start: () => given('leave'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'booking on a talk is refused',
    action: { type: 'bookRedeployment', on: '2026-06-05' },
    by: HEAD,
    at: 60,
    start: () => given('talk'),
    expect: { rejected: 'notAllowedNow' },
  },
  {
    name: 'booking on a break is refused',
    action: { type: 'bookRedeployment', on: '2026-06-05' },
    by: HEAD,
    at: 60,
    start: () => given('break', [], { accessRemoval: 'removedAutomatically' }),
    expect: { rejected: 'notAllowedNow' },
  },
  {
    name: 'booking after closed is refused',
    action: { type: 'bookRedeployment', on: '2026-06-05' },
    by: HEAD,
    at: 60,
    start: closedLeave,
    expect: { rejected: 'notAllowedNow' },
  },

  // ── recordRedeployment ──────────────────────────────────────────────────────────────────────
  {
    name: 'the discussion held before the assessment keeps the leave open',
    action: { type: 'recordRedeployment', outcome: 'stayingWithAdjustments' },
    by: HEAD,
    at: 60,
    start: () => given('leave'),
    expect: {
      check: (d, fx) => {
        assert.deepEqual(d.redeployment?.held, { by: HEAD, at: isoAt(60), outcome: 'stayingWithAdjustments' });
        assert.ok(isOpen(d));
        assert.equal(d.closed, undefined);
        assert.ok(fx.some((e) => e.kind === 'tellOwner' && e.event === 'redeploymentHeld'));
      },
    },
  },
  {
    name: 'the discussion held after the assessment closes the leave',
    action: { type: 'recordRedeployment', outcome: 'stayingWithAdjustments' },
    by: HEAD,
    at: 3 * DAY,
    start: () => given('leave', [assess(SUPERVISOR, 5)]),
    expect: {
      check: (d) => {
        assert.equal(d.status, 'closed');
        assert.deepEqual(d.closed, { by: HEAD, at: isoAt(3 * DAY) });
        assert.deepEqual(events(d).slice(-2), ['redeploymentHeld', 'closed']);
      },
    },
  },
  {
    name: 'the discussion held while access removal is unconfirmed keeps the leave assessed',
    action: { type: 'recordRedeployment', outcome: 'stayingWithAdjustments' },
    by: HEAD,
    at: 60,
    start: () => given('leave', [assess(SUPERVISOR, 5)], { accessRemoval: 'awaitingConfirmation' }),
    expect: {
      check: (d) => {
        assert.equal(d.status, 'assessed');
        assert.ok(d.redeployment?.held);
      },
    },
  },
  {
    name: 'recording the discussion twice is a no-op',
    action: { type: 'recordRedeployment', outcome: 'stayingWithAdjustments' },
    by: HEAD,
    at: 61,
    start: () => given('leave', [held(60)]),
    expect: { unchanged: true },
  },
  {
    name: 'recording the discussion by the supervisor is refused',
    action: { type: 'recordRedeployment', outcome: 'stayingWithAdjustments' },
    by: SUPERVISOR,
    at: 60,
    start: () => given('leave', [assess(SUPERVISOR, 5)]),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'recording the discussion by the cover is refused',
    action: { type: 'recordRedeployment', outcome: 'stayingWithAdjustments' },
    by: COVER,
    at: 60,
    start: () => given('leave', [tick(15)]),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'recording the discussion by the declarant is refused',
    action: { type: 'recordRedeployment', outcome: 'stayingWithAdjustments' },
    by: DECLARANT,
    at: 60,
    start: () => given('leave'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'recording the discussion by the system is refused',
    action: { type: 'recordRedeployment', outcome: 'stayingWithAdjustments' },
    by: 'system',
    at: 60,
    start: () => given('leave'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'recording a discussion on a talk is refused',
    action: { type: 'recordRedeployment', outcome: 'stayingWithAdjustments' },
    by: HEAD,
    at: 60,
    start: () => given('talk'),
    expect: { rejected: 'notAllowedNow' },
  },
  {
    name: 'recording the discussion after closed is refused',
    action: { type: 'recordRedeployment', outcome: 'stayingWithAdjustments' },
    by: HEAD,
    at: 60,
    start: closedLeave,
    expect: { rejected: 'notAllowedNow' },
  },

  // ── recordMoveDone (issue #14 part 5) ───────────────────────────────────────────────────────
  {
    name: 'HR record the agreed move done: the leave closes once everything else is done',
    action: { type: 'recordMoveDone' },
    by: HR,
    at: 20 * DAY,
    ctx: HR_CTX,
    start: () => given('leave', [assess(SUPERVISOR, 5), moveAgreed(60)], { ctx: HR_CTX }),
    expect: {
      check: (d, fx) => {
        assert.deepEqual(d.redeployment?.move?.done, { by: HR, at: isoAt(20 * DAY) });
        assert.equal(d.status, 'closed');
        assert.deepEqual(events(d).slice(-2), ['moveDone', 'closed']);
        assert.ok(fx.some((e) => e.kind === 'tellOwner' && e.event === 'moveDone'));
      },
    },
  },
  {
    name: 'the supervisor cannot record the move done',
    action: { type: 'recordMoveDone' },
    by: SUPERVISOR,
    at: 20 * DAY,
    ctx: HR_CTX,
    start: () => given('leave', [assess(SUPERVISOR, 5), moveAgreed(60)], { ctx: HR_CTX }),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'HR cannot record a move nobody agreed',
    action: { type: 'recordMoveDone' },
    by: HR,
    at: 20 * DAY,
    ctx: HR_CTX,
    start: () => given('leave', [assess(SUPERVISOR, 5)], { ctx: HR_CTX }),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'the department head cannot record a move nobody agreed',
    action: { type: 'recordMoveDone' },
    by: HEAD,
    at: 20 * DAY,
    ctx: HR_CTX,
    start: () => given('leave', [assess(SUPERVISOR, 5)], { ctx: HR_CTX }),
    expect: { rejected: 'notEntitled' },
  },

  // ── the department head is the one asking ───────────────────────────────────────────────────
  {
    name: 'the department head cannot acknowledge their own request',
    action: { type: 'acknowledge' },
    by: HEAD,
    at: 1,
    ctx: HEAD_RAISES.ctx,
    start: () => headsOwn('talk'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'the department head cannot assess their own request',
    action: { type: 'recordRiskAssessment', adjustments: ['welfareDay'] },
    by: HEAD,
    at: 1,
    ctx: HEAD_RAISES.ctx,
    start: () => headsOwn('break'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'the department head cannot book the discussion of their own request to leave',
    action: { type: 'bookRedeployment', on: '2026-06-05' },
    by: HEAD,
    at: 1,
    ctx: HEAD_RAISES.ctx,
    start: () => headsOwn('leave'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'the department head cannot record the discussion of their own request to leave',
    action: { type: 'recordRedeployment', outcome: 'stayingWithAdjustments' },
    by: HEAD,
    at: 1,
    ctx: HEAD_RAISES.ctx,
    start: () => headsOwn('leave', [[{ type: 'recordRiskAssessment', adjustments: ['workloadReview'] }, ABOVE, 1]]),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: "the person above acts on the department head's request",
    action: { type: 'acknowledge' },
    by: ABOVE,
    at: 1,
    ctx: HEAD_RAISES.ctx,
    start: () => headsOwn('leave'),
    expect: { check: (d) => assert.equal(d.acknowledged?.by, ABOVE) },
  },
  {
    name: 'the department head withdraws their own talk',
    action: { type: 'withdraw' },
    by: HEAD,
    at: 1,
    ctx: HEAD_RAISES.ctx,
    start: () => headsOwn('talk'),
    expect: { check: (d) => assert.equal(d.status, 'withdrawn') },
  },

  // ── withdraw ────────────────────────────────────────────────────────────────────────────────
  {
    name: 'the declarant withdraws a talk',
    action: { type: 'withdraw' },
    by: DECLARANT,
    at: 3,
    start: () => given('talk'),
    expect: {
      check: (d) => {
        assert.equal(d.status, 'withdrawn');
        assert.equal(d.nextDeadlineAt, undefined);
        assert.deepEqual(last(d), { at: isoAt(3), event: 'withdrawn', personId: DECLARANT });
        assert.ok(!isOpen(d));
      },
    },
  },
  {
    name: 'the declarant withdraws an acknowledged talk',
    action: { type: 'withdraw' },
    by: DECLARANT,
    at: 7,
    start: () => given('talk', [ack(SUPERVISOR, 5)]),
    expect: { check: (d) => assert.equal(d.status, 'withdrawn') },
  },
  {
    name: 'a break cannot be withdrawn',
    action: { type: 'withdraw' },
    by: DECLARANT,
    at: 3,
    start: () => given('break', [], { accessRemoval: 'removedAutomatically' }),
    expect: { rejected: 'notAllowedNow' },
  },
  {
    name: 'a leave cannot be withdrawn',
    action: { type: 'withdraw' },
    by: DECLARANT,
    at: 3,
    start: () => given('leave'),
    expect: { rejected: 'notAllowedNow' },
  },
  {
    name: 'withdraw by the supervisor is refused',
    action: { type: 'withdraw' },
    by: SUPERVISOR,
    at: 3,
    start: () => given('talk'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'withdraw by the department head is refused',
    action: { type: 'withdraw' },
    by: HEAD,
    at: 3,
    start: () => given('talk'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'withdraw by a stranger is refused',
    action: { type: 'withdraw' },
    by: STRANGER,
    at: 3,
    start: () => given('talk'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'withdraw by the system is refused',
    action: { type: 'withdraw' },
    by: 'system',
    at: 3,
    start: () => given('talk'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'withdrawing twice is a no-op',
    action: { type: 'withdraw' },
    by: DECLARANT,
    at: 6,
    start: withdrawnTalk,
    expect: { unchanged: true },
  },
  {
    name: 'withdrawing a closed talk is a no-op',
    action: { type: 'withdraw' },
    by: DECLARANT,
    at: 6,
    start: closedTalk,
    expect: { unchanged: true },
  },

  // ── a break that ends (issue 14, part 1): review date, ready, confirmed return, restore ──────────
  {
    name: 'the person sets a new review date for their break; nobody else is sent a card',
    action: { type: 'setReview', on: '2026-06-08' },
    by: DECLARANT,
    at: 5,
    start: () => given('break'),
    expect: {
      check: (d, fx) => {
        assert.equal(d.offViewing?.reviewOn, '2026-06-08');
        assert.equal(d.offViewing?.reviewSetBy, DECLARANT);
        assert.deepEqual(last(d), { at: isoAt(5), event: 'reviewSet', personId: DECLARANT, detail: '2026-06-08' });
        assert.ok(fx.some((e) => e.kind === 'resolveBreakTray'));
        assert.ok(!fx.some((e) => e.kind === 'breakCard'));
      },
    },
  },
  {
    name: 'the supervisor changes the review date: the person is sent the break card',
    action: { type: 'setReview', on: '2026-06-10' },
    by: SUPERVISOR,
    at: 5,
    start: () => given('break'),
    expect: {
      check: (d, fx) => {
        assert.equal(d.offViewing?.reviewOn, '2026-06-10');
        assert.deepEqual(
          fx.filter((e) => e.kind === 'breakCard'),
          [{ kind: 'breakCard', personId: DECLARANT, reason: 'reviewChanged' }],
        );
      },
    },
  },
  {
    name: 'someone with no role for the person cannot set a review date',
    action: { type: 'setReview', on: '2026-06-08' },
    by: STRANGER,
    at: 5,
    start: () => given('break'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'a review date today or in the past is refused',
    action: { type: 'setReview', on: '2026-06-03' },
    by: DECLARANT,
    at: 5,
    start: () => given('break'),
    expect: { rejected: 'invalid' },
  },
  {
    name: 'a request to leave has no review date',
    action: { type: 'setReview', on: '2026-06-08' },
    by: SUPERVISOR,
    at: 5,
    start: () => given('leave'),
    expect: { rejected: 'notAllowedNow' },
  },
  {
    name: 'the same review date again changes nothing',
    action: { type: 'setReview', on: '2026-06-08' },
    by: SUPERVISOR,
    at: 6,
    start: () => given('break', [[{ type: 'setReview', on: '2026-06-08' }, DECLARANT, 5]]),
    expect: { unchanged: true },
  },
  {
    name: '"I feel ready to go back": recorded, and whoever acts for them now gets a tray line',
    action: { type: 'readyToReturn' },
    by: DECLARANT,
    at: DAY,
    start: () => given('break', [assess(SUPERVISOR, 5)], { accessRemoval: 'removedAutomatically' }),
    expect: {
      check: (d, fx) => {
        assert.deepEqual(d.offViewing?.ready, { at: isoAt(DAY) });
        assert.equal(d.status, 'closed');
        assert.deepEqual(
          fx.filter((e) => e.kind === 'breakTray'),
          [{ kind: 'breakTray', personId: SUPERVISOR, item: 'ready' }],
        );
        assert.ok(!fx.some((e) => e.kind === 'restoreViewing'), 'ready alone restores nothing');
      },
    },
  },
  {
    name: 'the supervisor cannot say the person is ready for them',
    action: { type: 'readyToReturn' },
    by: SUPERVISOR,
    at: DAY,
    start: () => given('break'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'no return is offered while a request to leave of theirs is open',
    action: { type: 'readyToReturn' },
    by: DECLARANT,
    at: DAY,
    start: () => given('break', [], { ctx: { leaveOpen: true } }),
    ctx: { leaveOpen: true },
    expect: { rejected: 'notAllowedNow' },
  },
  {
    name: 'nor on the open request to leave itself',
    action: { type: 'readyToReturn' },
    by: DECLARANT,
    at: DAY,
    start: () => given('leave', [assess(SUPERVISOR, 5)]),
    expect: { rejected: 'notAllowedNow' },
  },
  {
    name: 'saying ready twice changes nothing',
    action: { type: 'readyToReturn' },
    by: DECLARANT,
    at: DAY + 1,
    start: () => given('break', [[{ type: 'readyToReturn' }, DECLARANT, DAY]]),
    expect: { unchanged: true },
  },
  {
    name: 'the supervisor confirms the return once the person is ready: viewing restored, Graph re-add pending',
    action: { type: 'confirmReturn', automatic: true },
    by: SUPERVISOR,
    at: DAY + 10,
    start: () =>
      given('break', [assess(SUPERVISOR, 5), [{ type: 'readyToReturn' }, DECLARANT, DAY]], { accessRemoval: 'removedAutomatically' }),
    expect: {
      check: (d, fx) => {
        assert.deepEqual(d.offViewing?.returned, { by: SUPERVISOR, at: isoAt(DAY + 10) });
        assert.equal(d.offViewing?.automaticRestore, 'pending');
        assert.equal(d.offViewing?.accessRestore, undefined);
        assert.ok(fx.some((e) => e.kind === 'restoreViewing'));
        assert.deepEqual(
          fx.filter((e) => e.kind === 'breakCard'),
          [{ kind: 'breakCard', personId: DECLARANT, reason: 'returnAgreed' }],
        );
        assert.equal(offViewingSince([d]), undefined, 'no longer off viewing');
      },
    },
  },
  {
    name: 'with no automatic restore configured, the return leaves a step by hand',
    action: { type: 'confirmReturn', automatic: false },
    by: HEAD,
    at: DAY + 10,
    start: () => given('break', [[{ type: 'readyToReturn' }, DECLARANT, DAY]]),
    expect: {
      check: (d) => {
        assert.equal(d.offViewing?.accessRestore, 'awaitingConfirmation');
        assert.equal(d.offViewing?.automaticRestore, undefined);
      },
    },
  },
  {
    name: 'the person cannot confirm their own return',
    action: { type: 'confirmReturn', automatic: false },
    by: DECLARANT,
    at: DAY + 10,
    start: () => given('break', [[{ type: 'readyToReturn' }, DECLARANT, DAY]]),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'a standing cover who is not acting for the person now cannot confirm it',
    action: { type: 'confirmReturn', automatic: false },
    by: COVER,
    at: DAY + 10,
    start: () => given('break', [[{ type: 'readyToReturn' }, DECLARANT, DAY]]),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'the supervisor alone cannot return them: the person has not said they are ready',
    action: { type: 'confirmReturn', automatic: false },
    by: SUPERVISOR,
    at: DAY + 10,
    start: () => given('break', [assess(SUPERVISOR, 5)]),
    expect: { rejected: 'notAllowedNow' },
  },
  {
    name: 'confirming a return twice changes nothing',
    action: { type: 'confirmReturn', automatic: false },
    by: SUPERVISOR,
    at: DAY + 11,
    start: () =>
      given('break', [
        [{ type: 'readyToReturn' }, DECLARANT, DAY],
        [{ type: 'confirmReturn', automatic: false }, SUPERVISOR, DAY + 10],
      ]),
    expect: { unchanged: true },
  },
  {
    name: '"access restored" by hand, after the return',
    action: { type: 'confirmAccessRestored' },
    by: SUPERVISOR,
    at: DAY + 20,
    start: () =>
      given('break', [
        [{ type: 'readyToReturn' }, DECLARANT, DAY],
        [{ type: 'confirmReturn', automatic: false }, SUPERVISOR, DAY + 10],
      ]),
    expect: {
      check: (d, fx) => {
        assert.equal(d.offViewing?.accessRestore, 'confirmed');
        assert.deepEqual(last(d), { at: isoAt(DAY + 20), event: 'accessRestored', personId: SUPERVISOR });
        assert.ok(fx.some((e) => e.kind === 'resolveBreakTray' && e.items.includes('restoreAccess')));
      },
    },
  },
  {
    name: 'the person cannot confirm their own access restored',
    action: { type: 'confirmAccessRestored' },
    by: DECLARANT,
    at: DAY + 20,
    start: () =>
      given('break', [
        [{ type: 'readyToReturn' }, DECLARANT, DAY],
        [{ type: 'confirmReturn', automatic: false }, SUPERVISOR, DAY + 10],
      ]),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: '"access restored" with nothing to restore changes nothing',
    action: { type: 'confirmAccessRestored' },
    by: SUPERVISOR,
    at: DAY + 20,
    start: () => given('break'),
    expect: { unchanged: true },
  },
  {
    name: 'Haven records the automatic re-add',
    action: { type: 'accessRestoredAutomatically' },
    by: 'system',
    at: DAY + 11,
    start: () =>
      given('break', [
        [{ type: 'readyToReturn' }, DECLARANT, DAY],
        [{ type: 'confirmReturn', automatic: true }, SUPERVISOR, DAY + 10],
      ]),
    expect: {
      check: (d) => {
        assert.equal(d.offViewing?.automaticRestore, 'done');
        assert.equal(d.offViewing?.accessRestore, 'restoredAutomatically');
        assert.deepEqual(last(d), { at: isoAt(DAY + 11), event: 'accessRestored', detail: 'automatic' });
      },
    },
  },
  {
    name: 'only Haven records an automatic re-add',
    action: { type: 'accessRestoredAutomatically' },
    by: SUPERVISOR,
    at: DAY + 11,
    start: () => given('break'),
    expect: { rejected: 'notEntitled' },
  },
  {
    name: 'a failed re-add becomes a step by hand for whoever agreed the return',
    action: { type: 'accessRestoreFailed' },
    by: 'system',
    at: DAY + 11,
    start: () =>
      given('break', [
        [{ type: 'readyToReturn' }, DECLARANT, DAY],
        [{ type: 'confirmReturn', automatic: true }, HEAD, DAY + 10],
      ]),
    expect: {
      check: (d, fx) => {
        assert.equal(d.offViewing?.automaticRestore, 'failed');
        assert.equal(d.offViewing?.accessRestore, 'awaitingConfirmation');
        assert.deepEqual(
          fx.filter((e) => e.kind === 'breakTray'),
          [{ kind: 'breakTray', personId: HEAD, item: 'restoreAccess' }],
        );
      },
    },
  },
  {
    name: 'only Haven records a failed re-add',
    action: { type: 'accessRestoreFailed' },
    by: DECLARANT,
    at: DAY + 11,
    start: () => given('break'),
    expect: { rejected: 'notEntitled' },
  },
];

function expectOutcome(r: Outcome, input: Declaration, expect: Expect): void {
  if ('rejected' in expect) {
    assert.equal(r.ok, false, `expected a ${expect.rejected} rejection, got ${JSON.stringify(r)}`);
    if (!r.ok) assert.equal(r.rejection.code, expect.rejected, r.rejection.message);
    return;
  }
  assert.ok(r.ok, `expected acceptance, got ${JSON.stringify(r)}`);
  if ('unchanged' in expect) {
    assert.equal(r.changed, false, `expected no change; effects ${JSON.stringify(r.effects)}`);
    assert.deepEqual(r.effects, []);
    assert.deepEqual(r.declaration, input);
    return;
  }
  assert.equal(r.changed, true, 'expected a change');
  assert.ok(
    r.effects.some((e) => e.kind === 'refreshCards'),
    'every change refreshes the cards',
  );
  expect.check(r.declaration, r.effects, input);
}

describe('domain/declaration', () => {
  it('the demo chain for dev.patel is priya → sam → dana', () => {
    assert.deepEqual(
      CHAIN.map((e) => [e.personId, e.role, e.delayMinutes]),
      [
        [SUPERVISOR, 'supervisor', 15],
        [COVER, 'cover', 15],
        [HEAD, 'departmentHead', 30],
      ],
    );
  });

  describe('newDeclaration', () => {
    for (const kind of ['talk', 'break', 'leave'] as const) {
      it(`${kind}: the first level is alerted with a deadline`, () => {
        const { declaration: d, effects } = raise(kind, { accessRemoval: 'awaitingConfirmation' });
        assert.equal(d.status, 'open');
        assert.equal(d.kind, kind);
        assert.equal(d.personId, DECLARANT);
        assert.equal(d.raisedAt, isoAt(0));
        assert.equal(d.level, 0);
        assert.equal(d.loop, 0);
        assert.deepEqual(d.onCall, { personId: SUPERVISOR, role: 'supervisor', since: isoAt(0) });
        assert.deepEqual(d.notified, [SUPERVISOR]);
        assert.equal(d.nextDeadlineAt, isoAt(15));
        assert.deepEqual(d.timeline, [
          { at: isoAt(0), event: 'raised' },
          { at: isoAt(0), event: 'alerted', personId: SUPERVISOR, detail: 'supervisor' },
        ]);
        assert.deepEqual(alerts(effects), [{ kind: 'alertResponder', personId: SUPERVISOR, reason: 'raised' }]);
        assert.ok(effects.some((e) => e.kind === 'tellOwner' && e.event === 'raised'));
        assert.ok(effects.some((e) => e.kind === 'refreshCards'));
        assert.equal(d.accessRemoval, kind === 'talk' ? 'notNeeded' : 'awaitingConfirmation', 'talk never needs access removal');
        if (kind === 'leave') {
          assert.deepEqual(d.redeployment, { dueAt: isoAt(5 * DAY), nextReminderAt: isoAt(5 * DAY) });
          assert.deepEqual(
            effects.filter((e) => e.kind === 'redeploymentTask'),
            [{ kind: 'redeploymentTask', personId: HEAD, reason: 'raised' }],
          );
        } else {
          assert.equal(d.redeployment, undefined);
          assert.deepEqual(
            effects.filter((e) => e.kind === 'redeploymentTask'),
            [],
          );
        }
      });
    }

    it('the redeployment deadline follows the policy', () => {
      const { declaration: d } = raise('leave', { ctx: { policy: { ...DEFAULT_POLICY, redeploymentDeadlineDays: 2 } } });
      assert.equal(d.redeployment?.dueAt, isoAt(2 * DAY));
    });

    it('a leave with no department head gets a deadline but no task', () => {
      const { declaration: d, effects } = raise('leave', { ctx: { departmentHeadId: undefined } });
      assert.ok(d.redeployment);
      assert.deepEqual(
        effects.filter((e) => e.kind === 'redeploymentTask'),
        [],
      );
    });

    it('peer-support follow-ups at 72 hours and a month, only for someone on the roster', () => {
      assert.deepEqual(raise('talk').declaration.followUps, [
        { kind: '72h', dueAt: isoAt(72 * 60) },
        { kind: '1month', dueAt: isoAt(30 * DAY) },
      ]);
      const unrostered = newDeclaration(
        { id: 'd2', personId: 'unrostered:29:x', kind: 'talk', noteShare: 'supervisor', accessRemoval: 'notNeeded' },
        ctxAt(0),
      );
      assert.equal(unrostered.declaration.followUps, undefined);
    });

    it('the note is trimmed; a blank note is dropped', () => {
      assert.equal(raise('talk', { note: '  rough week \n' }).declaration.note, 'rough week');
      assert.equal(raise('talk', { note: '   ' }).declaration.note, undefined);
    });
  });

  describe('transition', () => {
    it('the table covers every action type, accepted and refused', () => {
      for (const type of Object.keys(ACTION_TYPES)) {
        const mine = CASES.filter((c) => c.action.type === type);
        assert.ok(
          mine.some((c) => 'check' in c.expect),
          `${type}: no accepted case`,
        );
        assert.ok(
          mine.some((c) => 'rejected' in c.expect),
          `${type}: no refused case`,
        );
      }
    });

    for (const c of CASES) {
      it(`${c.action.type}: ${c.name}`, () => {
        const input = c.start();
        const snapshot = structuredClone(input);
        const r = transition(input, c.action, actorOf(c.by), ctxAt(c.at, c.ctx));
        assert.deepEqual(input, snapshot, 'transition must not mutate its input');
        expectOutcome(r, snapshot, c.expect);
        if (r.ok && !r.changed) assert.equal(r.declaration, input, 'an unchanged outcome hands back the same object');
      });
    }
  });

  describe('nothing changes once closed or withdrawn', () => {
    const actions: Action[] = [
      { type: 'tick' },
      { type: 'unreachable', personId: SUPERVISOR, reason: 'x' },
      { type: 'acknowledge' },
      { type: 'recordRiskAssessment', adjustments: ['offViewing'], notes: 'n' },
      { type: 'confirmAccessRemoved' },
      { type: 'accessRemovedAutomatically' },
      { type: 'reassign', toPersonId: COVER },
      { type: 'escalateNow' },
      { type: 'bookRedeployment', on: '2026-07-01' },
      { type: 'recordRedeployment', outcome: 'stayingWithAdjustments' },
      { type: 'withdraw' },
    ];
    const ends: Array<[string, () => Declaration]> = [
      ['closed talk', closedTalk],
      ['withdrawn talk', withdrawnTalk],
      ['closed leave', closedLeave],
      [
        'closed break',
        () =>
          given('break', [assess(SUPERVISOR, 5), [{ type: 'confirmAccessRemoved' }, SUPERVISOR, 6]], {
            accessRemoval: 'awaitingConfirmation',
          }),
      ],
    ];
    for (const [name, start] of ends) {
      it(name, () => {
        const d = start();
        assert.ok(!isOpen(d));
        const snapshot = structuredClone(d);
        for (const action of actions) {
          for (const by of ['system', DECLARANT, SUPERVISOR, COVER, HEAD, STRANGER]) {
            for (const minutes of [6, 60, 30 * DAY]) {
              const r = transition(d, action, actorOf(by), ctxAt(minutes));
              if (r.ok) {
                assert.equal(r.changed, false, `${action.type} by ${by} changed a ${name}`);
                assert.deepEqual(r.effects, [], `${action.type} by ${by} produced effects on a ${name}`);
              }
            }
          }
        }
        assert.deepEqual(d, snapshot);
        for (const viewer of [DECLARANT, SUPERVISOR, COVER, HEAD, STRANGER])
          assert.deepEqual(allowedActions(d, viewer, ctxAt(60)), [], `${viewer} sees buttons on a ${name}`);
      });
    }
  });

  describe('allowedActions', () => {
    const sorted = (xs: CardAction[]) => [...xs].sort();
    const cases: Array<{ name: string; start: () => Declaration; at?: number; viewer: string; actions: CardAction[] }> = [
      {
        name: 'on-call supervisor, open talk',
        start: () => given('talk'),
        viewer: SUPERVISOR,
        actions: ['acknowledge', 'recordRiskAssessment', 'escalateNow', 'reassign'],
      },
      {
        name: 'department head, open talk (always entitled; no redeployment on a talk)',
        start: () => given('talk'),
        viewer: HEAD,
        actions: ['acknowledge', 'recordRiskAssessment', 'escalateNow', 'reassign'],
      },
      { name: 'later level not yet alerted, open talk', start: () => given('talk'), viewer: COVER, actions: [] },
      { name: 'stranger, open talk', start: () => given('talk'), viewer: STRANGER, actions: [] },
      { name: 'declarant, open talk: withdraw only', start: () => given('talk'), viewer: DECLARANT, actions: ['withdraw'] },
      {
        name: 'declarant, open break: nothing',
        start: () => given('break', [], { accessRemoval: 'awaitingConfirmation' }),
        viewer: DECLARANT,
        actions: [],
      },
      { name: 'declarant, open leave: nothing', start: () => given('leave'), viewer: DECLARANT, actions: [] },
      {
        name: 'department head, open leave: redeployment buttons too',
        start: () => given('leave'),
        viewer: HEAD,
        actions: ['acknowledge', 'recordRiskAssessment', 'escalateNow', 'bookRedeployment', 'recordRedeployment', 'reassign'],
      },
      {
        name: 'supervisor, open leave: no redeployment buttons',
        start: () => given('leave'),
        viewer: SUPERVISOR,
        actions: ['acknowledge', 'recordRiskAssessment', 'escalateNow', 'reassign'],
      },
      {
        name: 'supervisor, acknowledged talk: no second acknowledge',
        start: () => given('talk', [ack(SUPERVISOR, 5)]),
        viewer: SUPERVISOR,
        actions: ['recordRiskAssessment', 'escalateNow', 'reassign'],
      },
      {
        name: 'supervisor, break awaiting access confirmation',
        start: () => given('break', [], { accessRemoval: 'awaitingConfirmation' }),
        viewer: SUPERVISOR,
        actions: ['acknowledge', 'recordRiskAssessment', 'confirmAccessRemoved', 'escalateNow', 'reassign'],
      },
      {
        name: 'supervisor, assessed break awaiting access confirmation',
        start: () => given('break', [assess(SUPERVISOR, 5)], { accessRemoval: 'awaitingConfirmation' }),
        viewer: SUPERVISOR,
        actions: ['confirmAccessRemoved', 'escalateNow', 'reassign'],
      },
      {
        name: 'department head, assessed leave',
        start: () => given('leave', [assess(SUPERVISOR, 5)]),
        viewer: HEAD,
        actions: ['escalateNow', 'bookRedeployment', 'recordRedeployment', 'reassign'],
      },
      {
        name: 'department head, leave with the discussion booked and held',
        start: () => given('leave', [[{ type: 'bookRedeployment', on: '2000-01-01' }, HEAD, 3], held(4)]),
        viewer: HEAD,
        actions: ['acknowledge', 'recordRiskAssessment', 'escalateNow', 'reassign'],
      },
      {
        name: 'the cover once escalated to',
        start: () => given('talk', [tick(15)]),
        viewer: COVER,
        actions: ['acknowledge', 'recordRiskAssessment', 'escalateNow', 'reassign'],
      },
      {
        name: 'the supervisor after escalation keeps the right to act',
        start: () => given('talk', [tick(15)]),
        viewer: SUPERVISOR,
        actions: ['acknowledge', 'recordRiskAssessment', 'escalateNow', 'reassign'],
      },
      { name: 'the department head on their own leave: no buttons', start: () => headsOwn('leave'), viewer: HEAD, actions: [] },
      { name: 'the department head on their own talk: withdraw only', start: () => headsOwn('talk'), viewer: HEAD, actions: ['withdraw'] },
      {
        name: "the person above on the department head's leave: no redeployment buttons (not the department head)",
        start: () => headsOwn('leave'),
        viewer: ABOVE,
        actions: ['acknowledge', 'recordRiskAssessment', 'escalateNow', 'reassign'],
      },
      { name: 'withdrawn talk, declarant', start: withdrawnTalk, viewer: DECLARANT, actions: [] },
      { name: 'closed leave, department head', start: closedLeave, viewer: HEAD, actions: [] },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const d = c.start();
        assert.deepEqual(
          sorted(allowedActions(d, c.viewer, ctxAt(c.at ?? 10, d.personId === HEAD ? HEAD_RAISES.ctx : {}))),
          sorted(c.actions),
        );
      });
    }

    it('no reassign button when nobody else can be reassigned to', () => {
      const d = given('talk');
      assert.ok(!allowedActions(d, SUPERVISOR, ctxAt(1, { reassignable: [SUPERVISOR, DECLARANT] })).includes('reassign'));
    });

    /** Each button is shown exactly when some concrete click of it would be accepted and change something. */
    it('matches what transition accepts, for every viewer in many states', () => {
      const probes = (ctx: Context): Array<[CardAction, Action]> => [
        ['acknowledge', { type: 'acknowledge' }],
        ['recordRiskAssessment', { type: 'recordRiskAssessment', adjustments: ['referOH'] }],
        ['confirmAccessRemoved', { type: 'confirmAccessRemoved' }],
        ['escalateNow', { type: 'escalateNow' }],
        ['bookRedeployment', { type: 'bookRedeployment', on: '2031-02-03' }],
        ['recordRedeployment', { type: 'recordRedeployment', outcome: 'stayingWithAdjustments' }],
        ['withdraw', { type: 'withdraw' }],
        ...ctx.reassignable.map((p): [CardAction, Action] => ['reassign', { type: 'reassign', toPersonId: p }]),
      ];
      const states: Declaration[] = [
        ...(['talk', 'break', 'leave'] as const).flatMap((k) => [
          given(k),
          given(k, [ack(SUPERVISOR, 5)]),
          given(k, [tick(15)]),
          given(k, [tick(15), tick(30), tick(60)]),
          given(k, [ack(SUPERVISOR, 5), tick(65)]),
        ]),
        given('break', [assess(SUPERVISOR, 5)], { accessRemoval: 'awaitingConfirmation' }),
        given('leave', [assess(SUPERVISOR, 5)]),
        given('leave', [held(5)]),
        given('leave', [[{ type: 'reassign', toPersonId: COVER }, SUPERVISOR, 2]]),
        closedTalk(),
        withdrawnTalk(),
        closedLeave(),
      ];
      const ctx = ctxAt(100);
      for (const d of states) {
        for (const viewer of [DECLARANT, SUPERVISOR, COVER, HEAD, STRANGER, OTHER_OFFICER]) {
          const accepted = new Set<CardAction>();
          for (const [button, action] of probes(ctx)) {
            const r = transition(d, action, { kind: 'person', personId: viewer }, ctx);
            if (r.ok && r.changed) accepted.add(button);
          }
          assert.deepEqual(
            sorted(allowedActions(d, viewer, ctx)),
            sorted([...accepted]),
            `${viewer} on ${d.kind}/${d.status} (${d.timeline.map((t) => t.event).join(',')})`,
          );
        }
      }
    });
  });

  describe('maySeeNote', () => {
    const cases: Array<{ viewer: string; noteShare: NoteShare; steps?: Step[]; sees: boolean }> = [
      { viewer: DECLARANT, noteShare: 'supervisor', sees: true },
      { viewer: DECLARANT, noteShare: 'supervisorAndHead', sees: true },
      { viewer: SUPERVISOR, noteShare: 'supervisor', sees: true },
      { viewer: SUPERVISOR, noteShare: 'supervisorAndHead', sees: true },
      { viewer: COVER, noteShare: 'supervisor', steps: [tick(15)], sees: true },
      { viewer: COVER, noteShare: 'supervisor', sees: false },
      { viewer: HEAD, noteShare: 'supervisor', sees: false },
      { viewer: HEAD, noteShare: 'supervisor', steps: [tick(15), tick(30)], sees: false },
      { viewer: HEAD, noteShare: 'supervisorAndHead', sees: true },
      { viewer: HEAD, noteShare: 'supervisorAndHead', steps: [tick(15), tick(30)], sees: true },
      { viewer: STRANGER, noteShare: 'supervisor', sees: false },
      { viewer: STRANGER, noteShare: 'supervisorAndHead', sees: false },
      { viewer: OTHER_OFFICER, noteShare: 'supervisorAndHead', sees: false },
      { viewer: COVER, noteShare: 'supervisorAndHead', steps: [[{ type: 'reassign', toPersonId: COVER }, SUPERVISOR, 3]], sees: true },
    ];
    for (const c of cases) {
      it(`${c.viewer}, shared with ${c.noteShare}${c.steps ? ` after ${c.steps.length} step(s)` : ''}: ${c.sees ? 'sees' : 'does not see'}`, () => {
        const d = given('talk', c.steps ?? [], { noteShare: c.noteShare });
        assert.equal(maySeeNote(d, c.viewer, ctxAt(40)), c.sees);
      });
    }

    it('the department head always sees the note on their own request', () => {
      assert.equal(maySeeNote(headsOwn('talk'), HEAD, ctxAt(1, HEAD_RAISES.ctx)), true);
    });
  });
});

describe('declaration: what the person who asked is told (issue 13, honest)', () => {
  const withConfirmation = (d: Declaration): Declaration => ({ ...d, confirmation: { outboxId: `${d.id}:confirmation` } });

  it('noteAlertReached: the confirmation is updated once, when the alert to whoever holds the request now got through', () => {
    const d = withConfirmation(raise('break').declaration);
    assert.equal(holderReached(d), false, 'queued is not reached');
    const first = noteAlertReached(d, SUPERVISOR);
    assert.deepEqual(first.effects, [{ kind: 'updateConfirmation', personId: SUPERVISOR }]);
    assert.equal(first.declaration.confirmation?.says, SUPERVISOR);
    assert.equal(holderReached(first.declaration), true);
    const again = noteAlertReached(first.declaration, SUPERVISOR);
    assert.deepEqual(again.effects, [], 'the same delivery twice changes nothing');
    assert.equal(again.declaration, first.declaration);
  });

  it('noteAlertReached: an alert reaching someone who no longer holds the request is recorded, and the confirmation is left alone', () => {
    const escalated = transition(withConfirmation(raise('talk').declaration), { type: 'tick' }, { kind: 'system' }, ctxAt(15));
    assert.ok(escalated.ok);
    assert.equal(escalated.declaration.onCall?.personId, COVER);
    const late = noteAlertReached(escalated.declaration, SUPERVISOR);
    assert.deepEqual(late.effects, []);
    assert.deepEqual(late.declaration.reached, [SUPERVISOR]);
    assert.equal(late.declaration.confirmation?.says, undefined);
  });

  it('noteAlertReached: nothing to update for a closed request, or one with no confirmation (not on the roster)', () => {
    const noConfirmation = raise('talk').declaration;
    assert.deepEqual(noteAlertReached(noConfirmation, SUPERVISOR).effects, []);
    const closed = { ...withConfirmation(raise('talk').declaration), status: 'closed' as const };
    assert.deepEqual(noteAlertReached(closed, SUPERVISOR).effects, []);
  });

  it('offViewingSince: a break or request to leave until a return is agreed (closing or withdrawing it is not a return); never a talk request', () => {
    const brk = { ...raise('break').declaration, raisedAt: isoAt(10), offViewing: { since: isoAt(10) } };
    const leave = { ...raise('leave').declaration, raisedAt: isoAt(20), offViewing: { since: isoAt(20) } };
    const talk = raise('talk').declaration;
    assert.equal(offViewingSince([]), undefined);
    assert.equal(offViewingSince([talk]), undefined);
    assert.equal(offViewingSince([leave, brk, talk]), isoAt(10), 'since the earliest');
    // Issue 14, part 1: the time off viewing outlives the request.
    assert.equal(
      offViewingSince([
        { ...brk, status: 'closed' },
        { ...leave, status: 'withdrawn' },
      ]),
      isoAt(10),
    );
    // A row stored before periods existed: off viewing since the request.
    const { offViewing: _none, ...legacy } = brk;
    assert.equal(offViewingSince([{ ...legacy, status: 'closed' }]), isoAt(10));
    // Only an agreed return ends it.
    const returned = { ...brk, status: 'closed' as const, offViewing: { since: isoAt(10), returned: { by: SUPERVISOR, at: isoAt(99) } } };
    assert.equal(offViewingSince([returned, talk]), undefined);
  });
});

describe('domain/declaration: redeployment until the move happens (issue #14 part 5)', () => {
  const run = (d: Declaration, action: Action, by: string, minutes: number, over: Partial<Context> = HR_CTX) =>
    transition(d, action, actorOf(by), ctxAt(minutes, over));

  it('the outcome is checked whole: every problem in one message, nothing stored', () => {
    const d = given('leave');
    const r = run(d, { type: 'recordRedeployment', outcome: 'moveAgreed', moveOn: 'soon', destination: '  ' }, HEAD, 60);
    assert.ok(!r.ok);
    assert.equal(r.rejection.code, 'invalid');
    assert.match(r.rejection.message, /Choose the move date\./);
    assert.match(r.rejection.message, /Say where they move to/);
    const none = run(d, { type: 'recordRedeployment', moveOn: '2026-02-30' }, HEAD, 60);
    assert.ok(!none.ok);
    assert.match(none.rejection.message, /Choose what the discussion came to/);
    assert.match(none.rejection.message, /Choose the move date/);
    const past = run(d, { type: 'recordRedeployment', outcome: 'moveAgreed', moveOn: '2026-06-01', destination: 'Fraud' }, HEAD, 60);
    assert.ok(!past.ok);
    assert.match(past.rejection.message, /The date has passed/);
    const long = run(d, { type: 'recordRedeployment', outcome: 'moveAgreed', moveOn: MOVE_ON, destination: 'x'.repeat(200) }, HEAD, 60);
    assert.ok(!long.ok);
    assert.match(long.rejection.message, /where they move to/i);
  });

  it('a move agreed keeps the request open after the assessment, and tells HR in their working time only', () => {
    const d = given('leave', [assess(SUPERVISOR, 5)], { ctx: HR_CTX });
    const offDuty = run(d, moveAgreed(60)[0], HEAD, 60, { ...HR_CTX, isWorking: (id) => id !== HR });
    assert.ok(offDuty.ok && offDuty.changed);
    const stored = offDuty.declaration;
    assert.equal(stored.status, 'assessed');
    assert.deepEqual(stored.redeployment?.move, { on: MOVE_ON, destination: 'Fraud Team 1' });
    assert.equal(stored.redeployment?.held?.outcome, 'moveAgreed');
    assert.ok(!offDuty.effects.some((e) => e.kind === 'moveCard'), 'HR off duty: no card yet');
    const later = run(stored, { type: 'tick' }, 'system', 16 * 60);
    assert.ok(later.ok);
    assert.deepEqual(
      later.effects.filter((e) => e.kind === 'moveCard'),
      [{ kind: 'moveCard', personId: HR }],
    );
    const again = run(later.declaration, { type: 'tick' }, 'system', 17 * 60);
    assert.ok(again.ok && !again.effects.some((e) => e.kind === 'moveCard'), 'HR are sent the card once');
  });

  it('HR may see the move and record it done, and nothing else of the request', () => {
    const d = given('leave', [moveAgreed(60)], { ctx: HR_CTX, noteShare: 'supervisorAndHead' });
    const ctx = ctxAt(61, HR_CTX);
    assert.equal(mayActOnRequest(d, HR, ctx), false);
    assert.equal(maySeeNote(d, HR, ctx), false);
    assert.deepEqual(allowedActions(d, HR, ctx), ['recordMoveDone']);
    for (const action of [{ type: 'acknowledge' }, { type: 'escalateNow' }, { type: 'bookRedeployment', on: MOVE_ON }] as Action[])
      assert.equal((run(d, action, HR, 61) as { ok: false; rejection: Rejection }).rejection?.code, 'notEntitled', action.type);
  });

  it('"staying, with adjustments" needs no move; "not possible yet" makes the discussion due again by the date given', () => {
    const staying = run(
      given('leave', [assess(SUPERVISOR, 5)]),
      { type: 'recordRedeployment', outcome: 'stayingWithAdjustments' },
      HEAD,
      60,
    );
    assert.ok(staying.ok);
    assert.equal(staying.declaration.status, 'closed');
    const notYet = run(
      given('leave', [assess(SUPERVISOR, 5)]),
      { type: 'recordRedeployment', outcome: 'notPossibleYet', moveOn: '2026-07-01' },
      HEAD,
      60,
    );
    assert.ok(notYet.ok);
    assert.equal(notYet.declaration.status, 'assessed');
    assert.equal(notYet.declaration.redeployment?.dueAt, '2026-07-01T23:00:00.000Z', 'midnight after that day, UK time');
    assert.ok(allowedActions(notYet.declaration, HEAD, ctxAt(61)).includes('recordRedeployment'), 'to be recorded again');
    const twice = run(notYet.declaration, { type: 'recordRedeployment', outcome: 'notPossibleYet', moveOn: '2026-07-01' }, HEAD, 62);
    assert.ok(twice.ok && !twice.changed, 'the same outcome and date again changes nothing');
    // A move that slipped, then fell through: the stale date still on the card does not stand in the way of "staying".
    const slipped = given('leave', [assess(SUPERVISOR, 5), moveAgreed(60)], { ctx: HR_CTX });
    const fellThrough = run(slipped, { type: 'recordRedeployment', outcome: 'stayingWithAdjustments', moveOn: MOVE_ON }, HEAD, 30 * DAY);
    assert.ok(fellThrough.ok && fellThrough.declaration.status === 'closed');
    assert.equal(fellThrough.declaration.redeployment?.move, undefined);
  });

  it('a slipped move reminds the department head, then the head and the person above, once a round, never before the day after', () => {
    const over = { ...HR_CTX, chain: CHAIN_WITH_ABOVE };
    let d = given('leave', [assess(SUPERVISOR, 5), moveAgreed(60)], { ctx: over });
    const tasks = (fx: Effect[]) => fx.flatMap((e) => (e.kind === 'redeploymentTask' && e.reason === 'moveOverdue' ? [e.personId] : []));
    const tickAt = (minutes: number, extra: Partial<Context> = {}) => {
      const r = run(d, { type: 'tick' }, 'system', minutes, { ...over, ...extra });
      assert.ok(r.ok);
      d = r.declaration;
      return tasks(r.effects);
    };
    // The move is on 20 June; T0 is 3 June 09:00 UTC. 20 June 23:30 UTC is still 21 June 00:30 in London.
    const june = (day: number, hhmm: number) => (Date.parse(`2026-06-${day}T00:00:00Z`) - T0.getTime()) / 60_000 + hhmm;
    assert.deepEqual(tickAt(june(20, 22 * 60)), [], 'not on the day itself');
    assert.deepEqual(tickAt(june(21, 8 * 60), { isWorking: () => false }), [], 'nobody outside working time');
    assert.deepEqual(tickAt(june(22, 9 * 60)), [HEAD], 'the department head first');
    assert.deepEqual(tickAt(june(22, 10 * 60)), [], 'no flood within the round');
    assert.deepEqual(tickAt(june(23, 9 * 60)).sort(), [ABOVE, HEAD].sort(), 'then the head and the person above');
    assert.equal(d.timeline.filter((e) => e.event === 'moveOverdue').length, 2, 'two rounds: one waited for working time');
    assert.ok(mayActOnRequest(d, ABOVE, ctxAt(june(23, 9 * 60), over)), 'the person above told may act on it');
    const done = run(d, { type: 'recordMoveDone' }, HR, june(23, 10 * 60), over);
    assert.ok(done.ok && done.declaration.status === 'closed');
    d = done.declaration;
    assert.deepEqual(tickAt(june(25, 9 * 60)), [], 'nothing once the move is done');
  });
});
