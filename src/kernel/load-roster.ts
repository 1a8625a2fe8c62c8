import type { Roster } from './types.ts';
import type { KernelDeps } from './context.ts';

export async function loadRoster(deps: Pick<KernelDeps, 'people' | 'units' | 'absences'>): Promise<Roster> {
  const [people, units, absences] = await Promise.all([deps.people.list(), deps.units.list(), deps.absences.list()]);
  return { people: people.map((p) => p.value), units: units.map((u) => u.value), absences: absences.map((a) => a.value) };
}
