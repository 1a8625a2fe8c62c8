// Someone acts on a journey from a card or a command. Every action re-checks who is acting; a
// refusal changes nothing and is audited as 'denied'. Stored before the person is answered; other
// people are told through the outbox afterwards.
import { withPendingEffects } from '../../kernel/pending-effects.ts';
import { transition, type Journey, type JourneyAction, type JourneyContext, type JourneyRejection } from './rules.ts';
import { roleOn } from './policy.ts';
import type { Roster } from '../../kernel/types.ts';
import { viewerIdOf } from '../../kernel/identify-person.ts';
import type { Actor } from '../../kernel/context.ts';
import { flushJourneyEffects } from './flush-effects.ts';
import { journeyContext, withJourneyEffectIds } from './journey-context.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { VersionConflict, type Versioned } from '../../kernel/ports.ts';
import type { JourneyDeps } from './deps.ts';

export type JourneyActResult =
  | { ok: true; journey: Journey; viewerId: string; roster: Roster; ctx: JourneyContext; changed: boolean }
  | { ok: false; rejection: JourneyRejection; journey?: Journey; viewerId: string; roster: Roster; ctx?: JourneyContext };

export async function actOnJourney(deps: JourneyDeps, actor: Actor, journeyId: string, action: JourneyAction): Promise<JourneyActResult> {
  const viewerId = await viewerIdOf(deps, actor);
  for (let attempt = 0; attempt < 2; attempt++) {
    const stored = await deps.journeys.get(journeyId);
    const roster = await loadRoster(deps);
    const subject = `journey:${journeyId.slice(0, 80)}`;
    if (!stored) {
      await deps.audit.append({
        at: deps.clock.now().toISOString(),
        actor: viewerId,
        action: `journey.${action.type}`,
        subject,
        reason: 'no such journey',
        outcome: 'denied',
      });
      return { ok: false, rejection: { code: 'notEntitled', message: 'This journey is not one you can act on.' }, viewerId, roster };
    }
    const ctx = journeyContext(deps, stored.value, roster);
    const outcome = transition(stored.value, action, { kind: 'person', personId: viewerId }, ctx);
    if (!outcome.ok) {
      await deps.audit.append({
        at: ctx.now.toISOString(),
        actor: viewerId,
        action: `journey.${action.type}`,
        subject,
        reason: outcome.rejection.code,
        outcome: 'denied',
      });
      return { ok: false, rejection: outcome.rejection, journey: stored.value, viewerId, roster, ctx };
    }
    if (!outcome.changed) return { ok: true, journey: stored.value, viewerId, roster, ctx, changed: false };
    const next: Journey = withPendingEffects(stored.value, outcome.journey, withJourneyEffectIds(outcome.journey, outcome.effects));
    try {
      const version = await deps.journeys.save(next, stored.version);
      await deps.audit.append({
        at: ctx.now.toISOString(),
        actor: viewerId,
        action: `journey.${action.type}`,
        subject,
        reason: next.state,
        outcome: 'ok',
      });
      const flushed = await flushJourneyEffects(deps, { value: next, version }, roster).catch(() => ({ value: next, version }));
      return { ok: true, journey: flushed.value, viewerId, roster, ctx, changed: true };
    } catch (error) {
      if (!(error instanceof VersionConflict) || attempt === 1) throw error;
    }
  }
  throw new Error('unreachable');
}

/** A read of a journey: allowed to the people on it; audited for everyone but the candidate. */
export async function readJourney(
  deps: JourneyDeps,
  actor: Actor,
  journeyId: string,
  why: string,
): Promise<{ journey?: Journey; viewerId: string; roster: Roster; ctx?: JourneyContext }> {
  const viewerId = await viewerIdOf(deps, actor);
  const roster = await loadRoster(deps);
  const stored = await deps.journeys.get(journeyId);
  const at = deps.clock.now().toISOString();
  if (!stored) {
    await deps.audit.append({
      at,
      actor: viewerId,
      action: 'journey.read',
      subject: `journey:${journeyId.slice(0, 80)}`,
      reason: `${why}: not found`,
      outcome: 'denied',
    });
    return { viewerId, roster };
  }
  const ctx = journeyContext(deps, stored.value, roster);
  const role = roleOn(stored.value, viewerId, ctx);
  if (role !== 'candidate')
    await deps.audit.append({
      at,
      actor: viewerId,
      action: 'journey.read',
      subject: `journey:${journeyId}`,
      about: stored.value.candidateId,
      reason: role === 'none' ? why : `${why} (${role})`,
      outcome: role === 'none' ? 'denied' : 'ok',
    });
  return { journey: role === 'none' ? undefined : stored.value, viewerId, roster, ctx };
}

/** The journeys this person is on (as candidate, trainer, head or HR), newest first. */
export async function journeysFor(
  deps: JourneyDeps,
  personId: string,
  roster: Roster,
): Promise<{ journey: Journey; role: ReturnType<typeof roleOn> }[]> {
  const all = await deps.journeys.list();
  return all
    .map((v) => ({ journey: v.value, role: roleOn(v.value, personId, journeyContext(deps, v.value, roster)) }))
    .filter((x) => x.role !== 'none')
    .sort((a, b) => b.journey.openedAt.localeCompare(a.journey.openedAt));
}
