// The escalation job: runs under the job lease every tick. Idempotent: message ids derive from the
// declaration and its revision, so a crash and a rerun never alert anyone twice.
import { personById } from '../../kernel/responsibility.ts';
import { withPendingEffects } from '../../kernel/pending-effects.ts';
import type { Logger } from 'pino';
import { holderReached, isOpen, noteAlertReached, takeDueFollowUps, transition, type Declaration } from './rules.ts';
import { targetKey } from '../../kernel/types.ts';
import { declarationContext, withEffectIds } from './declaration-context.ts';
import { flushDeclarationEffects } from './flush-effects.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { VersionConflict, type UnreachableEvent, type Versioned } from '../../kernel/ports.ts';
import { setNotViewing } from './raise-declaration.ts';
import { offViewingActive } from './off-viewing.ts';
import type { DeclarationDeps } from './deps.ts';

export async function saveWithEffects(
  deps: DeclarationDeps,
  stored: Versioned<Declaration>,
  next: Declaration,
  effects: Parameters<typeof withEffectIds>[1],
): Promise<Versioned<Declaration> | undefined> {
  const value: Declaration = withPendingEffects(stored.value, next, withEffectIds(next, effects));
  try {
    return { value, version: await deps.declarations.save(value, stored.version) };
  } catch (error) {
    if (error instanceof VersionConflict) return undefined; // someone acted meanwhile; next tick sees it
    throw error;
  }
}

export async function tickDeclarations(deps: DeclarationDeps, log: Logger): Promise<void> {
  const open = await deps.declarations.listOpen();
  const withFollowUps = await deps.declarations.listFollowUpsDue(deps.clock.now());
  const all = new Map<string, Versioned<Declaration>>();
  for (const d of [...open, ...withFollowUps]) all.set(d.value.id, d);
  if (all.size === 0) return;
  const roster = await loadRoster(deps);
  for (let stored of all.values()) {
    try {
      const ctx = declarationContext(deps, stored.value, roster);
      // Automatic removal from the grading-access group, where configured.
      if (stored.value.automaticRemoval === 'pending') {
        const person = personById(roster.people, stored.value.personId);
        const result = person ? await deps.viewingAccess.remove(person) : 'failed';
        if (result === 'removed') {
          const r = transition(stored.value, { type: 'accessRemovedAutomatically' }, { kind: 'system' }, ctx);
          if (r.ok) stored = (await saveWithEffects(deps, stored, r.declaration, r.effects)) ?? stored;
        } else {
          stored =
            (await saveWithEffects(deps, stored, { ...stored.value, automaticRemoval: 'failed' }, [{ kind: 'refreshCards' }])) ?? stored;
          log.warn(
            { declarationId: stored.value.id },
            'automatic removal from the grading-access group failed; the supervisor must confirm by hand',
          );
        }
      }
      // Reconcile: a break/leave whose return is not agreed always means not viewing, even after a crash mid-raise.
      if (offViewingActive(stored.value)) {
        const person = personById(roster.people, stored.value.personId);
        if (person && person.viewingStatus !== 'notViewing') await setNotViewing(deps, person.id, stored.value.raisedAt);
      }
      const ticked = transition(stored.value, { type: 'tick' }, { kind: 'system' }, ctx);
      if (ticked.ok && ticked.changed) stored = (await saveWithEffects(deps, stored, ticked.declaration, ticked.effects)) ?? stored;
      const follow = takeDueFollowUps(stored.value, ctx.now);
      if (follow.effects.length) stored = (await saveWithEffects(deps, stored, follow.declaration, follow.effects)) ?? stored;
      stored = await noticeHolderReached(deps, stored);
      await flushDeclarationEffects(deps, stored, roster);
    } catch (error) {
      log.error(
        { declarationId: stored.value.id, err: { message: (error as Error).message } },
        'declaration tick failed; it will be retried',
      );
    }
  }
}

