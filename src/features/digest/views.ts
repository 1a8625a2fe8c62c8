// What the recipient is shown: their own lines, grouped by the person each is about (names from the
// roster), overdue ones saying since when, done ones struck through in words. Access was decided
// before (policy.ts): a view only ever receives the viewer's own lines.
import { formatDay } from '../../kernel/format.ts';
import type { Roster } from '../../kernel/types.ts';
import { addDays } from '../../kernel/working-time.ts';
import type { DigestCardData, DigestCardGroup } from './cards.ts';
import { orderLines, type DigestLine } from './model.ts';

/** A line open this long (and not overdue) says how long it has waited. */
const WAITING_DAYS = 7;

function dayOf(since: string): string {
  return since.slice(0, 10);
}

export function lineText(l: DigestLine, date: string, done: boolean, elsewhere = false): string {
  if (elsewhere) return `No longer yours to act on: ${l.line}`;
  if (done) return `Done: ${l.line}`;
  if (l.overdue) return `${l.line} — overdue since ${formatDay(dayOf(l.since))}`;
  if (dayOf(l.since) <= addDays(date, -WAITING_DAYS)) return `${l.line} — waiting since ${formatDay(dayOf(l.since))}`;
  return l.line;
}

/**
 * The card's data. `date` is the digest's day; every button carries it (`digest`) and its line's key
 * (`trayKey`), so after the action the clicker is shown this list again (index.ts afterAction).
 */
export function digestView(input: {
  lines: readonly DigestLine[];
  doneKeys: ReadonlySet<string>;
  /** Lines now someone else's to act on (a cover that ended). */
  elsewhereKeys?: ReadonlySet<string>;
  roster: Roster;
  date: string;
  weekly: boolean;
  note?: string;
}): DigestCardData {
  const { roster, date } = input;
  const name = (id: string | undefined) => (id ? (roster.people.find((p) => p.id === id)?.name ?? 'Someone no longer on the roster') : '');
  const byPerson = new Map<string, DigestLine[]>();
  for (const l of orderLines(input.lines)) {
    const group = l.aboutPersonId ?? '';
    byPerson.set(group, [...(byPerson.get(group) ?? []), l]);
  }
  const groups: DigestCardGroup[] = [...byPerson.entries()]
    .sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : name(a).localeCompare(name(b))))
    .map(([about, lines]) => ({
      heading: about === '' ? 'For you' : name(about),
      lines: lines.map((l) => {
        const elsewhere = !!input.elsewhereKeys?.has(l.key);
        const done = elsewhere || input.doneKeys.has(l.key);
        return {
          text: lineText(l, date, done, elsewhere),
          done,
          actions: done
            ? []
            : l.actions.map((a) => ({ title: a.title, verb: a.verb, data: { ...a.data, verb: a.verb, digest: date, trayKey: l.key } })),
        };
      }),
    }));
  const settled = (key: string) => input.doneKeys.has(key) || !!input.elsewhereKeys?.has(key);
  const open = input.lines.filter((l) => !settled(l.key)).length;
  const done = input.lines.filter((l) => input.doneKeys.has(l.key)).length;
  const title = open === 0 ? 'All done' : input.weekly ? `Your week: ${open} to act on` : `Today: ${open} to act on`;
  const intro = [
    input.note,
    open === 0
      ? 'Everything on this list is done. Thank you.'
      : `One line each, grouped by person${done ? `; ${done} done so far` : ''}. The list updates as things are done.`,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    title,
    intro,
    hasDateInput: input.lines.some(
      (l) => !settled(l.key) && l.actions.some((a) => a.verb === 'care.done' || a.verb === 'stage.discussionHeld'),
    ),
    today: date,
    groups,
  };
}
