import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ADJUSTMENTS,
  allowedActions,
  isOpen,
  newDeclaration,
  transition,
  type AccessRemoval,
  type Action,
  type Actor,
  type CardAction,
  type Context,
  type Declaration,
  type DeclarationKind,
  type NoteShare,
  type Outcome,
} from '../../../src/features/declarations/rules.ts';
import { LEVEL_ROLES, type ChainEntry, type EscalationPolicy } from '../../../src/kernel/escalation.ts';

// Random declarations driven by random actors through up to 40 actions, with invariants checked after
// every step. The entitlement oracle is independent of the code under test: it reads who was alerted
// from the timeline, not from `notified` or policy.ts.

const DECLARANT = 'decl';
const POOL = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];
const HEAD_OUTSIDE = 'head';
const OTHER_SUPERVISOR = 'supx';
const STRANGERS = ['s1', 's2'];
const PEOPLE = [...POOL, HEAD_OUTSIDE, OTHER_SUPERVISOR, DECLARANT, ...STRANGERS];
const T0 = Date.parse('2026-06-03T09:00:00.000Z');
const SYSTEM_ACTIONS: Action['type'][] = ['tick', 'unreachable', 'accessRemovedAutomatically'];
const ALERT_EVENTS = new Set(['alerted', 'escalated', 'reAlerted', 'reassigned']);

interface Scenario {
  chain: ChainEntry[];
  head: string | undefined;
  reassignable: string[];
  policy: EscalationPolicy;
  kind: DeclarationKind;
  accessRemoval: AccessRemoval;
  noteShare: NoteShare;
  steps: { advance: number; actor: ActorPick; action: Action }[];
}

const personArb = fc.constantFrom(...PEOPLE);
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.constant<Action>({ type: 'acknowledge' }),
  fc
    .record({
      adjustments: fc.subarray(ADJUSTMENTS.map((a) => a.value)),
      notes: fc.option(fc.constantFrom('', '   ', 'talked it through', ' welfare day agreed '), { nil: undefined }),
    })
    .map((r): Action => ({
      type: 'recordRiskAssessment',
      adjustments: r.adjustments,
      ...(r.notes === undefined ? {} : { notes: r.notes }),
    })),
  personArb.map((toPersonId): Action => ({ type: 'reassign', toPersonId })),
  fc.constant<Action>({ type: 'escalateNow' }),
  fc.constant<Action>({ type: 'confirmAccessRemoved' }),
  fc.constant<Action>({ type: 'accessRemovedAutomatically' }),
  fc.constantFrom('2026-07-01', '2026-07-02', 'soon').map((on): Action => ({ type: 'bookRedeployment', on })),
  fc.constant<Action>({ type: 'recordRedeployment', outcome: 'stayingWithAdjustments' }),
  fc.constant<Action>({ type: 'withdraw' }),
  fc.constant<Action>({ type: 'tick' }),
  fc.constant<Action>({ type: 'tick' }),
  fc
    .record({ personId: personArb, reason: fc.constantFrom('403 Forbidden', 'no conversation reference', 'x'.repeat(120)) })
    .map((r): Action => ({ type: 'unreachable', ...r })),
);
/** Who acts, picked by relation and resolved against the declaration at that moment, so that actions by
 *  responders, the declarant and the department head are as common as those by strangers. */
type ActorPick =
  | { by: 'system' }
  | { by: 'onCall' }
  | { by: 'declarant' }
  | { by: 'head' }
  | { by: 'chain'; n: number }
  | { by: 'notified'; n: number }
  | { by: 'anyone'; personId: string };
