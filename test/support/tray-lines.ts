// Reading the tray (kernel/tray.ts) in tests: the lines a person holds, by key prefix, open or all.
import type { TrayItem } from '../../src/kernel/tray.ts';
import type { TrayRepository } from '../../src/kernel/ports.ts';
import type { DemoUser } from './activities.ts';

/** The roster id of a demo user (data/demo-roster.csv): "Sam Okafor" is sam.okafor. */
export function rosterIdOf(user: DemoUser): string {
  return user.name.toLowerCase().replace(/\s+/g, '.');
}

/** The lines someone holds whose key starts with `prefix`: open ones only unless `all`. */
export async function trayLines(deps: { tray: TrayRepository }, personId: string, prefix: string, all = false): Promise<TrayItem[]> {
  const rows = all ? await deps.tray.listFor(personId) : await deps.tray.listOpenFor(personId);
  return rows.map((r) => r.value).filter((i) => i.key.startsWith(prefix));
}
