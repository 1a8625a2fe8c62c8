// A responder (or the declarant) acts on a declaration from a card. Every action re-checks who is
// clicking; a refusal changes nothing and is audited.
import { withPendingEffects } from '../../kernel/pending-effects.ts';
import { viewerIdOf } from '../../kernel/identify-person.ts';
import { transition, type Action, type Declaration, type Rejection } from './rules.ts';
import { mayOpenMoveCard, maySeeRequest } from './policy.ts';
import type { Actor } from '../../kernel/context.ts';
import { declarationContext, withEffectIds } from './declaration-context.ts';
import { flushDeclarationEffects } from './flush-effects.ts';
import { isBreakAction } from './off-viewing.ts';
import { breakContext } from './break-effects.ts';
import { identifyPerson } from '../../kernel/identify-person.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { VersionConflict, type Versioned } from '../../kernel/ports.ts';
import type { Roster } from '../../kernel/types.ts';
import type { DeclarationDeps } from './deps.ts';

export type ActResult =
  | { ok: true; declaration: Declaration; viewerId: string; roster: Roster; changed: boolean }
  | { ok: false; rejection: Rejection; declaration?: Declaration; viewerId?: string; roster?: Roster };

export async function actOnDeclaration(deps: DeclarationDeps, actor: Actor, declarationId: string, action: Action): Promise<ActResult> {
  // Issue 15: who is clicking, the declaration and the roster are independent reads: made together.
  const viewer = viewerIdOf(deps, actor);
  for (let attempt = 0; attempt < 2; attempt++) {
    const [viewerId, stored, roster] = await Promise.all([viewer, deps.declarations.get(declarationId), loadRoster(deps)]);
    if (!stored) {
      await deps.audit.append({
        at: deps.clock.now().toISOString(),
        actor: viewerId,
        action: `declaration.${action.type}`,
        subject: `declaration:${declarationId.slice(0, 80)}`,
        reason: 'no such declaration',
        outcome: 'denied',
      });
      return { ok: false, rejection: { code: 'notEntitled', message: 'This request is not one you can act on.' }, viewerId, roster };
    }
    // The way back from a break also asks whether a request to leave of the person is open (off-viewing.ts).
    const ctx = isBreakAction(action) ? await breakContext(deps, stored.value, roster) : declarationContext(deps, stored.value, roster);
    const outcome = transition(stored.value, action, { kind: 'person', personId: viewerId }, ctx);
    if (!outcome.ok) {
      await deps.audit.append({
        at: ctx.now.toISOString(),
        actor: viewerId,
        action: `declaration.${action.type}`,
        subject: `declaration:${declarationId}`,
        about: stored.value.personId,
        reason: outcome.rejection.code,
        outcome: 'denied',
      });
      return { ok: false, rejection: outcome.rejection, declaration: stored.value, viewerId, roster };
    }
    if (!outcome.changed) return { ok: true, declaration: stored.value, viewerId, roster, changed: false };
    const next: Declaration = withPendingEffects(stored.value, outcome.declaration, withEffectIds(outcome.declaration, outcome.effects));
    try {
      const version = await deps.declarations.save(next, stored.version);
      // Once the decision is stored (its effects with it), the audit row and the effects' messages are
      // independent writes: together. A failed flush is finished by the declaration job.
      const [, flushed] = await Promise.all([
        deps.audit.append({
          at: ctx.now.toISOString(),
          actor: viewerId,
          action: `declaration.${action.type}`,
          subject: `declaration:${declarationId}`,
          about: next.personId,
          reason: next.status,
          outcome: 'ok',
        }),
        flushDeclarationEffects(deps, { value: next, version } as Versioned<Declaration>, roster).catch(() => ({
          value: next,
          version,
        })),
      ]);
      return { ok: true, declaration: flushed.value, viewerId, roster, changed: true };
    } catch (error) {
      if (!(error instanceof VersionConflict) || attempt === 1) throw error;
    }
  }
  throw new Error('unreachable');
}

/** A read of someone else's declaration: allowed only to whoever is entitled now (policy.ts), and audited either way. */
export async function readDeclaration(
  deps: DeclarationDeps,
  actor: Actor,
  declarationId: string,
  why: string,
): Promise<{ declaration?: Declaration; viewerId: string; roster: Roster; allowed: boolean; ctx?: ReturnType<typeof declarationContext> }> {
  const viewerId = await viewerIdOf(deps, actor);
  const roster = await loadRoster(deps);
  const stored = await deps.declarations.get(declarationId);
  if (!stored) {
    await deps.audit.append({
      at: deps.clock.now().toISOString(),
      actor: viewerId,
      action: 'declaration.read',
      subject: `declaration:${declarationId.slice(0, 80)}`,
      reason: `${why}: not found`,
      outcome: 'denied',
    });
    return { viewerId, roster, allowed: false };
  }
  const ctx = declarationContext(deps, stored.value, roster);
  const d = stored.value;
  const isOwner = d.personId === viewerId;
  const allowed = maySeeRequest(d, viewerId, ctx);
  if (!isOwner) {
    await deps.audit.append({
      at: ctx.now.toISOString(),
      actor: viewerId,
      action: 'declaration.read',
      subject: `declaration:${declarationId}`,
      about: d.personId,
      reason: why,
      outcome: allowed ? 'ok' : 'denied',
    });
  }
  return { declaration: allowed ? d : undefined, viewerId, roster, allowed, ctx };
}

/**
 * A read of a request's move card (HR / resource planning, the department head): allowed only to
 * whoever may open it now (policy.ts mayOpenMoveCard), and audited either way. Answers nothing else
 * of the request to anyone else.
 */
export async function readMoveCard(
  deps: DeclarationDeps,
  actor: Actor,
  declarationId: string,
): Promise<{ declaration?: Declaration; viewerId: string; roster: Roster; ctx?: ReturnType<typeof declarationContext> }> {
  const viewerId = await viewerIdOf(deps, actor);
  const roster = await loadRoster(deps);
  const stored = await deps.declarations.get(declarationId);
  const ctx = stored ? declarationContext(deps, stored.value, roster) : undefined;
  const allowed = !!stored && !!ctx && mayOpenMoveCard(stored.value, viewerId, ctx);
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: viewerId,
    action: 'declaration.readMove',
    subject: `declaration:${stored ? stored.value.id : declarationId.slice(0, 80)}`,
    ...(stored ? { about: stored.value.personId } : {}),
    reason: stored ? 'move card' : 'move card: not found',
    outcome: allowed ? 'ok' : 'denied',
  });
  return { declaration: allowed ? stored!.value : undefined, viewerId, roster, ctx: allowed ? ctx : undefined };
}
