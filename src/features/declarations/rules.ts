// The declaration state machine ("I'm not okay" / "I want to leave") and its alert. One transition
// function is the single source of truth; allowedActions() for cards comes from the same rules.
import type { PendingEffect } from '../../kernel/pending-effects.ts';
import type { EscalationPolicy } from '../../kernel/escalation.ts';
import type { RoutedEntry } from '../../kernel/first-route.ts';
import { DECLARATION_KINDS, type DeclarationKind } from './kinds.ts';
import { isUnrostered } from '../../kernel/identify-person.ts';
import { tooLongProblem } from '../../kernel/text.ts';
import { mayActOnRequest, mayRecordMoveDone, mayRecordRedeployment, mayWithdrawRequest } from './policy.ts';
import { isIsoDay } from '../../kernel/format.ts';
import { addDays, instantAt, localMoment } from '../../kernel/working-time.ts';
import { breakTransition, isBreakAction, newPeriod, offViewingActive, periodOf } from './off-viewing.ts';

export { DECLARATION_KINDS, type DeclarationKind };
export * from './model.ts';
import {
  ASSESSMENT_NOTES_MAX_CHARS,
  DESTINATION_MAX_BYTES,
  REDEPLOYMENT_OUTCOMES,
  NOTE_MAX_CHARS,
  type AccessRemoval,
  type Action,
  type Actor,
  type Context,
  type Declaration,
  type DeclarationStatus,
  type Effect,
  type FirstRouteChoice,
  type LineNotice,
  type NoteShare,
  type Outcome,
  type Rejection,
  type TimelineEntry,
} from './model.ts';

const OPEN: DeclarationStatus[] = ['open', 'acknowledged', 'assessed'];

export function isOpen(d: Declaration): boolean {
  return OPEN.includes(d.status);
}

const minutes = (m: number) => m * 60_000;
const iso = (d: Date) => d.toISOString();
const plus = (now: Date, ms: number) => new Date(now.getTime() + ms).toISOString();

export function newDeclaration(
  input: {
    id: string;
    personId: string;
    unitId?: string;
    kind: DeclarationKind;
    note?: string;
    noteShare: NoteShare;
    accessRemoval: AccessRemoval;
    route?: FirstRouteChoice;
    /** A break's review date and who chose it ('default': one working day later). */
    review?: { on: string; setBy: string };
  },
  ctx: Context,
): { declaration: Declaration; effects: Effect[] } {
  const now = iso(ctx.now);
  const first = ctx.chain[0];
  const d: Declaration = {
    id: input.id,
    personId: input.personId,
    unitId: input.unitId,
    kind: input.kind,
    raisedAt: now,
    note: input.note && input.note.trim() ? input.note.trim() : undefined,
    noteShare: input.noteShare,
    ...(input.route ? { route: input.route } : {}),
    status: 'open',
    level: 0,
    loop: 0,
    notified: [],
    accessRemoval: input.kind === 'talk' ? 'notNeeded' : input.accessRemoval,
    timeline: [{ at: now, event: 'raised' }],
  };
  const period = newPeriod(input.kind, now, input.review);
  if (period) d.offViewing = period;
  const effects: Effect[] = [{ kind: 'tellOwner', event: 'raised' }];
  if (first) {
    d.onCall = { personId: first.personId, role: first.role, since: now };
    d.notified.push(first.personId);
    d.nextDeadlineAt = plus(ctx.now, minutes(first.delayMinutes));
    d.timeline.push({ at: now, event: 'alerted', personId: first.personId, detail: first.role });
    effects.push({ kind: 'alertResponder', personId: first.personId, reason: 'raised' });
  }
  // Issue 16 (rotas): the duty rota stood in for whoever acts for the person; they hear at their next working moment.
  if (ctx.outOfHours && first?.role === 'dutySergeant') {
    d.outOfHours = { personId: ctx.outOfHours.personId, ...(ctx.outOfHours.tellAt ? { tellAt: iso(ctx.outOfHours.tellAt) } : {}) };
  }
  const told = lineNoticeFor(d, ctx);
  if (told && ctx.lineSupervisorId) {
    d.timeline.push({ at: now, event: 'lineSupervisorTold', personId: ctx.lineSupervisorId, detail: told });
    effects.push({ kind: 'tellLineSupervisor', personId: ctx.lineSupervisorId, told });
  }
  if (input.personId && !isUnrostered(input.personId)) {
    d.followUps = [
      { kind: '72h', dueAt: plus(ctx.now, 72 * 60 * 60_000) },
      { kind: '1month', dueAt: plus(ctx.now, 30 * 24 * 60 * 60_000) },
    ];
  }
  if (input.kind === 'leave') {
    const due = plus(ctx.now, ctx.policy.redeploymentDeadlineDays * 24 * 60 * 60_000);
    d.redeployment = { dueAt: due, nextReminderAt: due };
    if (ctx.departmentHeadId) effects.push({ kind: 'redeploymentTask', personId: ctx.departmentHeadId, reason: 'raised' });
  }
  effects.push({ kind: 'refreshCards' });
  return { declaration: d, effects };
}

