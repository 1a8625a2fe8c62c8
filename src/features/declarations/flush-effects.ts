// Turns the effects stored with a declaration into outbox messages, then clears them, through the
// kernel's one mechanism for effects stored with a decision (kernel/pending-effects.ts). Message ids
// are deterministic, so a flush that is retried (after a crash or a conflict) never sends twice.
import { alertCard, channelAlertCard, declarationConfirmationCard, declarationStatusCard, moveCard } from './cards.ts';
import { noticeCard } from '../../kernel/notice-card.ts';
import type { Declaration, Effect } from './rules.ts';
import type { Roster } from '../../kernel/types.ts';
import { declarationContext } from './declaration-context.ts';
import { channelView, confirmationView, moveView, ownerView, responderView } from './views.ts';
import { nameIn } from '../../kernel/format.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import type { NewOutboxMessage, Versioned } from '../../kernel/ports.ts';
import { flushPendingEffects } from '../../kernel/pending-effects.ts';
import { NEUTRAL_HEADLINE } from '../../kernel/cards.ts';
import type { DeclarationDeps } from './deps.ts';
import { isUnrostered } from '../../kernel/identify-person.ts';
import { handOverRequestFollowUp } from '../trim/index.ts';
import { applyBreakEffect } from './break-effects.ts';

function messagesFor(
  d: Declaration,
  item: { id: string; effect: Effect },
  roster: Roster,
  deps: DeclarationDeps,
  sent: { outboxId: string; viewer: string; card?: 'move' }[],
): NewOutboxMessage[] {
  const ctx = declarationContext(deps, d, roster);
  const name = nameIn(roster);
  const e = item.effect;
  const person = (
    personId: string,
    lane: 'alert' | 'bulk',
    card: Record<string, unknown>,
    purpose: string,
    id = item.id,
  ): NewOutboxMessage => ({
    id,
    lane,
    target: { kind: 'person', personId },
    operation: 'send',
    activity: { text: NEUTRAL_HEADLINE, card },
    purpose,
  });
  switch (e.kind) {
    case 'alertResponder':
    case 'redeploymentTask': {
      sent.push({ outboxId: item.id, viewer: e.personId });
      return [
        person(
          e.personId,
          'alert',
          alertCard(responderView(d, e.personId, roster, ctx)),
          e.kind === 'alertResponder' ? 'declaration.alert' : 'declaration.redeployment',
        ),
      ];
    }
    case 'moveCard': {
      // HR / resource planning: the move card only (who, from where, to where, when), never the request.
      sent.push({ outboxId: item.id, viewer: e.personId, card: 'move' });
      return [person(e.personId, 'bulk', moveCard(moveView(d, e.personId, roster, ctx)), 'declaration.move')];
    }
    case 'tellOwner': {
      if (isUnrostered(d.personId) || e.event === 'raised') return []; // the raise is confirmed in the turn itself
      return [person(d.personId, 'alert', declarationStatusCard(ownerView(d, roster, undefined)), 'declaration.ownerUpdate')];
    }
    case 'followUp':
      // Handed over to TRiM follow-ups in apply() below: nothing is sent from here.
      return [];
    case 'tellLineSupervisor': {
      // The person chose someone else to tell first: their line supervisor gets a plain notice of only
      // what they need (off viewing, to manage the work) or what the person agreed to. No kind beyond
      // "off viewing", no note, no link to the request, and nothing for them to open.
      const who = name(d.personId);
      const offViewing = e.told !== 'askedForSupport';
      const asked = e.told !== 'offViewing';
      const lines: { text: string }[] = [];
      if (asked)
        lines.push({ text: `${who} asked for support through Haven and chose to let you know. Someone else is looking after it.` });
      if (offViewing)
        lines.push({ text: `${who} is off viewing from now. Please plan their work without any viewing until you hear otherwise.` });
      lines.push({ text: 'Nothing else is needed from you; let them raise it with you if they wish.' });
      return [
        person(
          e.personId,
          'alert',
          noticeCard({ title: offViewing ? `${who} is off viewing` : `${who} asked for support`, lines, showFooter: true }),
          'declaration.lineNotice',
        ),
      ];
    }
    case 'updateConfirmation': {
      // Replaces the confirmation the person saw when they asked (recorded by raiseDeclaration).
      if (!d.confirmation) return [];
      return [
        {
          id: item.id,
          lane: 'alert',
          target: { kind: 'person', personId: d.personId },
          operation: 'update',
          updateOf: d.confirmation.outboxId,
          activity: { text: NEUTRAL_HEADLINE, card: declarationConfirmationCard(confirmationView(d, roster, deps.supportDirectory, ctx)) },
          purpose: 'declaration.confirmation',
        },
      ];
    }
    case 'restoreViewing':
    case 'breakTray':
    case 'resolveBreakTray':
    case 'breakCard':
      return []; // applied by break-effects.ts
    case 'refreshCards': {
      const out: NewOutboxMessage[] = [];
      const unit = roster.units.find((u) => u.id === d.unitId);
      const posted = [...(d.messages ?? []), ...sent];
      // A request whose person chose someone other than their supervisor to tell first is not posted in
      // the supervisors' channel, even as a neutral card: its timing alone could tell them.
      if (unit?.supervisorChannelId && !d.route && !posted.some((m) => m.viewer === 'channel')) {
        const id = `${d.id}:channel`;
        sent.push({ outboxId: id, viewer: 'channel' });
        out.push({
          id,
          lane: 'alert',
          target: { kind: 'channel', channelId: unit.supervisorChannelId },
          operation: 'send',
          activity: { text: NEUTRAL_HEADLINE, card: channelAlertCard(channelView(d, roster, ctx)) },
          purpose: 'declaration.channel',
        });
      }
      for (const m of d.messages ?? []) {
        const card =
          m.viewer === 'channel'
            ? channelAlertCard(channelView(d, roster, ctx))
            : m.card === 'move'
              ? moveCard(moveView(d, m.viewer, roster, ctx))
              : alertCard(responderView(d, m.viewer, roster, ctx));
        const target =
          m.viewer === 'channel'
            ? { kind: 'channel' as const, channelId: unit?.supervisorChannelId ?? '' }
            : { kind: 'person' as const, personId: m.viewer };
        if (target.kind === 'channel' && !target.channelId) continue;
        out.push({
          id: `${m.outboxId}:${item.id}`,
          lane: 'alert',
          target,
          operation: 'update',
          updateOf: m.outboxId,
          activity: { text: NEUTRAL_HEADLINE, card },
          purpose: 'declaration.cardUpdate',
        });
      }
      return out;
    }
  }
}

