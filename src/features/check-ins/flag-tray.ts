// A flag, and a check-in shared with no flag, as lines in the recipient's tray (kernel/tray.ts): the
// supervisor (or whoever the chain has reached) reads them in their daily digest, not as a card each.
// A line says only that there is a flag about someone, its reason category and since when; never an
// answer, a score or the note. Shared answers stay on the full card, shown by "Open" (flag.show,
// checkIn.showShared), whose route re-checks policy.ts maySeeAnswers at the moment of the click.
import type { NewTrayItem } from '../../kernel/tray.ts';
import { formatDay, nameIn } from '../../kernel/format.ts';
import type { Roster } from '../../kernel/types.ts';
import { VERBS } from '../../kernel/verbs.ts';
import type { CheckIn } from './check-in.ts';
import { FLAG_REASON_TITLES, type Flag } from './flag.ts';

/** The tray key of a flag: the same for everyone the chain reaches, so acknowledging clears it for all. */
export function flagTrayKey(flagId: string): string {
  return `flag:${flagId}`;
}

export function flagTrayItem(flag: Flag, recipientId: string, roster: Roster): NewTrayItem {
  const name = nameIn(roster)(flag.personId);
  return {
    recipientId,
    key: flagTrayKey(flag.id),
    feature: 'check-ins',
    aboutPersonId: flag.personId,
    // The reason category is what the flag card itself says to everyone it reaches; answers are not.
    line: `Consider a welfare conversation with ${name}: ${FLAG_REASON_TITLES[flag.reason]} (flagged ${formatDay(flag.openedAt.slice(0, 10))})`,
    since: flag.openedAt,
    actions: [
      { title: 'Acknowledge', verb: VERBS.flagAcknowledge, data: { flagId: flag.id } },
      { title: 'Open', verb: VERBS.flagShow, data: { flagId: flag.id } },
    ],
  };
}

/** The tray key of a check-in the person shared with their supervisor when it raised no flag. */
export function sharedTrayKey(checkInId: string): string {
  return `shared:${checkInId}`;
}

export function sharedTrayItem(checkIn: CheckIn, recipientId: string, roster: Roster): NewTrayItem {
  const answeredAt = checkIn.answeredAt ?? checkIn.sentAt;
  return {
    recipientId,
    key: sharedTrayKey(checkIn.id),
    feature: 'check-ins',
    aboutPersonId: checkIn.personId,
    line: `${nameIn(roster)(checkIn.personId)} shared their check-in with you (answered ${formatDay(answeredAt.slice(0, 10))})`,
    since: answeredAt,
    actions: [{ title: 'Open', verb: VERBS.checkInShowShared, data: { checkInId: checkIn.id } }],
  };
}