/**
 * What the line supervisor is told when the person chose someone else to tell first: for a break or
 * leaving, that they are off viewing (they must manage the work); that they asked for support only if
 * the person agreed; nothing else, and nothing at all for a talk they were not asked to hear about.
 * Undefined with the default route (they are alerted), or when they are the chosen contact themselves.
 */
export function lineNoticeFor(
  d: Pick<Declaration, 'route' | 'kind' | 'personId'>,
  ctx: Pick<Context, 'chain' | 'lineSupervisorId'>,
): LineNotice | undefined {
  const line = ctx.lineSupervisorId;
  if (!d.route || !line || line === d.personId) return undefined;
  if (ctx.chain.some((e) => e.personId === line && e.role === 'contact')) return undefined;
  const offViewing = d.kind !== 'talk';
  if (d.route.alsoTellSupervisor) return offViewing ? 'askedForSupportOffViewing' : 'askedForSupport';
  return offViewing ? 'offViewing' : undefined;
}

function moveTo(d: Declaration, entry: RoutedEntry, ctx: Context, reason: 'escalated' | 'reassigned' | 'reAlert', effects: Effect[]): void {
  const now = iso(ctx.now);
  d.onCall = { personId: entry.personId, role: entry.role, since: now };
  if (!d.notified.includes(entry.personId)) d.notified.push(entry.personId);
  d.nextDeadlineAt = plus(ctx.now, minutes(entry.delayMinutes));
  d.timeline.push({ at: now, event: reason === 'reAlert' ? 'reAlerted' : reason, personId: entry.personId, detail: entry.role });
  effects.push({ kind: 'alertResponder', personId: entry.personId, reason });
}

/**
 * Issue 16 (rotas): whoever acted for the person when they raised it out of hours is alerted at their
 * next working moment, open or closed (they must know), unless the person withdrew it or they were
 * alerted meanwhile. Not a new level: the request stays with whoever holds it. True when it acted.
 */
function tellOffDutyResponder(d: Declaration, ctx: Context, effects: Effect[]): boolean {
  const later = d.outOfHours;
  if (!later?.tellAt || later.toldAt || later.tellAt > iso(ctx.now) || d.status === 'withdrawn') return false;
  const now = iso(ctx.now);
  later.toldAt = now;
  if (!d.notified.includes(later.personId) && later.personId !== d.personId) {
    d.notified.push(later.personId);
    d.timeline.push({ at: now, event: 'alerted', personId: later.personId, detail: 'startOfWork' });
    effects.push({ kind: 'alertResponder', personId: later.personId, reason: 'startOfWork' });
  }
  return true;
}

/** Next level, wrapping round to the start (the chain repeats rather than going quiet). */
function escalate(d: Declaration, ctx: Context, effects: Effect[], skip?: string): void {
  if (ctx.chain.length === 0) return;
  let next = d.level;
  let loop = d.loop;
  const step = () => {
    next++;
    if (next >= ctx.chain.length) {
      next = 0;
      loop++;
    }
  };
  step();
  // People appear once in a chain, so one more step is enough to pass over the person being skipped.
  if (ctx.chain.length > 1 && ctx.chain[next]!.personId === skip) step();
  d.level = next;
  d.loop = loop;
  // Escalating drops an acknowledgement that did not lead to an assessment: the new level must act.
  if (d.status === 'acknowledged') d.status = 'open';
  moveTo(d, ctx.chain[next]!, ctx, 'escalated', effects);
}

