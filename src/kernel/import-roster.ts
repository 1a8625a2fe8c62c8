import { formatRoster, parseRoster, type RosterProblem } from './roster.ts';
import type { Person } from './types.ts';
import { loadRoster } from './load-roster.ts';
import type { KernelDeps } from './context.ts';

/** Compares with keys in a fixed order, so a stored document and a parsed row compare fairly. */
export function isSame(a: object, b: object): boolean {
  const canon = (o: object) =>
    JSON.stringify(
      Object.entries(o)
        .filter(([, v]) => v !== undefined)
        .sort(([x], [y]) => x.localeCompare(y)),
    );
  return canon(a) === canon(b);
}

export type ImportResult =
  | { ok: true; units: number; people: number; absences: number; created: number; updated: number; unchanged: number; notInFile: string[] }
  | { ok: false; problems: RosterProblem[] };

/**
 * Validates the whole file first and writes nothing unless every row is valid. Rows are upserted
 * with the version read, so a concurrent edit is a conflict, not a lost update. A person's runtime
 * state (viewing status) is never overwritten by an import.
 */
export async function importRoster(deps: KernelDeps, csvText: string, actor: string): Promise<ImportResult> {
  const parsed = parseRoster(csvText);
  if (!parsed.ok) return parsed;
  const { roster } = parsed;
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  const count = (r: 'created' | 'updated' | 'unchanged') => (r === 'created' ? created++ : r === 'updated' ? updated++ : unchanged++);

  for (const unit of roster.units) {
    const current = await deps.units.get(unit.id);
    if (!current) await deps.units.create(unit);
    else if (!isSame(current.value, unit)) await deps.units.save(unit, current.version);
    count(!current ? 'created' : isSame(current.value, unit) ? 'unchanged' : 'updated');
  }
  for (const person of roster.people) {
    const current = await deps.people.get(person.id);
    if (!current) {
      await deps.people.create(person);
      count('created');
      continue;
    }
    const merged: Person = { ...person, viewingStatus: current.value.viewingStatus, viewingStatusSince: current.value.viewingStatusSince };
    if (!isSame(current.value, merged)) await deps.people.save(merged, current.version);
    count(isSame(current.value, merged) ? 'unchanged' : 'updated');
  }
  const storedAbsences = await deps.absences.list();
  for (const absence of roster.absences) {
    const existing = storedAbsences.find((a) => a.value.id === absence.id && a.value.personId === absence.personId);
    if (!existing) await deps.absences.create(absence);
    else if (!isSame(existing.value, absence)) await deps.absences.save(absence, existing.version);
    count(!existing ? 'created' : isSame(existing.value, absence) ? 'unchanged' : 'updated');
  }
  const inFile = new Set(roster.people.map((p) => p.id));
  const notInFile = (await deps.people.list()).map((p) => p.value.id).filter((id) => !inFile.has(id));
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor,
    action: 'roster.imported',
    subject: 'roster',
    reason: `${roster.people.length} people, ${roster.units.length} units, ${roster.absences.length} absences`,
    outcome: 'ok',
  });
  return {
    ok: true,
    units: roster.units.length,
    people: roster.people.length,
    absences: roster.absences.length,
    created,
    updated,
    unchanged,
    notInFile,
  };
}

export async function exportRoster(deps: KernelDeps): Promise<string> {
  const roster = await loadRoster(deps);
  const byId = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id);
  // Sorted copies: the roster is the process's shared, frozen view (issue 15).
  return formatRoster({
    units: [...roster.units].sort(byId),
    people: [...roster.people].sort(byId),
    absences: [...roster.absences].sort(byId),
  });
}
