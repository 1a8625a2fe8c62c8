// A break that ends (issue 14, part 1): the time off viewing that a break or a request to leave
// began, its review date, and the way back. Pure: `now`, the chain and the working pattern come in.
//
// - A break has a review date: chosen by the person on the request form, else one working day later
//   in their working pattern; either the person or whoever acts for them may set a new one.
// - The way back is agreed by both: the person says they feel ready, whoever acts for them now
//   (policy.ts mayAgreeReturn) confirms. Neither alone. Only then is the person viewing again.
// - A request to leave keeps the person off viewing: while any request to leave of theirs is open, no
//   return is offered. Closing or withdrawing a request never ends the time off viewing by itself.
import type { EscalatingTask } from '../../kernel/task-escalation.ts';
import type { Absence, WorkingPattern } from '../../kernel/types.ts';
import { addDays, isOnLeave, localMoment, startsShiftOn } from '../../kernel/working-time.ts';
import type { Action, Actor, BreakTrayItem, Context, Declaration, Effect, OffViewing, Outcome, Rejection } from './model.ts';
import { mayAgreeReturn, maySayReady } from './policy.ts';

/** How far ahead a review date may be set (days). */
export const REVIEW_MAX_DAYS = 90;
/** Working days after the review date before an unreviewed break becomes a task that walks the chain. */
export const UNREVIEWED_AFTER_WORKING_DAYS = 2;
/** How long each level of the chain has with an unreviewed break before the next is told (a working day). */
export const UNREVIEWED_LEVEL_MINUTES = 24 * 60;
/** Attempts at re-adding someone to the grading-access group before it becomes a step by hand. */
export const RESTORE_MAX_ATTEMPTS = 5;

export type BreakAction = Extract<
  Action,
  {
    type: 'setReview' | 'readyToReturn' | 'confirmReturn' | 'confirmAccessRestored' | 'accessRestoredAutomatically' | 'accessRestoreFailed';
  }
>;

export function isBreakAction(a: Action): a is BreakAction {
  return [
    'setReview',
    'readyToReturn',
    'confirmReturn',
    'confirmAccessRestored',
    'accessRestoredAutomatically',
    'accessRestoreFailed',
  ].includes(a.type);
}

/** The period of a break or request to leave (rows stored before periods existed: off viewing since the request). */
export function periodOf(d: Declaration): OffViewing | undefined {
  if (d.kind === 'talk') return undefined;
  return d.offViewing ?? { since: d.raisedAt };
}

/** Is this request still keeping the person off viewing? Until a return is agreed, whatever the request's status. */
export function offViewingActive(d: Declaration): boolean {
  const p = periodOf(d);
  return !!p && !p.returned;
}

const OPEN_STATUSES: Declaration['status'][] = ['open', 'acknowledged', 'assessed'];

/** A request to leave that is still open keeps the person off viewing until the move. */
export function isOpenLeave(d: Declaration): boolean {
  return d.kind === 'leave' && OPEN_STATUSES.includes(d.status);
}

/** The `n`th working day after `date` in this working pattern, skipping days of leave (at most 60 days on). */
export function workingDaysAfter(
  date: string,
  n: number,
  pattern: WorkingPattern,
  absences: readonly Absence[] = [],
  personId = '',
): string {
  let found = 0;
  for (let i = 1; i <= 60; i++) {
    const day = addDays(date, i);
    if (!startsShiftOn(pattern, day) || isOnLeave(absences, personId, day)) continue;
    if (++found === n) return day;
  }
  return addDays(date, n);
}

/** The default review date: one working day after `now`, in the person's working pattern. */
export function defaultReviewOn(now: Date, pattern: WorkingPattern, absences: readonly Absence[], personId: string): string {
  return workingDaysAfter(localMoment(now).date, 1, pattern, absences, personId);
}

/** Why a review date cannot be used, in plain words; undefined when it can. */
export function reviewDateProblem(on: string | undefined, now: Date): string | undefined {
  if (!on || !/^\d{4}-\d{2}-\d{2}$/.test(on) || Number.isNaN(Date.parse(`${on}T00:00:00Z`)))
    return 'Choose the date the break should be reviewed.';
  const today = localMoment(now).date;
  if (on <= today) return 'Choose a review date after today.';
  if (on > addDays(today, REVIEW_MAX_DAYS)) return `Choose a review date within the next ${REVIEW_MAX_DAYS} days.`;
  return undefined;
}

/** The new period a break or request to leave begins with. */
export function newPeriod(
  kind: Declaration['kind'],
  now: string,
  review: { on: string; setBy: string } | undefined,
): OffViewing | undefined {
  if (kind === 'talk') return undefined;
  if (kind === 'leave' || !review) return { since: now };
  return { since: now, reviewOn: review.on, reviewSetBy: review.setBy };
}

