// "I'm stepping away for a bit" (issue 14, part 1; the seed's ad-hoc time away): a short private screen
// break. It is not "I need a break from viewing": nobody is told, nothing is paged, no request is
// raised, and the person's viewing status does not change. Haven keeps only when it began and ended
// (a press of "I'm back", or by itself after STEP_AWAY_MINUTES), for the person themself and their
// subject export. No other card, tray, digest or view reads it.
import { createHash } from 'node:crypto';
import type { Actor } from '../../kernel/context.ts';
import { identifyPerson } from '../../kernel/identify-person.ts';
import { VersionConflict } from '../../kernel/ports.ts';
import type { DeclarationDeps } from './deps.ts';
import type { StepAway } from './repository.ts';

export type { StepAway, StepAwayRepository } from './repository.ts';

/** A screen break ends by itself after this long unless the person presses "I'm back" first. */
export const STEP_AWAY_MINUTES = 30;

/** The screen break going on now, if any (not back, not ended by itself). */
export function activeStepAway(all: readonly StepAway[], now: Date): StepAway | undefined {
  const iso = now.toISOString();
  return all.filter((s) => !s.backAt && s.endsAt > iso).sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
}

export async function currentStepAway(deps: Pick<DeclarationDeps, 'stepAways' | 'clock'>, personId: string): Promise<StepAway | undefined> {
  return activeStepAway(
    (await deps.stepAways.listForPerson(personId)).map((v) => v.value),
    deps.clock.now(),
  );
}

export type StepAwayResult =
  { kind: 'notOnRoster' } | { kind: 'started' | 'alreadyAway'; away: StepAway } | { kind: 'back'; away: StepAway } | { kind: 'notAway' };

/** Starts a screen break (a second press while one is going on changes nothing). Audited with no detail beyond the fact. */
export async function startStepAway(deps: DeclarationDeps, actor: Actor, requestId: string): Promise<StepAwayResult> {
  const me = await identifyPerson(deps, actor);
  if (!me) return { kind: 'notOnRoster' };
  const personId = me.value.id;
  const current = await currentStepAway(deps, personId);
  if (current) return { kind: 'alreadyAway', away: current };
  const now = deps.clock.now();
  const away: StepAway = {
    id: `away-${createHash('sha256').update(`${personId}|${requestId}`).digest('hex').slice(0, 24)}`,
    personId,
    startedAt: now.toISOString(),
    endsAt: new Date(now.getTime() + STEP_AWAY_MINUTES * 60_000).toISOString(),
  };
  try {
    await deps.stepAways.create(away);
  } catch (error) {
    // The same click delivered twice: the first one started it.
    if (!(error instanceof VersionConflict)) throw error;
    return { kind: 'alreadyAway', away: (await currentStepAway(deps, personId)) ?? away };
  }
  await deps.audit.append({
    at: away.startedAt,
    actor: personId,
    action: 'stepAway.start',
    subject: `person:${personId}`,
    reason: 'private screen break',
    outcome: 'ok',
  });
  return { kind: 'started', away };
}

/** "I'm back": ends the screen break going on now, if any. */
export async function endStepAway(deps: DeclarationDeps, actor: Actor): Promise<StepAwayResult> {
  const me = await identifyPerson(deps, actor);
  if (!me) return { kind: 'notOnRoster' };
  for (let attempt = 0; attempt < 2; attempt++) {
    const all = await deps.stepAways.listForPerson(me.value.id);
    const current = activeStepAway(
      all.map((v) => v.value),
      deps.clock.now(),
    );
    if (!current) return { kind: 'notAway' };
    const stored = all.find((v) => v.value.id === current.id)!;
    const back: StepAway = { ...current, backAt: deps.clock.now().toISOString() };
    try {
      await deps.stepAways.save(back, stored.version);
    } catch (error) {
      if (error instanceof VersionConflict && attempt === 0) continue;
      throw error;
    }
    await deps.audit.append({
      at: back.backAt!,
      actor: me.value.id,
      action: 'stepAway.back',
      subject: `person:${me.value.id}`,
      reason: 'private screen break ended',
      outcome: 'ok',
    });
    return { kind: 'back', away: back };
  }
  return { kind: 'notAway' };
}
