// The effects of the way back from a break (issue 14, part 1) that are not plain outbox messages:
// viewing restored on the person's record, lines in someone's tray, and the break card to someone.
// Each is safe to repeat (flushPendingEffects may run an effect again after a crash): the person's
// record is written only while it still says "not viewing", a tray post of the same line changes
// nothing, and the card's outbox id is the effect's deterministic id.
import { NEUTRAL_HEADLINE } from '../../kernel/cards.ts';
import { formatWeekday, nameIn } from '../../kernel/format.ts';
import { VersionConflict } from '../../kernel/ports.ts';
import { postToTray, resolveInTray, type NewTrayItem } from '../../kernel/tray.ts';
import type { Roster } from '../../kernel/types.ts';
import { VERBS } from '../../kernel/verbs.ts';
import { viewingBreakCard } from './cards.ts';
import { declarationContext } from './declaration-context.ts';
import type { DeclarationDeps } from './deps.ts';
import type { BreakTrayItem, Declaration, Effect } from './model.ts';
import { breakTrayKey, isOpenLeave, offViewingActive, periodOf } from './off-viewing.ts';
import { breakView } from './views.ts';

/** The context for a break: the chain as it is now, and whether any request to leave of the person is open. */
export async function breakContext(deps: DeclarationDeps, d: Declaration, roster: Roster) {
  const mine = (await deps.declarations.listForPerson(d.personId)).map((v) => v.value);
  return { ...declarationContext(deps, d, roster), leaveOpen: mine.some((x) => x.id !== d.id && isOpenLeave(x)) };
}

/** One line in a tray about a break: names and dates only, never the note or the kind of request beyond "off viewing". */
export function breakTrayItem(d: Declaration, recipientId: string, item: BreakTrayItem, roster: Roster, at: string): NewTrayItem {
  const name = nameIn(roster)(d.personId);
  const period = periodOf(d);
  const review = period?.reviewOn ? formatWeekday(period.reviewOn) : '';
  const line: Record<BreakTrayItem, string> = {
    review: `${name}'s break from viewing is due for review (${review}): agree a return with them, or set a new review date`,
    ready: `${name} feels ready to go back to viewing: talk it through and confirm the return, or set a new review date`,
    unreviewed: `Nobody has reviewed ${name}'s break from viewing since ${review}: agree a return with them, or set a new review date`,
    restoreAccess: `Restore ${name}'s access to the grading systems by hand, then confirm it (the automatic restore did not work)`,
  };
  return {
    recipientId,
    key: breakTrayKey(d.id, item),
    feature: 'declarations',
    aboutPersonId: d.personId,
    line: line[item],
    since: item === 'review' || item === 'unreviewed' ? (period?.reviewOn ?? at) : at,
    overdue: item === 'unreviewed' || item === 'restoreAccess' ? true : undefined,
    actions: [{ title: 'Open', verb: VERBS.breakShow, data: { declarationId: d.id } }],
  };
}

/**
 * Viewing again, once no break or request to leave of the person still keeps them off viewing.
 * ETag-guarded; retried on a conflicting edit; audited as 'person.viewingStatus'.
 */
export async function restoreViewingIfClear(
  deps: DeclarationDeps,
  personId: string,
  at: string,
): Promise<'restored' | 'stillOff' | 'unchanged'> {
  const mine = (await deps.declarations.listForPerson(personId)).map((v) => v.value);
  if (mine.some(offViewingActive)) return 'stillOff';
  for (let attempt = 0; attempt < 3; attempt++) {
    const p = await deps.people.get(personId);
    if (!p || p.value.viewingStatus === 'viewing') return 'unchanged';
    try {
      await deps.people.save({ ...p.value, viewingStatus: 'viewing', viewingStatusSince: at }, p.version);
      await deps.audit.append({
        at,
        actor: 'system',
        action: 'person.viewingStatus',
        subject: `person:${personId}`,
        reason: 'viewing after an agreed return',
        outcome: 'ok',
      });
      return 'restored';
    } catch (error) {
      if (!(error instanceof VersionConflict) || attempt === 2) throw error;
    }
  }
  return 'unchanged';
}

/** Applies one break effect; answers true when it was one. */
export async function applyBreakEffect(
  deps: DeclarationDeps,
  d: Declaration,
  item: { id: string; effect: Effect },
  roster: Roster,
): Promise<boolean> {
  const e = item.effect;
  const now = deps.clock.now().toISOString();
  switch (e.kind) {
    case 'restoreViewing':
      await restoreViewingIfClear(deps, d.personId, periodOf(d)?.returned?.at ?? now);
      return true;
    case 'breakTray':
      await postToTray(deps, breakTrayItem(d, e.personId, e.item, roster, now));
      return true;
    case 'resolveBreakTray':
      for (const i of e.items) await resolveInTray(deps, breakTrayKey(d.id, i));
      return true;
    case 'breakCard': {
      const ctx = await breakContext(deps, d, roster);
      await deps.notifier.enqueue({
        id: item.id,
        lane: 'bulk',
        target: { kind: 'person', personId: e.personId },
        operation: 'send',
        activity: { text: NEUTRAL_HEADLINE, card: viewingBreakCard(breakView(d, e.personId, roster, ctx)) },
        purpose: `declaration.break.${e.reason}`,
      });
      return true;
    }
    default:
      return false;
  }
}
