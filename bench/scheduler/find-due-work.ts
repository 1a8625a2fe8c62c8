// "Find due work" for one scheduler tick, from the rules that exist today, with the roster already in
// memory (the storage read is not part of this figure):
//   - escalations and follow-ups: what tickDeclarations() computes for every open declaration and every
//     declaration with a follow-up due (declarationContext → resolveChain, transition 'tick',
//     takeDueFollowUps), without saving anything;
//   - check-ins: check-ins do not exist yet (another issue), so this stands in for the scan the
//     scheduler will need: everyone at work now whose last check-in is a week old, and who is
//     responsible for them today (whoActsNow: supervisor, cover or department head).
import { takeDueFollowUps, transition, type Declaration } from '../../src/features/declarations/rules.ts';
import { DEFAULT_POLICY } from '../../src/kernel/escalation.ts';
import { whoActsNow, type Responsible } from '../../src/kernel/responsibility.ts';
import { type Roster, type WorkingPattern } from '../../src/kernel/types.ts';
import { addDays, startsShiftOn } from '../../src/kernel/working-time.ts';
import { declarationContext } from '../../src/features/declarations/declaration-context.ts';

export interface DueWork {
  checkIns: { personId: string; responsible: Responsible }[];
  escalations: { declarationId: string; effects: number }[];
  followUps: { declarationId: string; effects: number }[];
}

const CHECK_IN_EVERY_MS = 7 * 86_400_000;

/** At work at `now` (UTC), including a night shift that started the day before. */
export function isAtWork(p: WorkingPattern, now: Date): boolean {
  const minute = now.getUTCHours() * 60 + now.getUTCMinutes();
  // Dates in UTC, as this bench's clock; which dates start a shift is the kernel's rule (weekly or a cycle).
  const today = now.toISOString().slice(0, 10);
  const yesterday = addDays(today, -1);
  if (p.startMinute < p.endMinute) return startsShiftOn(p, today) && minute >= p.startMinute && minute < p.endMinute;
  return (startsShiftOn(p, today) && minute >= p.startMinute) || (startsShiftOn(p, yesterday) && minute < p.endMinute);
}

export function findDueCheckIns(roster: Roster, lastCheckIn: ReadonlyMap<string, string>, now: Date): DueWork['checkIns'] {
  const out: DueWork['checkIns'] = [];
  const cutoff = new Date(now.getTime() - CHECK_IN_EVERY_MS).toISOString();
  for (const person of roster.people) {
    if (!isAtWork(person.workingPattern, now)) continue;
    if ((lastCheckIn.get(person.id) ?? '') > cutoff) continue;
    out.push({ personId: person.id, responsible: whoActsNow(person, roster, DEFAULT_POLICY, now) });
  }
  return out;
}

export function findDueDeclarationWork(
  roster: Roster,
  declarations: readonly Declaration[],
  now: Date,
): Pick<DueWork, 'escalations' | 'followUps'> {
  const deps = { policyFor: () => DEFAULT_POLICY, fallbackResponders: [] as string[], clock: { now: () => now } };
  const escalations: DueWork['escalations'] = [];
  const followUps: DueWork['followUps'] = [];
  for (const d of declarations) {
    const ctx = declarationContext(deps, d, roster);
    const ticked = transition(d, { type: 'tick' }, { kind: 'system' }, ctx);
    if (ticked.ok && ticked.changed) escalations.push({ declarationId: d.id, effects: ticked.effects.length });
    const follow = takeDueFollowUps(d, now);
    if (follow.effects.length) followUps.push({ declarationId: d.id, effects: follow.effects.length });
  }
  return { escalations, followUps };
}
