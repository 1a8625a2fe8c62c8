// The one set of day, time and name formatters every card and report uses. Three outputs, each built
// once (building a formatter showed as ~5% of inbound CPU):
//   formatDay      "23 Nov 2026"               a calendar date: due dates, periods, records
//   formatWeekday  "Mon, 23 Nov 2026"          a day someone plans around: a planned start, a check-in
//   formatTime     "23 Nov 2026, 09:00"        an instant, on the UK wall clock (GMT or BST)
// Calendar dates (YYYY-MM-DD) are formatted as dates, never shifted by a time zone; instants are shown
// in UK time because units in this release run on UK time (see README). Pure.
import type { Roster } from './types.ts';
import { isUnrostered } from './identify-person.ts';

const UK_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' });
const DAY = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
const WEEKDAY = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** An instant (ISO) on the UK wall clock, e.g. "23 Nov 2026, 09:00". */
export function formatTime(iso: string): string {
  return UK_TIME.format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD) in words, e.g. "23 Nov 2026". */
export function formatDay(date: string): string {
  return DAY.format(new Date(`${date}T00:00:00Z`));
}

/** A calendar date (YYYY-MM-DD) with its weekday, e.g. "Mon, 23 Nov 2026". */
export function formatWeekday(date: string): string {
  return WEEKDAY.format(new Date(`${date}T00:00:00Z`));
}

/** Words for actors that are not people on the roster: what a card says instead of their internal id. */
const NOT_A_PERSON: Record<string, string> = { 'admin-cli': 'an administrator', system: 'Haven' };

/** A person's name as cards show it: never an internal id (a roster id no longer on the roster, `admin-cli`). */
export function nameIn(roster: Roster) {
  return (id: string | undefined) =>
    id
      ? (roster.people.find((p) => p.id === id)?.name ??
        NOT_A_PERSON[id] ??
        (isUnrostered(id) ? 'someone not on the roster' : 'someone no longer on the roster'))
      : 'nobody yet';
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDay(s: string): boolean {
  if (!ISO_DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