/** Enqueues a declaration's pending effects and clears them (kernel/pending-effects.ts). Safe to call again at any time. */
export async function flushDeclarationEffects(
  deps: DeclarationDeps,
  stored: Versioned<Declaration>,
  roster?: Roster,
): Promise<Versioned<Declaration>> {
  return flushPendingEffects<Effect, Declaration>(stored, {
    store: deps.declarations,
    idOf: (d) => d.id,
    async apply(d, pending) {
      const r = roster ?? (await loadRoster(deps));
      const sent: { outboxId: string; viewer: string; card?: 'move' }[] = [];
      const outgoing: NewOutboxMessage[] = [];
      for (const item of pending) {
        // The 72-hour and one-month follow-ups go to a TRiM practitioner, not the line supervisor: the
        // TRiM feature asks the officer first (idempotent by id, so a retried flush hands over once).
        if (item.effect.kind === 'followUp' && d.unitId)
          await handOverRequestFollowUp(deps, { declarationId: d.id, which: item.effect.which, personId: d.personId, unitId: d.unitId });
        if (await applyBreakEffect(deps, d, item, r)) continue;
        outgoing.push(...messagesFor(d, item, r, deps, sent));
      }
      // Issue 15: the messages are independent rows with deterministic ids, so they are queued together;
      // the effects are cleared only after every one is stored (a failure leaves them all pending).
      await Promise.all(outgoing.map((message) => deps.notifier.enqueue(message)));
      const messages = [...(d.messages ?? [])];
      for (const s of sent) if (!messages.some((m) => m.outboxId === s.outboxId)) messages.push(s);
      return { ...d, messages };
    },
  });
}
