// The job side of a break that ends (issue 14, part 1), every tick, for every break or request to
// leave whose time off viewing still needs it (open or closed: the time off viewing outlives the
// request):
// - the automatic re-add to the grading-access group after an agreed return (Microsoft Graph, never
//   from inside the click): stored as 'pending' with the return, done here, retried after a 429's
//   Retry-After, and after a failure turned into a mandatory "access restored" step;
// - on the review date, a private card to the person in their working hours and a line in the tray of
//   whoever acts for them (their daily digest);
// - two working days after the review date with nobody reviewing: a task that walks the chain
//   (kernel/task-escalation.ts), one tray line per level, each in the recipient's working hours.
// Crash-safe: each step posts (tray, outbox under a deterministic id) before it records that it did,
// and a rerun finds the same step and posts the same thing again, which changes nothing.
import { personById } from '../../kernel/responsibility.ts';
import type { Logger } from 'pino';
import { NEUTRAL_HEADLINE } from '../../kernel/cards.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import type { Versioned } from '../../kernel/ports.ts';
import { nextTaskNotice } from '../../kernel/task-escalation.ts';
import { postToTray, resolveOne } from '../../kernel/tray.ts';
import type { Roster } from '../../kernel/types.ts';
import { isWorkingMoment, localMoment } from '../../kernel/working-time.ts';
import { DEFAULT_WORKING_PATTERN } from '../../kernel/working-pattern.ts';
import { breakContext, breakTrayItem } from './break-effects.ts';
import { viewingBreakCard } from './cards.ts';
import type { DeclarationDeps } from './deps.ts';
import { flushDeclarationEffects } from './flush-effects.ts';
import { saveWithEffects } from './jobs.ts';
import type { Declaration } from './model.ts';
import { RESTORE_MAX_ATTEMPTS, UNREVIEWED_LEVEL_MINUTES, breakTrayKey, periodOf, unreviewedTask } from './off-viewing.ts';
import { isOpen, transition } from './rules.ts';
import { breakView } from './views.ts';

async function audit(
  deps: DeclarationDeps,
  d: Declaration,
  action:
    'declaration.accessRestoredAutomatically' | 'declaration.accessRestoreFailed' | 'declaration.reviewDue' | 'declaration.reviewOverdue',
  reason: string,
) {
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: 'system',
    action,
    subject: `declaration:${d.id}`,
    about: d.personId,
    reason,
    outcome: action === 'declaration.accessRestoreFailed' ? 'failed' : 'ok',
  });
}

/** The automatic re-add, where it is pending and not waiting for a Retry-After. */
async function restoreAccess(
  deps: DeclarationDeps,
  stored: Versioned<Declaration>,
  roster: Roster,
  log: Logger,
): Promise<Versioned<Declaration>> {
  const d = stored.value;
  const period = periodOf(d);
  const now = deps.clock.now();
  if (period?.automaticRestore !== 'pending' || (period.restoreRetryAt && period.restoreRetryAt > now.toISOString())) return stored;
  const ctx = await breakContext(deps, d, roster);
  const person = personById(roster.people, d.personId);
  const result = person ? await deps.viewingAccess.restore(person) : { outcome: 'failed' as const };
  if (result.outcome === 'retry') {
    const attempts = (period.restoreAttempts ?? 0) + 1;
    if (attempts < RESTORE_MAX_ATTEMPTS) {
      const next: Declaration = {
        ...d,
        offViewing: {
          ...period,
          restoreAttempts: attempts,
          restoreRetryAt: new Date(now.getTime() + result.afterSeconds * 1000).toISOString(),
        },
      };
      log.warn(
        { declarationId: d.id, afterSeconds: result.afterSeconds },
        'adding back to the grading-access group was deferred; it will be retried',
      );
      return (await saveWithEffects(deps, stored, next, [])) ?? stored;
    }
  }
  const restored = result.outcome === 'restored';
  const r = transition(d, { type: restored ? 'accessRestoredAutomatically' : 'accessRestoreFailed' }, { kind: 'system' }, ctx);
  if (!r.ok || !r.changed) return stored;
  const saved = await saveWithEffects(deps, stored, r.declaration, r.effects);
  if (!saved) return stored;
  await audit(
    deps,
    d,
    restored ? 'declaration.accessRestoredAutomatically' : 'declaration.accessRestoreFailed',
    restored ? 'grading access restored' : result.outcome,
  );
  if (!restored)
    log.warn({ declarationId: d.id }, 'adding back to the grading-access group failed; whoever agreed the return must restore it by hand');
  return saved;
}