function close(d: Declaration, by: string, now: Date, effects: Effect[]): void {
  d.status = 'closed';
  d.closed = { by, at: iso(now) };
  d.nextDeadlineAt = undefined;
  d.timeline.push({ at: iso(now), event: 'closed', personId: by });
  effects.push({ kind: 'tellOwner', event: 'closed' });
}

/** A request to leave whose redeployment discussion is still to be held (or to be held again: "not possible yet"). */
export function needsDiscussion(d: Pick<Declaration, 'redeployment'>): boolean {
  return !!d.redeployment && (!d.redeployment.held || d.redeployment.held.outcome === 'notPossibleYet');
}

/** A move agreed at the discussion and not yet recorded done. */
export function moveOutstanding(d: Pick<Declaration, 'redeployment'>): boolean {
  return !!d.redeployment?.move && !d.redeployment.move.done;
}

/** Closes when everything the kind needs is done: an assessment, access confirmed, and for leave the discussion and any move agreed. */
function closeIfComplete(d: Declaration, by: string, now: Date, effects: Effect[]): void {
  if (d.status !== 'assessed') return;
  if (d.accessRemoval === 'awaitingConfirmation') return;
  if (d.kind === 'leave' && (needsDiscussion(d) || moveOutstanding(d))) return;
  close(d, by, now, effects);
}

/**
 * The outcome of the redeployment discussion as the department head typed it, checked whole: every
 * problem in one message, or the outcome to store.
 */
function readOutcome(
  action: Extract<Action, { type: 'recordRedeployment' }>,
  now: Date,
):
  | { ok: true; outcome: (typeof REDEPLOYMENT_OUTCOMES)[number]['value']; on?: string; destination?: string }
  | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const outcome = REDEPLOYMENT_OUTCOMES.find((o) => o.value === action.outcome)?.value;
  if (!outcome) problems.push('Choose what the discussion came to: move agreed, staying with adjustments, or not possible yet.');
  const on = action.moveOn?.trim() ?? '';
  const destination = action.destination?.trim() ?? '';
  const needsDate = outcome === 'moveAgreed' || outcome === 'notPossibleYet';
  // A date typed with an outcome that needs none (staying) is not checked: it is not stored either.
  if (needsDate || (!outcome && on)) {
    if (!isIsoDay(on)) problems.push(outcome === 'notPossibleYet' ? 'Choose the date to discuss it again.' : 'Choose the move date.');
    else if (on < localMoment(now).date) problems.push('The date has passed: choose today or a later date.');
  }
  if (outcome === 'moveAgreed') {
    if (!destination) problems.push('Say where they move to (the unit or role).');
    const tooLong = tooLongProblem('where they move to', destination, DESTINATION_MAX_BYTES);
    if (tooLong) problems.push(tooLong);
  }
  if (problems.length || !outcome) return { ok: false, problems };
  return { ok: true, outcome, on: needsDate ? on : undefined, destination: outcome === 'moveAgreed' ? destination : undefined };
}

/** HR / resource planning get the move card once each, in their working time (here, or on a later tick). */
function tellHr(d: Declaration, ctx: Context, effects: Effect[]): void {
  const r = d.redeployment;
  if (!r?.move || r.move.done) return;
  for (const id of ctx.hrIds ?? []) {
    if (id === d.personId || r.hrTold?.includes(id) || !(ctx.isWorking?.(id) ?? true)) continue;
    r.hrTold = [...(r.hrTold ?? []), id];
    effects.push({ kind: 'moveCard', personId: id });
  }
}

/**
 * A move that slipped past its date (from the next day): reminders in rounds, the department head
 * first, then the department head and the person above; each told once a round, in their working
 * time. A round follows the last one once everyone in it was told and the repeat interval has passed
 * (the pace of an overdue discussion), or when people in it could not be reached in working time for
 * three intervals.
 */
