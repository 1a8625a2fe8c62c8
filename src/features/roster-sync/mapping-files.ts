// Reads data/entra/<unit id>.json (HAVEN_ENTRA_DIR): every file, every problem in each.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MappingLoad } from './deps.ts';
import { parseMapping, type EntraMapping } from './rules.ts';

export function loadEntraMappings(dir: string): MappingLoad {
  const mappings: EntraMapping[] = [];
  const problems: string[] = [];
  if (!existsSync(dir)) return { dir, mappings, problems };
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message}`);
      continue;
    }
    const parsed = parseMapping(name, json);
    if (parsed.ok) mappings.push(parsed.mapping);
    else problems.push(...parsed.problems);
  }
  const seenGroups = new Map<string, string>();
  for (const m of mappings) {
    const other = seenGroups.get(m.membersGroup.toLowerCase());
    if (other) problems.push(`${m.unit.id}.json: membersGroup is also the members group of ${other}`);
    else seenGroups.set(m.membersGroup.toLowerCase(), m.unit.id);
  }
  return { dir, mappings, problems };
}
