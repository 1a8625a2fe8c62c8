// The one set of day, time and name formatters every card and report uses.
import type { Roster } from './types.ts';

// Building a formatter is costly (it showed as ~5% of inbound CPU); one is enough.
const UK_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' });

export function formatTime(iso: string): string {
  return UK_TIME.format(new Date(iso));
}

const DAY = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/** A calendar date (YYYY-MM-DD) in words, e.g. "23 Nov 2026". */
export function formatDay(date: string): string {
  return DAY.format(new Date(`${date}T00:00:00Z`));
}

export function nameIn(roster: Roster) {
  return (id: string | undefined) => (id ? (roster.people.find((p) => p.id === id)?.name ?? (id.startsWith('unrostered:') ? 'someone not on the roster' : id)) : 'nobody yet');
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDay(s: string): boolean {
  if (!ISO_DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
