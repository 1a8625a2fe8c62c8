// Units in this release run on UK time (see README). A trainer books "Tuesday 10:00" on the wall
// clock; Haven stores the instant. Pure.

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function londonParts(instant: number): Record<string, string> {
  return Object.fromEntries(PARTS.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
}

function londonOffsetMs(instant: number): number {
  const p = londonParts(instant);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  return asUtc - Math.floor(instant / 60_000) * 60_000;
}

/** The instant of a UK wall-clock date (YYYY-MM-DD) and time (HH:MM), or undefined if either is malformed. */
export function ukWallTimeToIso(day: string, time: string): string | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const t = /^(\d{2}):(\d{2})(?::\d{2})?$/.exec(time);
  if (!d || !t) return undefined;
  const guess = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  if (Number.isNaN(guess) || Number(t[1]) > 23 || Number(t[2]) > 59) return undefined;
  const check = new Date(guess);
  if (check.getUTCDate() !== Number(d[3]) || check.getUTCMonth() !== Number(d[2]) - 1) return undefined;
  return new Date(guess - londonOffsetMs(guess - londonOffsetMs(guess))).toISOString();
}

/** The UK wall-clock date (YYYY-MM-DD) and time (HH:MM) of an instant, e.g. to pre-fill inputs. */
export function ukWallTime(iso: string): { day: string; time: string } {
  const p = londonParts(Date.parse(iso));
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}