function remindOfSlippedMove(d: Declaration, ctx: Context, effects: Effect[]): void {
  const move = d.redeployment?.move;
  if (!move || move.done) return;
  const now = iso(ctx.now);
  if (now < instantAt(addDays(move.on, 1), 0).toISOString()) return;
  const above = ctx.chain.find((e) => e.role === 'above')?.personId;
  const recipients = (round: number) =>
    [...new Set(round === 0 ? [ctx.departmentHeadId ?? above] : [ctx.departmentHeadId, above])].filter(
      (x): x is string => !!x && x !== d.personId,
    );
  const repeat = minutes(ctx.policy.redeploymentOverdueRepeatMinutes);
  const o = move.overdue;
  const since = (at: string) => ctx.now.getTime() - Date.parse(at);
  const complete = o && recipients(o.round).every((id) => o.told.includes(id));
  if (!o || (complete ? since(o.lastToldAt ?? o.startedAt) >= repeat : since(o.startedAt) >= 3 * repeat)) {
    move.overdue = { round: o ? o.round + 1 : 0, startedAt: now, told: [] };
    d.timeline.push({ at: now, event: 'moveOverdue' });
  }
  const round = move.overdue!;
  for (const id of recipients(round.round)) {
    if (round.told.includes(id) || !(ctx.isWorking?.(id) ?? true)) continue;
    round.told.push(id);
    round.lastToldAt = now;
    // Whoever is told about the slipped move may open and act on the request, as for an overdue discussion.
    if (!d.notified.includes(id)) {
      d.notified.push(id);
      d.timeline.push({ at: now, event: 'alerted', personId: id, detail: 'redeployment overdue' });
    }
    effects.push({ kind: 'redeploymentTask', personId: id, reason: 'moveOverdue' });
  }
}

const reject = (code: Rejection['code'], message: string): Outcome => ({ ok: false, rejection: { code, message } });