const systemPick = fc.constant<ActorPick>({ by: 'system' });
const personPick: fc.Arbitrary<ActorPick> = fc.oneof(
  { arbitrary: fc.constant<ActorPick>({ by: 'onCall' }), weight: 4 },
  { arbitrary: fc.nat().map((n): ActorPick => ({ by: 'notified', n })), weight: 3 },
  { arbitrary: fc.nat().map((n): ActorPick => ({ by: 'chain', n })), weight: 2 },
  { arbitrary: fc.constant<ActorPick>({ by: 'head' }), weight: 3 },
  { arbitrary: fc.constant<ActorPick>({ by: 'declarant' }), weight: 2 },
  { arbitrary: personArb.map((personId): ActorPick => ({ by: 'anyone', personId })), weight: 2 },
);
/** System actions mostly come from the system, card actions mostly from people; each sometimes from the other. */
const stepArb = actionArb.chain((action) =>
  fc.record({
    advance: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 0, max: 30 }),
      fc.integer({ min: 0, max: 300 }),
      fc.integer({ min: 0, max: 3 * 24 * 60 }),
    ),
    actor: SYSTEM_ACTIONS.includes(action.type)
      ? fc.oneof({ arbitrary: systemPick, weight: 5 }, { arbitrary: personPick, weight: 1 })
      : fc.oneof({ arbitrary: personPick, weight: 10 }, { arbitrary: systemPick, weight: 1 }),
    action: fc.constant(action),
  }),
);

const scenarioArb: fc.Arbitrary<Scenario> = fc.uniqueArray(fc.constantFrom(...POOL), { minLength: 1, maxLength: 5 }).chain((ids) =>
  fc.record({
    chain: fc.tuple(
      ...ids.map((personId) =>
        fc
          .record({ role: fc.constantFrom(...LEVEL_ROLES), delayMinutes: fc.integer({ min: 1, max: 120 }) })
          .map((l): ChainEntry => ({ personId, ...l })),
      ),
    ),
    /** The unit's department head: nobody, someone outside the chain, someone in it, or the declarant themselves. */
    head: fc.oneof(fc.constant(undefined), fc.constant(HEAD_OUTSIDE), fc.constantFrom(...ids), fc.constant(DECLARANT)),
    reassignable: fc.subarray([...POOL, HEAD_OUTSIDE, OTHER_SUPERVISOR, DECLARANT]),
    policy: fc
      .record({
        acknowledgementTimeoutMinutes: fc.integer({ min: 1, max: 240 }),
        redeploymentDeadlineDays: fc.integer({ min: 1, max: 10 }),
        redeploymentOverdueRepeatMinutes: fc.integer({ min: 5, max: 24 * 60 }),
      })
      .map((p): EscalationPolicy => ({ ...p, levels: [{ role: 'supervisor', delayMinutes: 15 }] })),
    kind: fc.constantFrom<DeclarationKind>('talk', 'break', 'leave'),
    accessRemoval: fc.constantFrom<AccessRemoval>('notNeeded', 'removedAutomatically', 'awaitingConfirmation'),
    noteShare: fc.constantFrom<NoteShare>('supervisor', 'supervisorAndHead'),
    steps: fc.array(stepArb, { maxLength: 40, size: 'max' }),
  }),
);

function resolveActor(pick: ActorPick, d: Declaration, s: Scenario): Actor {
  const person = (personId: string | undefined): Actor => ({ kind: 'person', personId: personId ?? STRANGERS[0]! });
  switch (pick.by) {
    case 'system':
      return { kind: 'system' };
    case 'onCall':
      return person(d.onCall?.personId);
    case 'declarant':
      return person(DECLARANT);
    case 'head':
      return person(s.head);
    case 'chain':
      return person(s.chain[pick.n % s.chain.length]!.personId);
    case 'notified':
      return person(d.notified.length ? d.notified[pick.n % d.notified.length] : undefined);
    case 'anyone':
      return person(pick.personId);
  }
}

const alertedIn = (d: Declaration) => new Set(d.timeline.filter((t) => ALERT_EVENTS.has(t.event)).map((t) => t.personId));
const reassignedTo = (d: Declaration) => new Set(d.timeline.filter((t) => t.event === 'reassigned').map((t) => t.personId));

