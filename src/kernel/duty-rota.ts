// Issue 16 (rotas): who is the duty sergeant and the duty inspector of a unit now. A unit's duty rota
// (data/duty-rota/<unit id>.json, HAVEN_DUTY_ROTA_DIR) lists periods: fixed ones (from/to instants)
// and repeating ones (a working pattern, e.g. nights "Mon-Sun 19:00-07:00" or a cycle "4on4off from
// 2026-01-05 19:00-07:00"). A fixed period that covers the moment wins over a repeating one; within
// each kind, the first listed wins. What an urgent request does with them is first-route.ts's
// `withDutyCover`. Pure: the rota, the roster and instants come in.
import type { Person, Role, Roster } from './types.ts';
import type { WorkingPattern } from './types.ts';
import { parseWorkingPattern } from './working-pattern.ts';
import { shiftAt } from './working-time.ts';

export interface DutyPeriod {
  /** A fixed period: ISO instants, `from` inclusive, `to` exclusive. */
  from?: string;
  to?: string;
  /** A repeating period: the shifts of this pattern (unit local time). */
  pattern?: WorkingPattern;
  sergeantId: string;
  inspectorId: string;
}

export interface DutyRota {
  periods: DutyPeriod[];
}

export interface OnDuty {
  sergeantId: string;
  inspectorId: string;
}

/** The roles each duty may be held with. */
export const DUTY_ROLES: Readonly<Record<'sergeant' | 'inspector', readonly Role[]>> = {
  sergeant: ['supervisor'],
  inspector: ['supervisor', 'departmentHead'],
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export type DutyRotaParse = { ok: true; rota: DutyRota } | { ok: false; problems: string[] };

/** Checks a duty rota file's shape (JSON already parsed). Every problem is listed, each with where it is. */
export function parseDutyRota(raw: unknown, source: string): DutyRotaParse {
  const problems: string[] = [];
  const r = (raw ?? {}) as Record<string, unknown>;
  const periods: DutyPeriod[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !Array.isArray(r.periods) || r.periods.length === 0) {
    return { ok: false, problems: [`${source}: "periods" must be a non-empty list of { from, to | pattern, sergeant, inspector }`] };
  }
  r.periods.forEach((p: unknown, i: number) => {
    const where = `${source}: periods[${i}]`;
    const before = problems.length;
    const period = (p ?? {}) as Record<string, unknown>;
    const id = (key: 'sergeant' | 'inspector') => {
      const v = period[key];
      if (typeof v !== 'string' || !/^[a-z0-9][a-z0-9._-]{0,62}$/.test(v)) {
        problems.push(`${where}.${key} must be a roster id`);
        return '';
      }
      return v;
    };
    const sergeantId = id('sergeant');
    const inspectorId = id('inspector');
    if (sergeantId && sergeantId === inspectorId) problems.push(`${where}: the duty sergeant and the duty inspector must be two people`);
    const fixed = period.from !== undefined || period.to !== undefined;
    const out: DutyPeriod = { sergeantId, inspectorId };
    if (fixed && period.pattern !== undefined) problems.push(`${where}: give either from and to, or a pattern, not both`);
    else if (fixed) {
      for (const key of ['from', 'to'] as const) {
        const v = period[key];
        if (typeof v !== 'string' || !ISO_INSTANT.test(v) || Number.isNaN(Date.parse(v)))
          problems.push(`${where}.${key} must be an instant like 2026-12-24T18:00:00Z`);
        else out[key] = new Date(v).toISOString();
      }
      if (out.from && out.to && out.to <= out.from) problems.push(`${where}: "to" must be after "from"`);
    } else if (typeof period.pattern === 'string') {
      const parsed = parseWorkingPattern(period.pattern);
      if (parsed.ok) out.pattern = parsed.value;
      else problems.push(`${where}.pattern: ${parsed.error}`);
    } else problems.push(`${where}: give from and to (instants), or a pattern like "Mon-Sun 19:00-07:00"`);
    if (problems.length === before) periods.push(out);
  });
  return problems.length ? { ok: false, problems } : { ok: true, rota: { periods } };
}

/**
 * Problems with a rota against the roster: everyone named must be on it, in the unit or not (a force
 * may share a duty inspector), and hold the right role. Every problem is listed.
 */
export function dutyRotaProblems(rota: DutyRota, roster: Pick<Roster, 'people'>, source: string): string[] {
  const problems: string[] = [];
  rota.periods.forEach((p, i) => {
    for (const [duty, id] of [
      ['sergeant', p.sergeantId],
      ['inspector', p.inspectorId],
    ] as const) {
      const person = roster.people.find((x) => x.id === id);
      if (!person) problems.push(`${source}: periods[${i}].${duty} "${id}" is not on the roster`);
      else if (!mayHoldDuty(person, duty))
        problems.push(`${source}: periods[${i}].${duty} "${id}" must have the ${DUTY_ROLES[duty].join(' or ')} role`);
      else if (person.leftOn) problems.push(`${source}: periods[${i}].${duty} "${id}" has left the unit`);
    }
  });
  return problems;
}

export function mayHoldDuty(person: Pick<Person, 'roles'>, duty: 'sergeant' | 'inspector'): boolean {
  return person.roles.some((r) => DUTY_ROLES[duty].includes(r));
}

/** Who is on duty at `now`: the fixed period covering it, else the repeating one, else nobody. */
export function onDutyAt(rota: DutyRota | undefined, now: Date): OnDuty | undefined {
  if (!rota) return undefined;
  const t = now.toISOString();
  const fixed = rota.periods.find((p) => p.from && p.to && p.from <= t && t < p.to);
  const found = fixed ?? rota.periods.find((p) => p.pattern && shiftAt(p.pattern, now) !== undefined);
  return found ? { sergeantId: found.sergeantId, inspectorId: found.inspectorId } : undefined;
}
