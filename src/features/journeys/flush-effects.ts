// Turns the effects stored with a journey into outbox messages, tray lines for the steps that wait on
// a trainer or department head (journey-tray.ts), and the one roster change, then clears them, through the kernel's one mechanism (kernel/pending-effects.ts). Message ids are deterministic, so a flush that is retried never sends twice.
import { journeyCard, moveCancelledCard, questionnaireCard } from './cards.ts';
import type { Journey, JourneyEffect } from './rules.ts';
import type { Roster } from '../../kernel/types.ts';
import { journeyContext } from './journey-context.ts';
import { journeyView, moveCancelledView, questionnaireView } from './views.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { VersionConflict, type NewOutboxMessage, type Versioned } from '../../kernel/ports.ts';
import { flushPendingEffects } from '../../kernel/pending-effects.ts';
import { NEUTRAL_HEADLINE } from '../../kernel/cards.ts';
import type { JourneyDeps } from './deps.ts';
import { postToTray, resolveInTray } from '../../kernel/tray.ts';
import { journeyTrayItem, journeyTrayKey, stepFor, stepsClosedBy } from './journey-tray.ts';

function messageFor(
  deps: JourneyDeps,
  j: Journey,
  item: { id: string; effect: JourneyEffect },
  roster: Roster,
): { message: NewOutboxMessage; readBy?: string } | undefined {
  const ctx = journeyContext(deps, j, roster);
  const e = item.effect;
  const to = (personId: string, card: Record<string, unknown>, purpose: string, lane: 'alert' | 'bulk' = 'bulk'): NewOutboxMessage => ({
    id: item.id,
    lane,
    target: { kind: 'person', personId },
    operation: 'send',
    activity: { text: NEUTRAL_HEADLINE, card },
    purpose,
  });
  const staffCard = (personId: string, purpose: string, lane: 'alert' | 'bulk' = 'bulk') => {
    const view = journeyView(j, personId, roster, ctx, deps.supportDirectory);
    // A card that carries the candidate's words to someone else is a read of them: audited by the caller.
    const carries = view.answers.length > 0 || view.notes.length > 0;
    return { message: to(personId, journeyCard(view), purpose, lane), readBy: carries ? personId : undefined };
  };
  switch (e.kind) {
    case 'tellCandidate':
      return {
        message: to(
          j.candidateId,
          journeyCard(journeyView(j, j.candidateId, roster, ctx, deps.supportDirectory)),
          `journey.candidate.${e.event}`,
          e.event === 'withdrawn' ? 'alert' : 'bulk',
        ),
      };
    case 'questionnaire': {
      if (j.state !== 'questionnaireSent') return undefined; // answered (or ended) before the reminder went out
      const values = j.questionnaire?.draft ?? {};
      const notice =
        e.reason === 'reminder' ? 'A gentle reminder: your questionnaire is waiting. Take your time; a few words are enough.' : undefined;
      return {
        message: to(
          j.candidateId,
          questionnaireCard(questionnaireView(j, roster, ctx.now, values, { notice })),
          `journey.questionnaire.${e.reason}`,
        ),
      };
    }
    case 'tellTrainer':
      return staffCard(j.trainerId, `journey.trainer.${e.event}`);
    case 'tellHead':
      return staffCard(e.personId, `journey.head.${e.event}`);
    case 'reviewTask':
    case 'headReviewTask':
      return undefined; // a step to act on: a tray line (journey-tray.ts), posted by the caller
    case 'tellHr':
      return { message: to(e.personId, moveCancelledCard(moveCancelledView(j, roster, ctx.now)), 'journey.hr.moveCancelled', 'alert') };
    case 'seedOngoingCare':
      return undefined;
  }
}

/** Ready to start: the start date in the unit seeds the person's ongoing care (tenure, new-joiner one-to-ones). */
async function seedOngoingCare(deps: JourneyDeps, j: Journey, startDate: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const p = await deps.people.get(j.candidateId);
    if (!p || p.value.joinedUnitOn === startDate) return;
    try {
      // Only the date: roles and unit stay with the roster import, which is their source.
      await deps.people.save({ ...p.value, joinedUnitOn: startDate }, p.version);
      await deps.audit.append({
        at: deps.clock.now().toISOString(),
        actor: 'system',
        action: 'person.joinedUnitOn',
        subject: `person:${j.candidateId}`,
        reason: `ready to start (journey:${j.id})`,
        outcome: 'ok',
      });
      return;
    } catch (error) {
      if (!(error instanceof VersionConflict) || attempt === 2) throw error;
    }
  }
}

/** Enqueues a journey's pending effects and clears them (kernel/pending-effects.ts). Safe to call again at any time. */
export async function flushJourneyEffects(deps: JourneyDeps, stored: Versioned<Journey>, roster?: Roster): Promise<Versioned<Journey>> {
  return flushPendingEffects<JourneyEffect, Journey>(stored, {
    store: deps.journeys,
    idOf: (j) => j.id,
    async apply(j, pending) {
      const r = roster ?? (await loadRoster(deps));
      for (const item of pending) {
        if (item.effect.kind === 'seedOngoingCare') {
          await seedOngoingCare(deps, j, item.effect.startDate);
          continue;
        }
        // A step that waits on a trainer or department head is a line in their tray, not a card.
        const step = stepFor(item.effect);
        const to = item.effect.kind === 'tellHead' || item.effect.kind === 'headReviewTask' ? item.effect.personId : j.trainerId;
        if (step) {
          await postToTray(deps, journeyTrayItem(j, step, item.effect, to, r));
          continue;
        }
        const built = messageFor(deps, j, item, r);
        if (!built) continue;
        const result = await deps.notifier.enqueue(built.message);
        if (result === 'created' && built.readBy) {
          await deps.audit.append({
            at: deps.clock.now().toISOString(),
            actor: built.readBy,
            action: 'journey.read',
            subject: `journey:${j.id}`,
            about: j.candidateId,
            reason: `card sent: ${built.message.purpose}`,
            outcome: 'ok',
          });
        }
      }
      // Whatever the change, a step nobody waits on any more is done for everyone who held it.
      for (const step of stepsClosedBy(j)) await resolveInTray(deps, journeyTrayKey(j.id, step));
      return j;
    },
  });
}