/** Who may change the declaration with this action, worked out from the rules, not from the code. */
function entitled(d: Declaration, action: Action, actor: Actor, s: Scenario): boolean {
  if (SYSTEM_ACTIONS.includes(action.type)) return actor.kind === 'system';
  if (actor.kind !== 'person') return false;
  if (action.type === 'withdraw') return actor.personId === DECLARANT;
  if (action.type === 'bookRedeployment' || action.type === 'recordRedeployment')
    return actor.personId === s.head && actor.personId !== DECLARANT;
  return actor.personId !== DECLARANT && (holdsItNow(d, actor.personId, s) || actor.personId === s.head);
}

/**
 * Entitled now (ARCHITECTURE.md "Entitlements are time-bound"): alerted, not taken off it by a
 * reassignment since their last alert, and still holding a role: on the chain, or the one it was last
 * reassigned to.
 */
function holdsItNow(d: Declaration, x: string, s: Scenario): boolean {
  let onCall: string | undefined;
  let holder: string | undefined;
  let lastAlert = -1;
  let lastTakenAway = -1;
  d.timeline.forEach((t, i) => {
    if (t.event === 'reassigned') {
      if ((onCall === x || holder === x) && t.personId !== x) lastTakenAway = i;
      holder = t.personId;
    }
    if (ALERT_EVENTS.has(t.event) && t.personId === x) lastAlert = i;
    const overdueNote = t.event === 'alerted' && t.detail === 'redeployment overdue';
    if (t.personId && !overdueNote && (ALERT_EVENTS.has(t.event) || t.event === 'acknowledged' || t.event === 'riskAssessed'))
      onCall = t.personId;
  });
  if (lastAlert < 0 || lastTakenAway > lastAlert) return false;
  return s.chain.some((e) => e.personId === x) || holder === x;
}

function checkState(d: Declaration, s: Scenario, label: string): void {
  const chainIds = new Set(s.chain.map((e) => e.personId));
  // (a) while open, someone is on call: from the chain, someone reassigned to, or the department head who acted.
  if (isOpen(d)) {
    assert.ok(d.onCall, `${label}: open with nobody on call`);
    const on = d.onCall.personId;
    assert.notEqual(on, DECLARANT, `${label}: the declarant is on call for themselves`);
    assert.ok(
      chainIds.has(on) || reassignedTo(d).has(on) || on === s.head,
      `${label}: ${on} is on call but neither in the chain nor reassigned to`,
    );
    assert.ok(alertedIn(d).has(on) || on === s.head, `${label}: ${on} is on call without ever being alerted`);
    if (d.status !== 'assessed') assert.ok(d.nextDeadlineAt, `${label}: ${d.status} with no deadline: the alert would go quiet`);
  } else {
    assert.equal(d.nextDeadlineAt, undefined, `${label}: ${d.status} still has a deadline`);
  }
  // (e) closing needs everything the kind needs.
  if (d.status === 'closed') {
    assert.ok(d.riskAssessment, `${label}: closed without a risk assessment`);
    assert.notEqual(d.accessRemoval, 'awaitingConfirmation', `${label}: closed with access removal unconfirmed`);
    if (d.kind === 'leave') assert.ok(d.redeployment?.held, `${label}: a leave closed without the redeployment discussion`);
  }
  if (d.status === 'withdrawn') assert.equal(d.kind, 'talk', `${label}: a ${d.kind} was withdrawn`);
  if (d.kind === 'talk') assert.equal(d.accessRemoval, 'notNeeded');
  // (f) timeline in time order.
  for (let i = 1; i < d.timeline.length; i++)
    assert.ok(d.timeline[i - 1]!.at <= d.timeline[i]!.at, `${label}: timeline out of order at ${i}`);
  // Everyone alerted keeps the right to act; nobody else is in notified; never the declarant.
  assert.deepEqual(new Set(d.notified), alertedIn(d), `${label}: notified ${d.notified} differs from who was alerted`);
  assert.equal(new Set(d.notified).size, d.notified.length, `${label}: someone notified twice`);
  assert.ok(!d.notified.includes(DECLARANT), `${label}: the declarant was alerted about themselves`);
  assert.ok(d.level >= 0 && d.level < s.chain.length, `${label}: level ${d.level} outside the chain`);
}