/**
 * The unreviewed-break task, when nobody set a new review date or agreed a return within two
 * working days of the review date: opened once per review date, then walked like any task.
 */
export function unreviewedTask(
  d: Declaration,
  today: string,
  pattern: WorkingPattern,
  now: Date,
): (EscalatingTask & { reviewOn: string }) | undefined {
  const p = periodOf(d);
  if (!p || p.returned || !p.reviewOn) return undefined;
  if (p.unreviewed?.reviewOn === p.reviewOn) return p.unreviewed.closedAt ? undefined : p.unreviewed;
  if (today < workingDaysAfter(p.reviewOn, UNREVIEWED_AFTER_WORKING_DAYS, pattern)) return undefined;
  return { reviewOn: p.reviewOn, openedAt: now.toISOString(), notices: [] };
}

/** What "my team" and the person's status say about someone's time off viewing, from all their requests. */
export interface OffViewingSummary {
  since: string;
  /** The review date of their latest break, if any. */
  reviewOn?: string;
  /** A request to leave is open: off viewing until the move. */
  leaving: boolean;
  /** They said they feel ready to go back. */
  ready: boolean;
  /** The break the way back is agreed on (the latest one). */
  declarationId: string;
}

export function offViewingSummary(declarations: readonly Declaration[]): OffViewingSummary | undefined {
  const active = declarations.filter(offViewingActive).sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
  if (active.length === 0) return undefined;
  const latest = active[active.length - 1]!;
  const latestBreak = [...active].reverse().find((d) => d.kind === 'break');
  return {
    since: periodOf(active[0]!)!.since,
    reviewOn: latestBreak ? periodOf(latestBreak)?.reviewOn : undefined,
    leaving: declarations.some(isOpenLeave),
    ready: !!periodOf(latest)?.ready,
    declarationId: latest.id,
  };
}

const reject = (code: Rejection['code'], message: string): Outcome => ({ ok: false, rejection: { code, message } });

