import type { Roster } from './types.ts';
import type { KernelDeps } from './context.ts';

/** The roster: the process's shared, frozen view when there is one (issue 15), else read in full. */
export async function loadRoster(deps: Pick<KernelDeps, 'people' | 'units' | 'absences' | 'rosterView'>): Promise<Roster> {
  if (deps.rosterView) return deps.rosterView.load();
  const [people, units, absences] = await Promise.all([deps.people.list(), deps.units.list(), deps.absences.list()]);
  return { people: people.map((p) => p.value), units: units.map((u) => u.value), absences: absences.map((a) => a.value) };
}