function checkOutcome(before: Declaration, r: Outcome, action: Action, actor: Actor, s: Scenario, nowIso: string, label: string): void {
  const who = actor.kind === 'person' ? actor.personId : 'system';
  // (d) the unentitled are turned away, and the entitled are never told they are not entitled.
  if (!entitled(before, action, actor, s)) {
    assert.ok(
      !r.ok && r.rejection.code === 'notEntitled',
      `${label}: ${who} is not entitled to ${action.type} but got ${JSON.stringify(r.ok ? { changed: r.changed, effects: r.effects } : r.rejection)}`,
    );
  } else if (!r.ok) {
    assert.notEqual(r.rejection.code, 'notEntitled', `${label}: ${who} is entitled to ${action.type} but was refused`);
  }
  // (c) nothing changes after closed or withdrawn.
  if (!isOpen(before))
    assert.ok(!r.ok || (!r.changed && r.effects.length === 0), `${label}: ${action.type} by ${who} changed a ${before.status} declaration`);
  if (!r.ok) return;
  if (!r.changed) {
    assert.deepEqual(r.effects, [], `${label}: no change but effects`);
    assert.equal(r.declaration, before, `${label}: no change but a different object`);
    return;
  }
  const d = r.declaration;
  assert.ok(
    r.effects.some((e) => e.kind === 'refreshCards'),
    `${label}: changed without refreshing cards`,
  );
  assert.notDeepEqual(d, before, `${label}: changed=true but nothing differs`);
  assert.ok(d.loop >= before.loop, `${label}: loop went backwards`);
  for (const entry of d.timeline.slice(before.timeline.length))
    assert.equal(entry.at, nowIso, `${label}: new timeline entry not stamped now`);
  assert.deepEqual(d.timeline.slice(0, before.timeline.length), before.timeline, `${label}: history rewritten`);
  for (const e of r.effects) {
    if (e.kind === 'alertResponder') {
      assert.ok(d.notified.includes(e.personId), `${label}: alerted ${e.personId} without recording it`);
      assert.equal(d.onCall?.personId, e.personId, `${label}: alerted ${e.personId} who is not on call`);
    }
  }
  // (e) a leave is never closed without the redeployment discussion.
  if (d.status === 'closed' && before.status !== 'closed' && d.kind === 'leave')
    assert.ok(d.redeployment?.held, `${label}: leave closed without held`);
}

/** The buttons a viewer sees are exactly the clicks transition() would accept. */
function checkButtons(d: Declaration, viewer: string, ctx: Context, label: string): void {
  const probes: Array<[CardAction, Action]> = [
    ['acknowledge', { type: 'acknowledge' }],
    ['recordRiskAssessment', { type: 'recordRiskAssessment', adjustments: ['referOH'] }],
    ['confirmAccessRemoved', { type: 'confirmAccessRemoved' }],
    ['escalateNow', { type: 'escalateNow' }],
    ['bookRedeployment', { type: 'bookRedeployment', on: '2031-02-03' }],
    ['recordRedeployment', { type: 'recordRedeployment', outcome: 'stayingWithAdjustments' }],
    ['withdraw', { type: 'withdraw' }],
    ...ctx.reassignable.map((toPersonId): [CardAction, Action] => ['reassign', { type: 'reassign', toPersonId }]),
  ];
  const accepted = new Set<CardAction>();
  for (const [button, action] of probes) {
    const r = transition(d, action, { kind: 'person', personId: viewer }, ctx);
    if (r.ok && r.changed) accepted.add(button);
  }
  assert.deepEqual([...allowedActions(d, viewer, ctx)].sort(), [...accepted].sort(), `${label}: buttons for ${viewer}`);
}

