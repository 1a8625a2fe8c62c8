// A supervisor (or whoever the chain reached) acknowledges a flag or records the conversation. The
// clicker is re-checked on the server; anyone else gets a refusal, a 'denied' audit row and no change.
import type { FlagCardData } from './cards.ts';
import { isFlagOpen, type Flag } from './flag.ts';
import { flagCardData } from './views.ts';
import type { Actor } from '../../kernel/context.ts';
import { formatTime, nameIn } from '../../kernel/format.ts';
import { viewerIdOf } from '../../kernel/identify-person.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { VersionConflict } from '../../kernel/ports.ts';
import { answersFor, responderChain, workloadFiguresFor } from './tick-flags.ts';
import { resolveInTray } from '../../kernel/tray.ts';
import { flagTrayKey } from './flag-tray.ts';
import { mayActOnFlag, maySeeFlag } from './policy.ts';
import type { CheckInDeps } from './deps.ts';

export type FlagAction = 'acknowledge' | 'resolve';

export type FlagActResult = { ok: true; card: FlagCardData } | { ok: false };

export async function actOnFlag(deps: CheckInDeps, actor: Actor, flagId: string, action: FlagAction): Promise<FlagActResult> {
  const viewerId = await viewerIdOf(deps, actor);
  for (let attempt = 0; attempt < 2; attempt++) {
    const now = deps.clock.now();
    const stored = await deps.flags.get(flagId);
    const roster = await loadRoster(deps);
    const flag = stored?.value;
    const allowed = !!flag && mayActOnFlag(viewerId, flag, responderChain(deps, flag, roster, now));
    if (!stored || !flag || !allowed) {
      await deps.audit.append({
        at: now.toISOString(),
        actor: viewerId,
        action: `flag.${action}`,
        subject: `flag:${flagId.slice(0, 120)}`,
        ...(flag ? { about: flag.personId } : {}),
        reason: flag ? 'not entitled' : 'no such flag',
        outcome: 'denied',
      });
      return { ok: false };
    }
    const name = nameIn(roster);
    let next: Flag | undefined;
    let notice = '';
    if (!isFlagOpen(flag))
      notice = `Already recorded: conversation held, by ${name(flag.resolved?.by)}${flag.resolved ? ` at ${formatTime(flag.resolved.at)}` : ''}. Nothing changed.`;
    else if (action === 'acknowledge' && flag.acknowledged)
      notice = `Already acknowledged by ${flag.acknowledged.by === viewerId ? 'you' : name(flag.acknowledged.by)} at ${formatTime(flag.acknowledged.at)}.`;
    else if (action === 'acknowledge') next = { ...flag, acknowledged: { by: viewerId, at: now.toISOString() } };
    else
      next = {
        ...flag,
        acknowledged: flag.acknowledged ?? { by: viewerId, at: now.toISOString() },
        resolved: { by: viewerId, at: now.toISOString() },
      };
    if (!next) return { ok: true, card: flagCardData({ flag, roster, viewerId, mayAct: true, notice }) };
    try {
      await deps.flags.save(next, stored.version);
    } catch (error) {
      if (error instanceof VersionConflict && attempt === 0) continue;
      throw error;
    }
    await deps.audit.append({
      at: now.toISOString(),
      actor: viewerId,
      action: `flag.${action}`,
      subject: `flag:${flag.id}`,
      about: flag.personId,
      reason: action === 'resolve' ? 'conversation held' : 'acknowledged',
      outcome: 'ok',
    });
    // What the tray asked of everyone the flag reached is done: their digest lines close.
    await resolveInTray(deps, flagTrayKey(flag.id), now);
    const done =
      action === 'resolve'
        ? 'Recorded: conversation held. Thank you.'
        : `Acknowledged. When you have spoken with ${name(flag.personId)}, press "Conversation held".`;
    return { ok: true, card: flagCardData({ flag: next, roster, viewerId, mayAct: true, notice: done }) };
  }
  return { ok: false };
}

/**
 * "Open" on a flag's digest line: the full flag card, for whoever may see the flag now (policy.ts
 * maySeeFlag); the answers only when the person shared that check-in and the viewer is who they
 * shared it with now (maySeeAnswers), and that read is audited. Anyone else: a refusal, a 'denied' row.
 */
export async function showFlag(deps: CheckInDeps, actor: Actor, flagId: string): Promise<FlagActResult> {
  const viewerId = await viewerIdOf(deps, actor);
  const now = deps.clock.now();
  const roster = await loadRoster(deps);
  const flag = (await deps.flags.get(flagId))?.value;
  const chain = flag ? responderChain(deps, flag, roster, now) : [];
  if (!flag || !maySeeFlag(viewerId, flag, chain)) {
    await deps.audit.append({
      at: now.toISOString(),
      actor: viewerId,
      action: 'flag.show',
      subject: `flag:${flagId.slice(0, 120)}`,
      ...(flag ? { about: flag.personId } : {}),
      reason: flag ? 'not entitled' : 'no such flag',
      outcome: 'denied',
    });
    return { ok: false };
  }
  const shared = await answersFor(deps, flag, viewerId, roster, now);
  if (shared)
    await deps.audit.append({
      at: now.toISOString(),
      actor: viewerId,
      action: 'checkIn.shareShown',
      subject: shared.checkIn.id,
      about: shared.checkIn.personId,
      reason: `shared answers shown to ${viewerId} on a flag`,
      outcome: 'ok',
    });
  const workload = await workloadFiguresFor(deps, flag, viewerId, roster, now);
  if (workload.length)
    await deps.audit.append({
      at: now.toISOString(),
      actor: viewerId,
      action: 'checkIn.shareShown',
      subject: `flag:${flag.id}`,
      about: flag.personId,
      reason: `shared workload figures (${workload.length} week(s)) shown on a flag`,
      outcome: 'ok',
    });
  return { ok: true, card: flagCardData({ flag, roster, viewerId, mayAct: mayActOnFlag(viewerId, flag, chain), shared, workload }) };
}
