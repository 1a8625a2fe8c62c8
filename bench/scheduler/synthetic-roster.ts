// Synthetic rosters for the scheduler benchmark, deterministic for a given size and seed.
// Shape (per unit of 25): a department head, three supervisors (each the standing cover of the next),
// a trainer and 20 officers split between the supervisors; every tenth unit's head is the rank above
// for the nine after it. About 4% of supervisors and 1% of department heads are away today (half of
// the supervisors' absences name a cover), with as many past and future absences again.
// Declarations: 1% of people have an open one (raised 0–90 minutes ago, a third acknowledged), and
// 0.5% raised one four days ago that has been assessed (its 72-hour follow-up is due).
import { DEFAULT_POLICY } from '../../src/kernel/escalation.ts';
import { newDeclaration, transition, type Declaration } from '../../src/features/declarations/rules.ts';
import type { Absence, Person, Roster, Unit, WorkingPattern } from '../../src/kernel/types.ts';
import { declarationContext } from '../../src/features/declarations/declaration-context.ts';
import { seededRandom } from '../lib/stats.ts';

export const UNIT_SIZE = 25;

const PATTERNS: WorkingPattern[] = [
  { days: ['mon', 'tue', 'wed', 'thu', 'fri'], startMinute: 8 * 60, endMinute: 16 * 60 },
  { days: ['mon', 'tue', 'wed', 'thu', 'fri'], startMinute: 9 * 60, endMinute: 17 * 60 },
  { days: ['mon', 'tue', 'wed', 'thu'], startMinute: 7 * 60, endMinute: 17 * 60 },
  { days: ['tue', 'wed', 'thu', 'fri', 'sat'], startMinute: 10 * 60, endMinute: 18 * 60 },
  { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], startMinute: 22 * 60, endMinute: 6 * 60 },
];

export interface SyntheticWorld {
  roster: Roster;
  declarations: Declaration[];
  /** When each person last answered a check-in (ISO); check-ins do not exist yet, so this is made up. */
  lastCheckIn: Map<string, string>;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);

export function syntheticWorld(size: number, now: Date, seed = 42): SyntheticWorld {
  const random = seededRandom(seed);
  const units: Unit[] = [];
  const people: Person[] = [];
  const absences: Absence[] = [];
  const unitCount = Math.ceil(size / UNIT_SIZE);
  const headOf = (u: number) => `p${u}-head`;
  for (let u = 0; u < unitCount; u++) {
    const unitId = `unit-${u}`;
    const groupHead = u - (u % 10);
    units.push({
      id: unitId,
      name: `Unit ${u}`,
      supervisorChannelId: `19:unit-${u}@thread.tacv2`,
      departmentHeadId: headOf(u),
      aboveId: groupHead === u ? undefined : headOf(groupHead),
    });
    const inUnit = Math.min(UNIT_SIZE, size - u * UNIT_SIZE);
    for (let i = 0; i < inUnit; i++) {
      const role = i === 0 ? 'departmentHead' : i <= 3 ? 'supervisor' : i === 4 ? 'trainer' : 'officer';
      const id = i === 0 ? headOf(u) : `p${u}-${i}`;
      const supervisorId = i === 0 ? undefined : i <= 4 ? headOf(u) : `p${u}-${1 + ((i - 5) % 3)}`;
      people.push({
        id,
        name: `Person ${u}-${i}`,
        teamsUserId: `29:bench-${u}-${i}`,
        aadObjectId: `00000000-0000-4000-8000-${String(u * UNIT_SIZE + i).padStart(12, '0')}`,
        roles: [role],
        unitId,
        supervisorId,
        coverId: role === 'supervisor' ? `p${u}-${1 + (i % 3)}` : undefined,
        joinedUnitOn: '2024-01-01',
        workingPattern: PATTERNS[(u + i) % PATTERNS.length]!,
        viewingStatus: 'viewing',
      });
      const away = role === 'supervisor' ? 0.04 : role === 'departmentHead' ? 0.01 : 0;
      if (away > 0 && random() < away) {
        absences.push({
          id: `abs-${id}-now`,
          personId: id,
          from: isoDay(addDays(now, -2)),
          to: isoDay(addDays(now, 3)),
          coverId: random() < 0.5 && role === 'supervisor' ? `p${u}-${1 + ((i + 1) % 3)}` : undefined,
        });
      }
      if (away > 0 && random() < away)
        absences.push({ id: `abs-${id}-past`, personId: id, from: isoDay(addDays(now, -40)), to: isoDay(addDays(now, -30)) });
      if (away > 0 && random() < away)
        absences.push({ id: `abs-${id}-later`, personId: id, from: isoDay(addDays(now, 30)), to: isoDay(addDays(now, 40)) });
    }
  }
  const roster: Roster = { units, people, absences };

  const deps = (at: Date) => ({ policyFor: () => DEFAULT_POLICY, fallbackResponders: [] as string[], clock: { now: () => at } });
  const officers = people.filter((p) => p.roles.includes('officer'));
  const declarations: Declaration[] = [];
  const raise = (p: Person, at: Date, n: number): Declaration => {
    const ctx = declarationContext(deps(at), { personId: p.id, unitId: p.unitId }, roster);
    return newDeclaration(
      {
        id: `decl-${String(n).padStart(24, '0')}`,
        personId: p.id,
        unitId: p.unitId,
        kind: n % 3 === 0 ? 'leave' : n % 3 === 1 ? 'break' : 'talk',
        noteShare: 'supervisor',
        accessRemoval: 'awaitingConfirmation',
      },
      ctx,
    ).declaration;
  };
  const openCount = Math.round(size * 0.01);
  const oldCount = Math.round(size * 0.005);
  for (let n = 0; n < openCount + oldCount && officers.length; n++) {
    const p = officers[Math.floor(random() * officers.length)]!;
    const old = n >= openCount;
    const raisedAt = old ? addDays(now, -4) : new Date(now.getTime() - Math.floor(random() * 90) * 60_000);
    let d = raise(p, raisedAt, n);
    const responder = d.onCall?.personId;
    if (responder && (old || n % 3 === 0)) {
      const ackAt = new Date(raisedAt.getTime() + 5 * 60_000);
      const ctx = declarationContext(deps(ackAt), d, roster);
      const r = transition(d, { type: 'acknowledge' }, { kind: 'person', personId: responder }, ctx);
      if (r.ok) d = r.declaration;
      if (old) {
        const a = transition(d, { type: 'recordRiskAssessment', adjustments: ['referTrim'] }, { kind: 'person', personId: responder }, ctx);
        if (a.ok) d = a.declaration;
      }
    }
    declarations.push(d);
  }

  const lastCheckIn = new Map<string, string>();
  for (const p of people) lastCheckIn.set(p.id, addDays(now, -Math.floor(random() * 14)).toISOString());
  return { roster, declarations, lastCheckIn };
}
