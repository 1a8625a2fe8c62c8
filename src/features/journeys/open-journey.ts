// A department head (or HR) opens a pre-deployment journey for a candidate, from chat or the roster
// command. Everything is validated first and every problem listed; nothing is written on error.
import { mayOpenFor } from './policy.ts';
import { createHash } from 'node:crypto';
import { isJourneyClosed, newJourney, openProblems, type Journey, type JourneyEffect } from './rules.ts';
import { isCurrentMember, isoDay } from '../../kernel/responsibility.ts';
import type { Roster } from '../../kernel/types.ts';
import { flushJourneyEffects } from './flush-effects.ts';
import { journeyContext, withJourneyEffectIds } from './journey-context.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { VersionConflict, type Versioned } from '../../kernel/ports.ts';
import type { JourneyDeps } from './deps.ts';

export interface OpenJourneyInput {
  candidateId: string;
  trainerId: string;
  plannedStartDate: string;
  /** Defaults to the opener's unit, else the candidate's. */
  unitId?: string;
  /** Roster id of the department head or HR person opening it; `admin-cli` for the roster command without --by. */
  openedBy: string;
  /** Makes a repeated request (a double click, a retried command) open one journey, not two. */
  requestId: string;
}

export type OpenJourneyResult = { ok: true; journey: Journey; duplicate: boolean } | { ok: false; problems: string[] };

/** Units this person may open journeys for (the chat form's choices). */
export function unitsOpenableBy(personId: string, roster: Roster): string[] {
  return roster.units.filter((u) => mayOpenFor(personId, u.id, roster)).map((u) => u.id);
}

export async function openJourney(deps: JourneyDeps, input: OpenJourneyInput): Promise<OpenJourneyResult> {
  const roster = await loadRoster(deps);
  const now = deps.clock.now();
  const by = input.openedBy === 'admin-cli' ? undefined : roster.people.find((p) => p.id === input.openedBy);
  // Someone who left the unit (roster sync) is neither a candidate nor a trainer for a new journey.
  const candidate = roster.people.find((p) => p.id === input.candidateId && isCurrentMember(p));
  const trainer = roster.people.find((p) => p.id === input.trainerId && isCurrentMember(p));
  const unitId =
    input.unitId ||
    (by && !by.roles.includes('hr') ? unitsOpenableBy(by.id, roster)[0] : undefined) ||
    by?.unitId ||
    candidate?.unitId ||
    '';
  const open = (await deps.journeys.listForCandidate(input.candidateId)).filter((j) => !isJourneyClosed(j.value));
  const problems = openProblems(
    { candidateId: input.candidateId, trainerId: input.trainerId, plannedStartDate: input.plannedStartDate, unitId },
    {
      candidate,
      trainer,
      unitExists: roster.units.some((u) => u.id === unitId),
      candidateHasOpenJourney: open.length > 0,
      today: isoDay(now),
    },
  );
  if (input.openedBy !== 'admin-cli') {
    if (!by) problems.unshift(`No one with the id "${input.openedBy}" is on the roster.`);
    else if (unitId && !mayOpenFor(by.id, unitId, roster))
      problems.unshift('Only the department head of the unit, or HR, can open a pre-deployment journey.');
  }
  const id = `jrn-${createHash('sha256').update(`${input.candidateId}|${input.requestId}`).digest('hex').slice(0, 24)}`;
  const existing = await deps.journeys.get(id);
  if (existing) return { ok: true, journey: existing.value, duplicate: true };
  if (problems.length) {
    await deps.audit.append({
      at: now.toISOString(),
      actor: input.openedBy,
      action: 'journey.open',
      subject: `person:${input.candidateId.slice(0, 64)}`,
      reason: `${problems.length} problem(s)`,
      outcome: 'denied',
    });
    return { ok: false, problems };
  }
  const journey = newJourney(
    {
      id,
      candidateId: input.candidateId,
      unitId,
      trainerId: input.trainerId,
      openedBy: input.openedBy,
      plannedStartDate: input.plannedStartDate,
    },
    now,
  );
  const ctx = journeyContext(deps, journey, roster);
  const effects: JourneyEffect[] = [
    { kind: 'tellCandidate', event: 'nominated' },
    { kind: 'tellTrainer', event: 'nominated' },
  ];
  if (ctx.departmentHeadId && ctx.departmentHeadId !== input.openedBy)
    effects.push({ kind: 'tellHead', event: 'nominated', personId: ctx.departmentHeadId });
  journey.pendingEffects = withJourneyEffectIds(journey, effects);
  let stored: Versioned<Journey>;
  try {
    stored = { value: journey, version: await deps.journeys.create(journey) };
  } catch (error) {
    if (!(error instanceof VersionConflict)) throw error;
    const again = await deps.journeys.get(id);
    if (!again) throw error;
    return { ok: true, journey: again.value, duplicate: true };
  }
  await deps.audit.append({
    at: journey.openedAt,
    actor: input.openedBy,
    action: 'journey.open',
    subject: `journey:${id}`,
    about: journey.candidateId,
    reason: `candidate person:${input.candidateId}`,
    outcome: 'ok',
  });
  stored = await flushJourneyEffects(deps, stored, roster).catch(() => stored);
  return { ok: true, journey: stored.value, duplicate: false };
}
