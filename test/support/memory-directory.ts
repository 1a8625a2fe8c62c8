// Issue 16: an in-memory EntraDirectory over the same tenant shape as the fake Graph server
// (src/graph/fake-graph-server.ts), for fast workflow tests of the roster sync; and the sync's own deps on
// in-memory ports. Integration tests use the real adapter against the fake Graph server instead.
import type { FakeTenant } from '../../src/graph/fake-graph-server.ts';
import {
  GraphUnavailable,
  type AppInstaller,
  type DirectoryUser,
  type EntraDirectory,
  type RosterSyncSummary,
} from '../../src/kernel/ports.ts';
import type { RosterSyncDeps, RosterSyncRunRepository, EntraMapping } from '../../src/features/roster-sync/index.ts';
import { noAppInstaller } from '../../src/kernel/go-live-defaults.ts';
import type { MemoryDeps } from './memory-deps.ts';
import { MemoryTable } from './memory-ports.ts';

export class MemoryDirectory implements EntraDirectory {
  readonly configured = true;
  /** Every call, in order (`members:<group>`, `manager:<user>`, `user:<user>`). */
  readonly calls: string[] = [];
  /** When set, every call throws GraphUnavailable with this status. */
  failing: number | undefined;

  constructor(readonly tenant: FakeTenant) {}

  private check(call: string) {
    this.calls.push(call);
    if (this.failing !== undefined) throw new GraphUnavailable(this.failing, `Graph answered ${this.failing}`);
  }

  private asUser(id: string): DirectoryUser | undefined {
    const u = this.tenant.users.find((x) => x.id.toLowerCase() === id.toLowerCase());
    return u
      ? { id: u.id, userPrincipalName: u.userPrincipalName, displayName: u.displayName, accountEnabled: u.accountEnabled }
      : undefined;
  }

  async transitiveUserMembers(groupId: string): Promise<DirectoryUser[]> {
    this.check(`members:${groupId}`);
    const out = new Map<string, DirectoryUser>();
    const walk = (id: string, seen: Set<string>) => {
      const g = this.tenant.groups.find((x) => x.id === id);
      if (!g || seen.has(id)) return;
      seen.add(id);
      for (const m of g.members) {
        const user = this.asUser(m);
        if (user) out.set(user.id, user);
        else walk(m, seen);
      }
    };
    walk(groupId, new Set());
    return [...out.values()];
  }

  async managerOf(userId: string): Promise<string | undefined> {
    this.check(`manager:${userId}`);
    return this.tenant.users.find((u) => u.id === userId)?.managerId;
  }

  async user(userId: string): Promise<DirectoryUser | undefined> {
    this.check(`user:${userId}`);
    return this.asUser(userId);
  }
}

export class MemoryRosterSyncRuns implements RosterSyncRunRepository {
  readonly table = new MemoryTable<RosterSyncSummary>(() => ({ partitionKey: 'last', rowKey: 'run' }));
  async last() {
    return this.table.get('last', 'run');
  }
  async save(summary: RosterSyncSummary, expectedVersion: string | undefined) {
    return expectedVersion === undefined ? this.table.create(summary, 'run') : this.table.save(summary, expectedVersion, 'run');
  }
}

/** The roster sync's deps over a memory Haven, a directory and mapping objects (as if read from data/entra). */
export function memorySyncDeps(
  deps: MemoryDeps,
  directory: EntraDirectory,
  mappings: EntraMapping[],
  options: { appInstaller?: AppInstaller; mappingProblems?: string[] } = {},
): RosterSyncDeps & { rosterSyncRuns: MemoryRosterSyncRuns } {
  return {
    people: deps.people,
    units: deps.units,
    audit: deps.audit,
    clock: deps.clock,
    directory,
    appInstaller: options.appInstaller ?? noAppInstaller,
    rosterSyncRuns: new MemoryRosterSyncRuns(),
    entraMappings: () => ({ dir: 'data/entra', mappings, problems: options.mappingProblems ?? [] }),
  };
}
