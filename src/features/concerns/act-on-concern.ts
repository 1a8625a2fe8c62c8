// Opening a concern, acknowledging it and recording the welfare conversation. The clicker is checked
// again on the server at the moment of the click (policy.ts); anyone else gets a refusal that says
// nothing about the concern, a 'denied' audit row, and no change.
import type { Card } from '../../kernel/cards.ts';
import type { Actor } from '../../kernel/context.ts';
import { formatTime, nameIn } from '../../kernel/format.ts';
import { viewerIdOf } from '../../kernel/identify-person.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { noticeCard } from '../../kernel/notice-card.ts';
import { VersionConflict } from '../../kernel/ports.ts';
import { cleanText, tooLongProblem } from '../../kernel/text.ts';
import { postToTray, resolveInTray, resolveOne } from '../../kernel/tray.ts';
import type { AuditAction } from '../../kernel/types.ts';
import { concernCard } from './cards.ts';
import type { ConcernDeps } from './deps.ts';
import { OUTCOME_NOTE_MAX_BYTES, isConcernOpen, isConcernOutcome, outcomeTitle, type Concern } from './model.ts';
import { chainOf } from './notify.ts';
import { mayActOnConcern, maySeeRaiser } from './policy.ts';
import { concernCardData, concernTrayItem, concernTrayKey } from './views.ts';

export const NOT_YOURS = noticeCard({
  title: 'This is not yours to act on',
  lines: [{ text: 'Only the people this prompt was given to can open or act on it. Nothing was changed.' }],
  showFooter: true,
});

export type ConcernAction = 'show' | 'acknowledge' | 'record';

const ACTION: Record<ConcernAction, AuditAction> = { show: 'concern.show', acknowledge: 'concern.acknowledge', record: 'concern.record' };

export interface RecordPayload {
  outcome?: string;
  outcomeNote?: string;
}

export async function actOnConcern(
  deps: ConcernDeps,
  actor: Actor,
  concernId: string,
  action: ConcernAction,
  payload: RecordPayload = {},
): Promise<Card> {
  const viewerId = await viewerIdOf(deps, actor);
  for (let attempt = 0; attempt < 2; attempt++) {
    const now = deps.clock.now();
    const stored = await deps.concerns.get(concernId);
    const roster = await loadRoster(deps);
    const concern = stored?.value;
    const chain = concern ? chainOf(deps, concern, roster, now) : [];
    if (!stored || !concern || !mayActOnConcern(viewerId, concern, chain)) {
      await deps.audit.append({
        at: now.toISOString(),
        actor: viewerId,
        action: ACTION[action],
        // Not the concern's id: a refused look would otherwise show in the export of the person it is
        // about, and could tell them who tried (the raiser, perhaps). The actor is kept.
        subject: 'concern',
        reason: concern ? 'not entitled' : 'no such concern',
        outcome: 'denied',
      });
      return NOT_YOURS;
    }
    const showRaiser = maySeeRaiser(viewerId, concern, chain);
    const card = (c: Concern, notice = '', typed: Record<string, unknown> = {}) =>
      concernCard(concernCardData({ concern: c, roster, viewerId, mayAct: true, showRaiser, notice, typed }));
    const name = nameIn(roster);
    if (action === 'show') {
      await deps.audit.append({
        at: now.toISOString(),
        actor: viewerId,
        action: 'concern.show',
        subject: `concern:${concern.id}`,
        about: concern.personId,
        reason: showRaiser ? 'opened, with who raised it' : 'opened',
        outcome: 'ok',
      });
      return card(concern);
    }
    if (!isConcernOpen(concern)) {
      const o = concern.outcome;
      return card(
        concern,
        o
          ? `Already recorded: ${outcomeTitle(o.kind).toLowerCase()}, by ${o.by === viewerId ? 'you' : name(o.by)} at ${formatTime(o.at)}. Nothing changed.`
          : 'This is closed. Nothing changed.',
      );
    }
    let next: Concern;
    let reason: string;
    if (action === 'acknowledge') {
      if (concern.acknowledged)
        return card(
          concern,
          `Already acknowledged by ${concern.acknowledged.by === viewerId ? 'you' : name(concern.acknowledged.by)} at ${formatTime(concern.acknowledged.at)}.`,
        );
      next = { ...concern, acknowledged: { by: viewerId, at: now.toISOString() } };
      reason = 'acknowledged';
    } else {
      const typed = { ...payload } as Record<string, unknown>;
      if (!isConcernOutcome(payload.outcome)) return card(concern, 'Please choose what happened. Nothing was changed.', typed);
      const outcomeNote = cleanText(payload.outcomeNote ?? '').trim();
      const tooLong = tooLongProblem('your note', outcomeNote, OUTCOME_NOTE_MAX_BYTES);
      if (tooLong) return card(concern, `${tooLong} Nothing was changed.`, typed);
      next = {
        ...concern,
        acknowledged: concern.acknowledged ?? { by: viewerId, at: now.toISOString() },
        outcome: { kind: payload.outcome, by: viewerId, at: now.toISOString() },
        ...(outcomeNote ? { outcomeNote } : {}),
      };
      reason = payload.outcome;
    }
    try {
      await deps.concerns.save(next, stored.version);
    } catch (error) {
      if (error instanceof VersionConflict && attempt === 0) continue;
      throw error;
    }
    await deps.audit.append({
      at: now.toISOString(),
      actor: viewerId,
      action: ACTION[action],
      subject: `concern:${concern.id}`,
      about: concern.personId,
      reason,
      outcome: 'ok',
    });
    // Acknowledged: nobody further up is told, and the others' lines close; the acknowledger keeps
    // theirs (re-posted below) until the conversation is recorded. Recorded: every line closes.
    if (action === 'record') await resolveInTray(deps, concernTrayKey(concern.id), now);
    else {
      for (const other of await deps.tray.recipientsOf(concernTrayKey(concern.id)))
        if (other !== viewerId) await resolveOne(deps, other, concernTrayKey(concern.id), now, 'elsewhere');
      await postToTray(deps, concernTrayItem(next, viewerId, roster));
    }
    return card(
      next,
      action === 'record'
        ? `Recorded: ${outcomeTitle(next.outcome!.kind).toLowerCase()}. Thank you. Nobody else is told.`
        : `Acknowledged. When you have offered ${name(concern.personId)} a welfare conversation, record it here.`,
    );
  }
  return NOT_YOURS;
}