/** On the review date: the person's private card (in their working hours) and a tray line for whoever acts for them. */
async function promptReview(deps: DeclarationDeps, stored: Versioned<Declaration>, roster: Roster): Promise<Versioned<Declaration>> {
  const d = stored.value;
  const period = periodOf(d);
  const now = deps.clock.now();
  const today = localMoment(now).date;
  if (!period || period.returned || !period.reviewOn || period.reviewOn > today) return stored;
  const prompted = period.prompted?.reviewOn === period.reviewOn ? { ...period.prompted } : { reviewOn: period.reviewOn };
  const person = personById(roster.people, d.personId);
  const ctx = await breakContext(deps, d, roster);
  const responsible = (ctx.responsibleChain ?? ctx.chain)[0]?.personId;
  let changed = false;
  if (!prompted.responsibleAt && responsible) {
    await postToTray(deps, breakTrayItem(d, responsible, 'review', roster, now.toISOString()));
    prompted.responsibleAt = now.toISOString();
    changed = true;
  }
  if (!prompted.officerAt && person && isWorkingMoment(person.workingPattern, roster.absences, person.id, now)) {
    await deps.notifier.enqueue({
      id: `${d.id}:review:${period.reviewOn}`,
      lane: 'bulk',
      target: { kind: 'person', personId: person.id },
      operation: 'send',
      activity: { text: NEUTRAL_HEADLINE, card: viewingBreakCard(breakView(d, person.id, roster, ctx)) },
      purpose: 'declaration.break.reviewDue',
    });
    prompted.officerAt = now.toISOString();
    changed = true;
  }
  if (!changed) return stored;
  const first = !period.prompted || period.prompted.reviewOn !== period.reviewOn;
  const next: Declaration = {
    ...d,
    offViewing: { ...period, prompted },
    timeline: first ? [...d.timeline, { at: now.toISOString(), event: 'reviewDue', detail: period.reviewOn }] : d.timeline,
  };
  const saved = await saveWithEffects(deps, stored, next, []);
  if (saved && first) await audit(deps, d, 'declaration.reviewDue', `review on ${period.reviewOn}`);
  return saved ?? stored;
}

/**
 * A request to leave that ended without a move ("staying, with adjustments", or withdrawn): the time
 * off viewing it began has no review date (it was "until the move"), so it is given one now (today,
 * Haven's default) and reviewed like a break; otherwise nobody would ever be asked about the way back.
 */
async function reviewAfterLeave(deps: DeclarationDeps, stored: Versioned<Declaration>, roster: Roster): Promise<Versioned<Declaration>> {
  const d = stored.value;
  const period = periodOf(d);
  if (d.kind !== 'leave' || isOpen(d) || !period || period.returned || period.reviewOn || d.redeployment?.move?.done) return stored;
  const ctx = await breakContext(deps, d, roster);
  if (ctx.leaveOpen) return stored;
  const now = deps.clock.now();
  const today = localMoment(now).date;
  const next: Declaration = {
    ...d,
    offViewing: { ...period, reviewOn: today, reviewSetBy: 'default' },
    timeline: [...d.timeline, { at: now.toISOString(), event: 'reviewSet', detail: today }],
  };
  return (await saveWithEffects(deps, stored, next, [])) ?? stored;
}

/** Nobody reviewed it: the next level of the chain is given the task, in their working hours. */
async function escalateUnreviewed(deps: DeclarationDeps, stored: Versioned<Declaration>, roster: Roster): Promise<Versioned<Declaration>> {
  const d = stored.value;
  const period = periodOf(d);
  const now = deps.clock.now();
  const person = personById(roster.people, d.personId);
  const task = unreviewedTask(d, localMoment(now).date, person?.workingPattern ?? DEFAULT_WORKING_PATTERN, now);
  if (!period || !task) return stored;
  const ctx = await breakContext(deps, d, roster);
  const notice = nextTaskNotice(task, ctx.responsibleChain ?? ctx.chain, { levelDelayMinutes: UNREVIEWED_LEVEL_MINUTES }, now);
  if (!notice) return stored;
  const recipient = personById(roster.people, notice.personId);
  if (recipient && !isWorkingMoment(recipient.workingPattern, roster.absences, recipient.id, now)) return stored;
  await postToTray(deps, breakTrayItem(d, notice.personId, 'unreviewed', roster, now.toISOString()));
  // The overdue line takes the place of the review line for whoever holds it.
  await resolveOne(deps, notice.personId, breakTrayKey(d.id, 'review'), now, 'elsewhere');
  const next: Declaration = {
    ...d,
    offViewing: { ...period, unreviewed: { ...task, notices: [...task.notices, notice] } },
    timeline: [...d.timeline, { at: now.toISOString(), event: 'reviewOverdue', personId: notice.personId, detail: task.reviewOn }],
  };
  const saved = await saveWithEffects(deps, stored, next, []);
  if (saved) await audit(deps, d, 'declaration.reviewOverdue', `level ${notice.level}, round ${notice.loop}`);
  return saved ?? stored;
}

export async function tickOffViewing(deps: DeclarationDeps, log: Logger): Promise<void> {
  const all = await deps.declarations.listOffViewing();
  if (all.length === 0) return;
  const roster = await loadRoster(deps);
  for (let stored of all) {
    try {
      stored = await restoreAccess(deps, stored, roster, log);
      stored = await reviewAfterLeave(deps, stored, roster);
      stored = await promptReview(deps, stored, roster);
      stored = await escalateUnreviewed(deps, stored, roster);
      await flushDeclarationEffects(deps, stored, roster);
    } catch (error) {
      log.error(
        { declarationId: stored.value.id, err: { message: (error as Error).message } },
        'off-viewing tick failed; it will be retried',
      );
    }
  }
}