export function transition(current: Declaration, action: Action, actor: Actor, ctx: Context): Outcome {
  // The way back from a break (off-viewing.ts): its own steps, which outlive the request.
  if (isBreakAction(action)) return breakTransition(current, action, actor, ctx);
  const d: Declaration = structuredClone(current);
  const effects: Effect[] = [];
  const now = iso(ctx.now);
  const unchanged = (): Outcome => ({ ok: true, declaration: current, effects: [], changed: false });
  const done = (): Outcome => {
    if (effects.length === 0 && JSON.stringify(d) === JSON.stringify(current)) return unchanged();
    if (!effects.some((e) => e.kind === 'refreshCards')) effects.push({ kind: 'refreshCards' });
    return { ok: true, declaration: d, effects, changed: true };
  };
  const who = actor.kind === 'person' ? actor.personId : 'system';
  const responderOnly = (): Outcome | undefined => {
    if (actor.kind !== 'person' || !mayActOnRequest(current, actor.personId, ctx))
      return reject('notEntitled', 'Only the people looking after this request now can act on it.');
    return undefined;
  };

  switch (action.type) {
    case 'tick': {
      if (actor.kind !== 'system') return reject('notEntitled', 'Only Haven itself moves a request on with time.');
      const toldLater = tellOffDutyResponder(d, ctx, effects);
      if (!isOpen(d)) return toldLater ? done() : unchanged();
      tellHr(d, ctx, effects);
      remindOfSlippedMove(d, ctx, effects);
      if (d.redeployment && needsDiscussion(d) && d.redeployment.nextReminderAt <= now) {
        d.redeployment.nextReminderAt = plus(ctx.now, minutes(ctx.policy.redeploymentOverdueRepeatMinutes));
        const above = ctx.chain.find((e) => e.role === 'above')?.personId;
        const told = [...new Set([ctx.departmentHeadId, above].filter((x): x is string => !!x && x !== d.personId))];
        for (const id of told) {
          // Whoever is told about the overdue discussion becomes a responder: they may open and act on it.
          if (!d.notified.includes(id)) {
            d.notified.push(id);
            d.timeline.push({ at: now, event: 'alerted', personId: id, detail: 'redeployment overdue' });
          }
        }
        d.timeline.push({ at: now, event: 'redeploymentOverdue' });
        for (const id of told) effects.push({ kind: 'redeploymentTask', personId: id, reason: 'overdue' });
      }
      if (d.nextDeadlineAt && d.nextDeadlineAt <= now) {
        if (d.status === 'open') escalate(d, ctx, effects);
        else if (d.status === 'acknowledged') {
          // Acknowledged is not resolved: no assessment in time → alert again, and escalation resumes.
          d.status = 'open';
          const entry = ctx.chain.find((e) => e.personId === d.onCall?.personId) ?? ctx.chain[d.level];
          if (entry) moveTo(d, entry, ctx, 'reAlert', effects);
        } else d.nextDeadlineAt = undefined;
      }
      return done();
    }
    case 'accessRemovedAutomatically': {
      if (actor.kind !== 'system') return reject('notEntitled', 'Only Haven itself records an automatic removal.');
      if (d.accessRemoval !== 'awaitingConfirmation') return unchanged();
      d.accessRemoval = 'removedAutomatically';
      d.automaticRemoval = 'done';
      d.timeline.push({ at: now, event: 'accessRemovalConfirmed', detail: 'automatic' });
      closeIfComplete(d, 'system', ctx.now, effects);
      return done();
    }
    case 'unreachable': {
      if (actor.kind !== 'system') return reject('notEntitled', 'Only Haven itself reports an unreachable person.');
      if (!isOpen(d)) return unchanged();
      d.timeline.push({ at: now, event: 'unreachable', personId: action.personId, detail: action.reason.slice(0, 80) });
      // An unreachable responder counts as not acknowledging: pass over them at once.
      if (d.onCall?.personId === action.personId && d.status !== 'assessed') escalate(d, ctx, effects, action.personId);
      return done();
    }
    case 'acknowledge': {
      const denied = responderOnly();
      if (denied) return denied;
      if (!isOpen(d)) return reject('notAllowedNow', `This request was already ${d.status}.`);
      if (d.acknowledged && d.status !== 'open') return unchanged();
      d.status = 'acknowledged';
      d.acknowledged = { by: who, at: now };
      d.onCall = { personId: who, role: d.onCall?.personId === who ? d.onCall.role : 'responder', since: now };
      d.nextDeadlineAt = plus(ctx.now, minutes(ctx.policy.acknowledgementTimeoutMinutes));
      d.timeline.push({ at: now, event: 'acknowledged', personId: who });
      effects.push({ kind: 'tellOwner', event: 'acknowledged' });
      return done();
    }
    case 'recordRiskAssessment': {
      const denied = responderOnly();
      if (denied) return denied;
      if (!isOpen(d)) return reject('notAllowedNow', `This request was already ${d.status}.`);
      if (d.riskAssessment) return unchanged();
      if (action.adjustments.length === 0 && !action.notes?.trim())
        return reject('invalid', 'Record at least one supportive adjustment or a note.');
      const tooLong = tooLongProblem('your assessment note', action.notes, ASSESSMENT_NOTES_MAX_CHARS);
      if (tooLong) return reject('invalid', tooLong);
      d.riskAssessment = { by: who, at: now, adjustments: action.adjustments, notes: action.notes?.trim() || undefined };
      if (!d.acknowledged) d.acknowledged = { by: who, at: now };
      d.status = 'assessed';
      d.nextDeadlineAt = undefined;
      d.onCall = { personId: who, role: d.onCall?.role ?? 'responder', since: now };
      d.timeline.push({ at: now, event: 'riskAssessed', personId: who });
      effects.push({ kind: 'tellOwner', event: 'riskAssessed' });
      closeIfComplete(d, who, ctx.now, effects);
      return done();
    }
    case 'confirmAccessRemoved': {
      const denied = responderOnly();
      if (denied) return denied;
      if (d.accessRemoval !== 'awaitingConfirmation') return unchanged();
      d.accessRemoval = 'confirmed';
      d.timeline.push({ at: now, event: 'accessRemovalConfirmed', personId: who });
      closeIfComplete(d, who, ctx.now, effects);
      return done();
    }
    case 'reassign': {
      const denied = responderOnly();
      if (denied) return denied;
      if (!isOpen(d)) return reject('notAllowedNow', `This request was already ${d.status}.`);
      if (!ctx.reassignable.includes(action.toPersonId) || action.toPersonId === d.personId)
        return reject('invalid', 'Choose a supervisor or department head of the unit.');
      if (d.onCall?.personId === action.toPersonId) return unchanged();
      const entry = ctx.chain.find((e) => e.personId === action.toPersonId) ?? {
        personId: action.toPersonId,
        role: 'supervisor' as const,
        delayMinutes: ctx.chain[0]?.delayMinutes ?? 15,
      };
      d.status = d.status === 'assessed' ? 'assessed' : 'open';
      d.acknowledged = d.status === 'assessed' ? d.acknowledged : undefined;
      moveTo(d, entry, ctx, 'reassigned', effects);
      if (d.status === 'assessed') d.nextDeadlineAt = undefined;
      return done();
    }
    case 'escalateNow': {
      const denied = responderOnly();
      if (denied) return denied;
      if (!isOpen(d)) return reject('notAllowedNow', `This request was already ${d.status}.`);
      escalate(d, ctx, effects, d.onCall?.personId);
      return done();
    }
    case 'bookRedeployment':
    case 'recordRedeployment': {
      if (actor.kind !== 'person' || !mayRecordRedeployment(d, actor.personId, ctx))
        return reject('notEntitled', 'Only the department head records the redeployment discussion.');
      if (d.kind !== 'leave' || !d.redeployment) return reject('notAllowedNow', 'Only a request to leave has a redeployment discussion.');
      if (!isOpen(d)) return reject('notAllowedNow', `This request was already ${d.status}.`);
      if (action.type === 'bookRedeployment') {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(action.on)) return reject('invalid', 'Give the date of the discussion.');
        if (d.redeployment.booked?.on === action.on) return unchanged();
        d.redeployment.booked = { by: who, at: now, on: action.on };
        d.timeline.push({ at: now, event: 'redeploymentBooked', personId: who, detail: action.on });
        effects.push({ kind: 'tellOwner', event: 'redeploymentBooked' });
      } else {
        // Held, and nothing left to change: a move already done, or an outcome that needs nothing more.
        if (!needsDiscussion(d) && !moveOutstanding(d)) return unchanged();
        const read = readOutcome(action, ctx.now);
        if (!read.ok) return reject('invalid', read.problems.join(' '));
        const r = d.redeployment;
        const againBy = read.outcome === 'notPossibleYet' ? instantAt(addDays(read.on!, 1), 0).toISOString() : undefined;
        const same =
          r.held?.outcome === read.outcome &&
          (read.outcome === 'moveAgreed'
            ? r.move?.on === read.on && r.move?.destination === read.destination
            : read.outcome !== 'notPossibleYet' || r.dueAt === againBy);
        if (same) return unchanged();
        r.held = { by: who, at: now, outcome: read.outcome };
        if (read.outcome === 'moveAgreed') {
          // A new date starts the slipped-move reminders afresh; HR keep their card (it is updated in place).
          r.move = { on: read.on!, destination: read.destination! };
        } else {
          r.move = undefined;
        }
        if (read.outcome === 'notPossibleYet') {
          // To be discussed again by the date given: the discussion is due again, and overdue escalates as before.
          r.dueAt = againBy!;
          r.nextReminderAt = r.dueAt;
          r.booked = undefined;
        }
        d.timeline.push({
          at: now,
          event: 'redeploymentHeld',
          personId: who,
          detail: read.on ? `${read.outcome} ${read.on}` : read.outcome,
        });
        effects.push({ kind: 'tellOwner', event: 'redeploymentHeld' });
        if (d.confirmation) effects.push({ kind: 'updateConfirmation', personId: d.personId });
        tellHr(d, ctx, effects);
        closeIfComplete(d, who, ctx.now, effects);
      }
      return done();
    }
    case 'recordMoveDone': {
      if (actor.kind !== 'person' || !mayRecordMoveDone(d, actor.personId, ctx))
        return reject('notEntitled', 'Only the department head or HR record that a move has happened.');
      const move = d.redeployment?.move;
      if (!move) return reject('notAllowedNow', 'No move has been agreed for this request.');
      if (move.done) return unchanged();
      move.done = { by: who, at: now };
      d.timeline.push({ at: now, event: 'moveDone', personId: who });
      effects.push({ kind: 'tellOwner', event: 'moveDone' });
      closeIfComplete(d, who, ctx.now, effects);
      return done();
    }
    case 'withdraw': {
      if (actor.kind !== 'person' || !mayWithdrawRequest(d, actor.personId))
        return reject('notEntitled', 'Only the person who raised a request can withdraw it.');
      if (d.kind !== 'talk')
        return reject(
          'notAllowedNow',
          'A request for a break or to leave stays open until it has been looked after; talk to your supervisor if things have changed.',
        );
      if (!isOpen(d)) return unchanged();
      d.status = 'withdrawn';
      d.nextDeadlineAt = undefined;
      d.timeline.push({ at: now, event: 'withdrawn', personId: who });
      return done();
    }
  }
}