/** The way back, as steps of the one state machine (rules.ts transition() hands these actions here). */
export function breakTransition(current: Declaration, action: BreakAction, actor: Actor, ctx: Context): Outcome {
  const d: Declaration = structuredClone(current);
  const effects: Effect[] = [];
  const now = ctx.now.toISOString();
  const who = actor.kind === 'person' ? actor.personId : 'system';
  const unchanged = (): Outcome => ({ ok: true, declaration: current, effects: [], changed: false });
  const done = (): Outcome => {
    effects.push({ kind: 'refreshCards' });
    return { ok: true, declaration: d, effects, changed: true };
  };
  const period = periodOf(d);
  if (!period) return reject('notAllowedNow', 'Only a break or a request to leave takes someone off viewing.');
  d.offViewing = period;
  const leaveHolds = ctx.leaveOpen || isOpenLeave(d);
  const closeUnreviewed = () => {
    if (period.unreviewed && !period.unreviewed.closedAt) period.unreviewed.closedAt = now;
  };
  const responsible = (ctx.responsibleChain ?? ctx.chain)[0]?.personId;

  switch (action.type) {
    case 'setReview': {
      if (actor.kind !== 'person' || !(maySayReady(d, who) || mayAgreeReturn(d, who, ctx)))
        return reject('notEntitled', 'Only the person on the break and whoever looks after them can change its review date.');
      if (d.kind !== 'break')
        return reject('notAllowedNow', 'A request to leave keeps you off viewing until the move; it has no review date.');
      if (period.returned) return reject('notAllowedNow', 'This break has already ended.');
      const problem = reviewDateProblem(action.on, ctx.now);
      if (problem) return reject('invalid', problem);
      if (period.reviewOn === action.on) return unchanged();
      period.reviewOn = action.on;
      period.reviewSetBy = who;
      period.prompted = undefined;
      closeUnreviewed();
      d.timeline.push({ at: now, event: 'reviewSet', personId: who, detail: action.on });
      effects.push({ kind: 'resolveBreakTray', items: ['review', 'unreviewed'] });
      if (who !== d.personId) effects.push({ kind: 'breakCard', personId: d.personId, reason: 'reviewChanged' });
      return done();
    }
    case 'readyToReturn': {
      if (actor.kind !== 'person' || !maySayReady(d, who))
        return reject('notEntitled', 'Only the person on the break can say they feel ready to go back.');
      if (period.returned) return unchanged();
      if (leaveHolds)
        return reject(
          'notAllowedNow',
          'While your request to leave is open you stay off viewing until your move. Nothing else is needed from you.',
        );
      if (period.ready) return unchanged();
      period.ready = { at: now };
      d.timeline.push({ at: now, event: 'readyToReturn', personId: who });
      if (responsible && responsible !== d.personId) effects.push({ kind: 'breakTray', personId: responsible, item: 'ready' });
      return done();
    }
    case 'confirmReturn': {
      if (actor.kind !== 'person' || !mayAgreeReturn(d, who, ctx))
        return reject(
          'notEntitled',
          'Only whoever looks after them now (their supervisor, the cover, or the department head) can confirm a return to viewing.',
        );
      if (period.returned) return unchanged();
      if (leaveHolds) return reject('notAllowedNow', 'A request to leave is open: they stay off viewing until the move.');
      if (!period.ready)
        return reject(
          'notAllowedNow',
          'They have not said they feel ready to go back yet: a return is agreed by both of you. You can set a new review date instead.',
        );
      if (d.automaticRemoval === 'pending')
        return reject('notAllowedNow', 'Haven is still removing their grading access; try again in a minute.');
      period.returned = { by: who, at: now };
      if (action.automatic) period.automaticRestore = 'pending';
      else period.accessRestore = 'awaitingConfirmation';
      closeUnreviewed();
      d.timeline.push({ at: now, event: 'returnAgreed', personId: who });
      effects.push({ kind: 'restoreViewing' });
      effects.push({ kind: 'resolveBreakTray', items: ['review', 'unreviewed', 'ready'] });
      effects.push({ kind: 'breakCard', personId: d.personId, reason: 'returnAgreed' });
      return done();
    }
    case 'confirmAccessRestored': {
      if (actor.kind !== 'person' || !mayAgreeReturn(d, who, ctx))
        return reject('notEntitled', 'Only whoever looks after them now can confirm their grading access is restored.');
      if (period.accessRestore !== 'awaitingConfirmation') return unchanged();
      period.accessRestore = 'confirmed';
      d.timeline.push({ at: now, event: 'accessRestored', personId: who });
      effects.push({ kind: 'resolveBreakTray', items: ['restoreAccess'] });
      return done();
    }
    case 'accessRestoredAutomatically': {
      if (actor.kind !== 'system') return reject('notEntitled', 'Only Haven itself records an automatic restore.');
      if (period.automaticRestore !== 'pending') return unchanged();
      period.automaticRestore = 'done';
      period.accessRestore = 'restoredAutomatically';
      period.restoreRetryAt = undefined;
      d.timeline.push({ at: now, event: 'accessRestored', detail: 'automatic' });
      return done();
    }
    case 'accessRestoreFailed': {
      if (actor.kind !== 'system') return reject('notEntitled', 'Only Haven itself records a failed restore.');
      if (period.automaticRestore !== 'pending') return unchanged();
      period.automaticRestore = 'failed';
      period.accessRestore = 'awaitingConfirmation';
      period.restoreRetryAt = undefined;
      // The step by hand goes to whoever confirmed the return if they still look after the person, else whoever does now.
      const to = period.returned && mayAgreeReturn(d, period.returned.by, ctx) ? period.returned.by : responsible;
      if (to) effects.push({ kind: 'breakTray', personId: to, item: 'restoreAccess' });
      return done();
    }
  }
}

/** Which steps of the way back this viewer may take now: the same rules breakTransition() enforces. */
export function allowedBreakActions(
  d: Declaration,
  viewerId: string,
  ctx: Context,
): ('setReview' | 'readyToReturn' | 'confirmReturn' | 'confirmAccessRestored')[] {
  const out: ('setReview' | 'readyToReturn' | 'confirmReturn' | 'confirmAccessRestored')[] = [];
  const actor: Actor = { kind: 'person', personId: viewerId };
  const probe = (a: BreakAction) => {
    const r = breakTransition(d, a, actor, ctx);
    return r.ok && r.changed;
  };
  const tomorrow = addDays(localMoment(ctx.now).date, 1);
  const p = periodOf(d);
  // Setting the review date is offered whenever a new one could be set (the probe uses a date that differs from the current one).
  if (probe({ type: 'setReview', on: p?.reviewOn === tomorrow ? addDays(tomorrow, 1) : tomorrow })) out.push('setReview');
  if (probe({ type: 'readyToReturn' })) out.push('readyToReturn');
  if (probe({ type: 'confirmReturn', automatic: false })) out.push('confirmReturn');
  if (probe({ type: 'confirmAccessRestored' })) out.push('confirmAccessRestored');
  return out;
}

/** The tray key of a line about a break (the same for everyone told: resolving it clears it for all). */
export function breakTrayKey(declarationId: string, item: BreakTrayItem): string {
  return `break:${declarationId}:${item}`;
}

/** Does the job still have work on this request's time off viewing (review prompts, a restore, effects to send)? Indexed by storage. */
export function hasOffViewingWork(d: Declaration): boolean {
  if (d.kind === 'talk') return false;
  return offViewingActive(d) || d.offViewing?.automaticRestore === 'pending' || (d.pendingEffects?.length ?? 0) > 0;
}