function run(s: Scenario): void {
  let now = T0;
  const ctxNow = (): Context => ({
    now: new Date(now),
    policy: s.policy,
    chain: s.chain,
    departmentHeadId: s.head,
    reassignable: s.reassignable,
  });
  let d = newDeclaration(
    { id: 'd1', personId: DECLARANT, unitId: 'u1', kind: s.kind, note: 'a note', noteShare: s.noteShare, accessRemoval: s.accessRemoval },
    ctxNow(),
  ).declaration;
  checkState(d, s, 'raised');
  s.steps.forEach(({ advance, actor: pick, action }, i) => {
    now += advance * 60_000;
    const actor = resolveActor(pick, d, s);
    const ctx = ctxNow();
    const label = `step ${i} (${action.type} by ${actor.kind === 'person' ? actor.personId : 'system'}, ${d.kind}/${d.status})`;
    const before = d;
    const snapshot = structuredClone(before);
    const r = transition(before, action, actor, ctx);
    // (g) transition never mutates its input.
    assert.deepEqual(before, snapshot, `${label}: input mutated`);
    checkOutcome(snapshot, r.ok && !r.changed ? { ...r, declaration: snapshot } : r, action, actor, s, ctx.now.toISOString(), label);
    if (r.ok && !r.changed) assert.equal(r.declaration, before, `${label}: unchanged outcome is not the input`);
    if (r.ok) d = r.declaration;
    checkState(d, s, label);
    // (b) acknowledging twice in a row is a no-op.
    if (action.type === 'acknowledge') {
      const again = transition(d, action, actor, ctx);
      assert.ok(!(again.ok && again.changed), `${label}: a second acknowledgement changed something`);
      if (again.ok) assert.deepEqual(again.effects, [], `${label}: a second acknowledgement produced effects`);
      else assert.equal(r.ok, false, `${label}: the first acknowledgement was accepted but the second refused`);
    }
    if (actor.kind === 'person') checkButtons(d, actor.personId, ctx, label);
  });
}

describe('domain/declaration properties', function () {
  this.timeout(60_000);

  it('invariants hold after every step of random action sequences by random actors', () => {
    fc.assert(fc.property(scenarioArb, run), { numRuns: 600 });
  });

  it('a closed or withdrawn declaration stays exactly as it is, whatever happens next', () => {
    // Drive to an end state first (a responder assesses, the head holds the discussion, access is
    // confirmed), then throw random steps at it.
    fc.assert(
      fc.property(scenarioArb, fc.boolean(), (s, withdraw) => {
        let now = T0;
        const head = s.head && s.head !== DECLARANT ? s.head : HEAD_OUTSIDE;
        const ctxNow = (): Context => ({
          now: new Date(now),
          policy: s.policy,
          chain: s.chain,
          departmentHeadId: head,
          reassignable: s.reassignable,
        });
        const first = s.chain[0]!.personId;
        let d = newDeclaration(
          { id: 'd1', personId: DECLARANT, kind: s.kind, noteShare: s.noteShare, accessRemoval: s.accessRemoval },
          ctxNow(),
        ).declaration;
        const apply = (action: Action, actor: Actor) => {
          now += 60_000;
          const r = transition(d, action, actor, ctxNow());
          if (r.ok) d = r.declaration;
        };
        if (withdraw && s.kind === 'talk') apply({ type: 'withdraw' }, { kind: 'person', personId: DECLARANT });
        else {
          apply({ type: 'recordRiskAssessment', adjustments: ['offViewing'] }, { kind: 'person', personId: first });
          apply({ type: 'confirmAccessRemoved' }, { kind: 'person', personId: first });
          apply({ type: 'recordRedeployment', outcome: 'stayingWithAdjustments' }, { kind: 'person', personId: head });
        }
        assert.ok(!isOpen(d), `expected an end state, got ${d.status}`);
        const frozen = structuredClone(d);
        for (const { advance, actor: pick, action } of s.steps) {
          now += advance * 60_000;
          const actor = resolveActor(pick, d, { ...s, head });
          const r = transition(d, action, actor, ctxNow());
          assert.ok(
            !r.ok || (!r.changed && r.effects.length === 0 && r.declaration === d),
            `${action.type} changed a ${d.status} declaration`,
          );
          if (actor.kind === 'person') assert.deepEqual(allowedActions(d, actor.personId, ctxNow()), []);
        }
        assert.deepEqual(d, frozen);
      }),
      { numRuns: 500 },
    );
  });
});