/**
 * Peer-support follow-ups due by `now`. Kept apart from transition(): support does not end when the
 * request is closed, so these run for closed requests too (never for withdrawn ones).
 */
export function takeDueFollowUps(current: Declaration, now: Date): { declaration: Declaration; effects: Effect[] } {
  const d: Declaration = structuredClone(current);
  const effects: Effect[] = [];
  for (const f of d.followUps ?? []) {
    if (!f.sentAt && f.dueAt <= iso(now) && d.status !== 'withdrawn') {
      f.sentAt = iso(now);
      effects.push({ kind: 'followUp', personId: d.personId, which: f.kind });
    }
  }
  return { declaration: effects.length ? d : current, effects };
}

/** The person looking after the request now is known to have it: their alert got through, or they acted on it. */
export function holderReached(d: Declaration): boolean {
  const holder = d.onCall?.personId;
  if (!holder) return false;
  return !!d.reached?.includes(holder) || d.acknowledged?.by === holder || d.riskAssessment?.by === holder;
}

/**
 * An alert about this request reached `personId` (the connector accepted it). While they hold the
 * request, the confirmation the person who asked saw is brought up to date: it says who has their
 * request only once that is true. Kept apart from transition(): a delivery is not a step of the
 * request, and changes no responder's card.
 */
