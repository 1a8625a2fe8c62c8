// Recording a week of the exposure and workload log (issue 14) and what follows it: the rules
// (workload-rules.ts) decide the reasons; a flag with those reasons goes to the person's supervisor
// (or cover) like any check-in flag, saying the reason category only; and the person's next check-in
// is brought forward to their next working day. Every write carries its ETag. The week is marked
// evaluated only after its flag and the check-in are done: a crash in between leaves it for the job.
import type { Logger } from 'pino';
import { isFlagOpen, type Flag, type FlagReason } from './flag.ts';
import type { Person, Roster } from '../../kernel/types.ts';
import { VersionConflict, type Versioned } from '../../kernel/ports.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { notifyFlag } from './tick-flags.ts';
import { workloadReasonsFor, type WorkloadReason } from './workload-rules.ts';
import { mondayOf, workloadWeekId, type WorkloadFigures, type WorkloadWeek } from './workload.ts';
import { bringCheckInForward } from './bring-forward.ts';
import type { CheckInDeps } from './deps.ts';

/**
 * Stores a week's figures (creating the week's record, or replacing the figures of an existing one
 * with its ETag). `shared`: the person's choice on a self-reported week (an import passes false: the
 * tool's figures were never shared by the person). Answers the stored week.
 */
export async function recordWeek(
  deps: CheckInDeps,
  person: Pick<Person, 'id' | 'unitId'>,
  week: string,
  figures: WorkloadFigures,
  shared?: boolean,
): Promise<Versioned<WorkloadWeek>> {
  const id = workloadWeekId(person.id, week);
  for (let attempt = 0; ; attempt++) {
    const stored = await deps.workloadWeeks.get(id);
    const base: WorkloadWeek = stored?.value ?? { id, personId: person.id, unitId: person.unitId, week };
    const { evaluatedAt: _evaluated, ...rest } = base;
    const next: WorkloadWeek = { ...rest, unitId: person.unitId, figures, ...(shared !== undefined ? { shared } : {}) };
    try {
      if (stored) return { value: next, version: await deps.workloadWeeks.save(next, stored.version) };
      if ((await deps.workloadWeeks.add(next)) === 'created') {
        const added = await deps.workloadWeeks.get(id);
        if (added) return added;
      }
      throw new VersionConflict(`workload week ${id}`);
    } catch (error) {
      if (error instanceof VersionConflict && attempt < 2) continue;
      throw error;
    }
  }
}

export function workloadFlagId(personId: string, reason: FlagReason, week: string): string {
  return `flag-${personId}-${reason}-${week}`;
}

export interface WeekOutcome {
  reasons: WorkloadReason[];
  flag?: Flag;
  /** The date the next check-in now falls due, when it was brought forward. */
  broughtForwardTo?: string;
}

/** Runs the rules on a stored week; raises the flag and brings the next check-in forward when they say so. */
export async function evaluateWeek(deps: CheckInDeps, stored: Versioned<WorkloadWeek>, roster?: Roster): Promise<WeekOutcome> {
  const week = stored.value;
  if (!week.figures) return { reasons: [] };
  const r = roster ?? (await loadRoster(deps));
  const person = r.people.find((p) => p.id === week.personId);
  let outcome: WeekOutcome = { reasons: [] };
  if (person) {
    const weeks = new Map(
      (await deps.workloadWeeks.listForPerson(person.id))
        .map((v) => v.value)
        .filter((w) => w.figures)
        .map((w) => [w.week, w.figures!] as const),
    );
    weeks.set(week.week, week.figures);
    const openReasons = (await deps.flags.listForPerson(person.id))
      .map((v) => v.value)
      .filter(isFlagOpen)
      .flatMap((f) => [f.reason, ...(f.otherReasons ?? [])]);
    const reasons = workloadReasonsFor(weeks, week.week, person, deps.checkInSettings.workload, openReasons);
    outcome = { reasons };
    if (reasons.length) {
      const flag = await raiseWorkloadFlag(deps, week, reasons, r);
      const moved = await bringCheckInForward(deps, person, r, week.week);
      outcome = { reasons, ...(flag ? { flag } : {}), ...(moved ? { broughtForwardTo: moved } : {}) };
    }
  }
  try {
    await deps.workloadWeeks.save({ ...week, evaluatedAt: deps.clock.now().toISOString() }, stored.version);
  } catch (error) {
    // Changed meanwhile (new figures): whoever changed it evaluates it again.
    if (!(error instanceof VersionConflict)) throw error;
  }
  return outcome;
}

/** The flag for a week's reasons (once: its id derives from the person, first reason and week), told as check-in flags are. */
async function raiseWorkloadFlag(deps: CheckInDeps, week: WorkloadWeek, reasons: WorkloadReason[], roster: Roster) {
  const [reason, ...otherReasons] = reasons;
  if (!reason) return undefined;
  const now = deps.clock.now().toISOString();
  const flag: Flag = {
    id: workloadFlagId(week.personId, reason, week.week),
    personId: week.personId,
    unitId: week.unitId,
    reason,
    checkInDueAt: mondayOf(week.week) ?? now.slice(0, 10),
    workloadWeek: week.week,
    ...(otherReasons.length ? { otherReasons } : {}),
    openedAt: now,
    notices: [],
  };
  if ((await deps.flags.add(flag)) === 'created') {
    await deps.audit.append({
      at: now,
      actor: 'system',
      action: 'flag.raise',
      subject: `flag:${flag.id}`,
      about: flag.personId,
      reason: reasons.join(','),
      outcome: 'ok',
    });
  }
  const stored = await deps.flags.get(flag.id);
  if (!stored) return undefined;
  return (await notifyFlag(deps, stored, roster)).value;
}

/** The job's half: weeks whose figures were stored but whose rules a crash left unrun. */
export async function finishUnevaluatedWeeks(deps: CheckInDeps, roster: Roster, log: Logger): Promise<number> {
  let done = 0;
  for (const stored of await deps.workloadWeeks.listUnevaluated()) {
    try {
      await evaluateWeek(deps, stored, roster);
      done++;
    } catch (error) {
      log.error({ err: { message: (error as Error).message } }, 'evaluating a workload week failed; it will be retried');
    }
  }
  return done;
}