/**
 * Whether the alert to whoever holds the request now got through, read from the outbox (a message
 * the connector accepted is 'sent'). Once it has, the confirmation the person who asked saw is updated
 * to say who has their request (noteAlertReached). Asked every tick until then, so a crash between
 * the delivery and this step loses nothing.
 */
async function noticeHolderReached(deps: DeclarationDeps, stored: Versioned<Declaration>): Promise<Versioned<Declaration>> {
  const d = stored.value;
  const holder = d.onCall?.personId;
  if (!holder || !isOpen(d) || (d.reached?.includes(holder) && (!d.confirmation || d.confirmation.says === holder))) return stored;
  let reached = holderReached(d);
  for (const m of [...(d.messages ?? [])].reverse()) {
    if (reached) break;
    if (m.viewer === holder && (await deps.notifier.statusOf(m.outboxId)) === 'sent') reached = true;
  }
  if (!reached) return stored;
  const r = noteAlertReached(d, holder);
  if (r.declaration === d) return stored;
  return (await saveWithEffects(deps, stored, r.declaration, r.effects)) ?? stored;
}

/** An alert that could not be delivered: the responder is passed over at once. */
export async function onAlertUnreachable(deps: DeclarationDeps, event: UnreachableEvent, log: Logger): Promise<void> {
  if (event.target.kind !== 'person' || !event.purpose.startsWith('declaration.')) return;
  // HR's move card is not an alert: HR hold no part of the request, so there is nobody to pass over.
  // (Its updates carry the card's id, which names the effect: `…:moveCard:<person>`.)
  if (event.purpose === 'declaration.move' || event.messageId.includes(':moveCard:')) return;
  // A notice to the line supervisor (the person chose someone else to tell first) is not an alert: nobody to pass over.
  if (event.purpose === 'declaration.lineNotice') return;
  const declarationId = event.messageId.split(':')[0]!;
  if (!declarationId.startsWith('decl-')) return;
  const personId = event.target.personId;
  // Issue 15: alerts are sent at once (the express path), so this can run while the raise that queued them is
  // still storing its own changes; a conflict means someone else saved first: read again and decide again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const stored = await deps.declarations.get(declarationId);
    if (!stored) return;
    // A message to the person who asked (their confirmation or a status card) is not an alert: nothing to pass over.
    if (stored.value.personId === personId) return;
    // Someone already on record as unreachable is not news, and must not spin the chain:
    // - no longer on call (a later card update to them failed too): recording it again would refresh
    //   every card, including theirs, whose update fails again, for ever;
    // - back on call at once because everyone in the chain is unreachable: the next round starts at
    //   the level's deadline, like any other, instead of going round in a tight loop.
    const lastAboutThem = [...stored.value.timeline].reverse().find((e) => e.personId === personId);
    if (stored.value.onCall?.personId !== personId && lastAboutThem?.event === 'unreachable') return;
    const roster = await loadRoster(deps);
    const ctx = declarationContext(deps, stored.value, roster);
    const delayMs = (ctx.chain.find((e) => e.personId === personId)?.delayMinutes ?? ctx.policy.levels[0]?.delayMinutes ?? 15) * 60_000;
    const lastUnreachable = [...stored.value.timeline].reverse().find((e) => e.event === 'unreachable' && e.personId === personId);
    if (lastUnreachable && ctx.now.getTime() - new Date(lastUnreachable.at).getTime() < delayMs) return;
    const r = transition(stored.value, { type: 'unreachable', personId, reason: event.reason }, { kind: 'system' }, ctx);
    if (!r.ok || !r.changed) return;
    const saved = await saveWithEffects(deps, stored, r.declaration, r.effects);
    if (saved) {
      log.warn({ declarationId, target: targetKey(event.target) }, 'responder unreachable; escalated past them');
      await flushDeclarationEffects(deps, saved, roster);
      return;
    }
  }
}