export function noteAlertReached(current: Declaration, personId: string): { declaration: Declaration; effects: Effect[] } {
  const d: Declaration = structuredClone(current);
  const effects: Effect[] = [];
  if (!d.reached?.includes(personId)) d.reached = [...(d.reached ?? []), personId];
  const holder = d.onCall?.personId;
  if (isOpen(d) && d.confirmation && holder && holderReached(d) && d.confirmation.says !== holder) {
    d.confirmation.says = holder;
    effects.push({ kind: 'updateConfirmation', personId: holder });
  }
  const changed = effects.length > 0 || !current.reached?.includes(personId);
  return { declaration: changed ? d : current, effects };
}

/**
 * When the person went off viewing, if they are off viewing now: a break or request to leave whose
 * return has not been agreed. Off viewing starts with the request (SPEC: "the status becomes not
 * viewing at once") and lasts until the person and whoever looks after them agree a return
 * (off-viewing.ts): closing or withdrawing the request does not end it.
 */
export function offViewingSince(declarations: readonly Declaration[]): string | undefined {
  return declarations
    .filter(offViewingActive)
    .map((d) => periodOf(d)!.since)
    .sort()[0];
}

export type CardAction =
  | 'acknowledge'
  | 'recordRiskAssessment'
  | 'reassign'
  | 'escalateNow'
  | 'confirmAccessRemoved'
  | 'bookRedeployment'
  | 'recordRedeployment'
  | 'recordMoveDone'
  | 'withdraw';

/** Which buttons a viewer's card shows: the same rules transition() enforces. */
export function allowedActions(d: Declaration, viewerId: string, ctx: Context): CardAction[] {
  const candidates: { action: CardAction; probe: Action }[] = [
    { action: 'acknowledge', probe: { type: 'acknowledge' } },
    { action: 'recordRiskAssessment', probe: { type: 'recordRiskAssessment', adjustments: ['offViewing'] } },
    { action: 'confirmAccessRemoved', probe: { type: 'confirmAccessRemoved' } },
    { action: 'escalateNow', probe: { type: 'escalateNow' } },
    { action: 'bookRedeployment', probe: { type: 'bookRedeployment', on: '2000-01-01' } },
    { action: 'recordRedeployment', probe: { type: 'recordRedeployment', outcome: 'stayingWithAdjustments' } },
    { action: 'recordMoveDone', probe: { type: 'recordMoveDone' } },
    { action: 'withdraw', probe: { type: 'withdraw' } },
  ];
  const out: CardAction[] = [];
  for (const c of candidates) {
    const r = transition(d, c.probe, { kind: 'person', personId: viewerId }, ctx);
    if (r.ok && r.changed) out.push(c.action);
  }
  if (isOpen(d) && mayActOnRequest(d, viewerId, ctx) && ctx.reassignable.some((p) => p !== d.onCall?.personId && p !== d.personId))
    out.push('reassign');
  return out;
}
