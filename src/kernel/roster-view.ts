// Issue 15: one roster per process. Every click used to list people, units and absences in full (three
// table scans) and find the actor with two point reads more; now one point read of the roster version
// row says whether the roster held in memory is still current, and the actor is found in its indexes.
// Within one inbound activity (see `inTurnScope`) even that read is made once.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AbsenceRepository, PeopleRepository, RosterVersion, UnitRepository, Versioned } from './ports.ts';
import type { Person, Roster } from './types.ts';

interface Loaded {
  version: string | undefined;
  roster: Roster;
  /** Person id → the version of their row as listed (a save presents it; a stale one is a conflict, as before). */
  versions: Map<string, string>;
  byAad: Map<string, Person>;
  byTeams: Map<string, Person>;
  byId: Map<string, Person>;
}

interface TurnScope {
  loaded?: Loaded;
  localBumps?: number;
}

const turnScope = new AsyncLocalStorage<TurnScope>();

/** Runs one inbound activity: roster loads inside it after the first check nothing (unless this process wrote the roster). */
export function inTurnScope<T>(fn: () => Promise<T>): Promise<T> {
  return turnScope.run({}, fn);
}

/** Shared by every caller of the process, so nobody may change it: frozen all the way down. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

function versioned(loaded: Loaded, person: Person | undefined): Versioned<Person> | undefined {
  const version = person && loaded.versions.get(person.id);
  return person && version !== undefined ? { value: person, version } : undefined;
}

export class RosterView {
  private loaded?: Loaded;
  private loadedBy = 0;
  private checks = 0;
  private checking?: { bumps: number; promise: Promise<Loaded> };

  constructor(
    private readonly deps: { people: PeopleRepository; units: UnitRepository; absences: AbsenceRepository; rosterVersion: RosterVersion },
  ) {}

  /** The current roster, deep-frozen; the same object for as long as nothing changed. */
  async load(): Promise<Roster> {
    return (await this.current()).roster;
  }

  /** The roster entry for whoever is acting: by Entra object id first (stable), then by Teams user id. */
  async identify(actor: { aadObjectId?: string; teamsUserId: string }): Promise<Versioned<Person> | undefined> {
    const loaded = await this.current();
    const person =
      (actor.aadObjectId ? loaded.byAad.get(actor.aadObjectId.toLowerCase()) : undefined) ?? loaded.byTeams.get(actor.teamsUserId);
    return versioned(loaded, person);
  }

  /** The roster entry with this id, if any. */
  async person(id: string): Promise<Versioned<Person> | undefined> {
    const loaded = await this.current();
    return versioned(loaded, loaded.byId.get(id));
  }

  /** The roster entry with this Entra object id, if any. */
  async byEntraId(aadObjectId: string): Promise<Versioned<Person> | undefined> {
    const loaded = await this.current();
    return versioned(loaded, loaded.byAad.get(aadObjectId.toLowerCase()));
  }

  private async current(): Promise<Loaded> {
    const scope = turnScope.getStore();
    const bumps = this.deps.rosterVersion.localBumps;
    if (scope?.loaded && scope.localBumps === bumps) return scope.loaded;
    // Requests that ask at the same moment (a turn's identify and load, two clicks) share one version read,
    // unless this process wrote the roster since that read began.
    if (!this.checking || this.checking.bumps !== bumps) {
      const promise = this.check().finally(() => {
        if (this.checking?.promise === promise) this.checking = undefined;
      });
      this.checking = { bumps, promise };
    }
    const loaded = await this.checking.promise;
    if (scope) {
      scope.loaded = loaded;
      scope.localBumps = bumps;
    }
    return loaded;
  }

  private async check(): Promise<Loaded> {
    const seq = ++this.checks;
    const version = await this.deps.rosterVersion.current();
    // No version row yet (nothing written since this release) is a version too: the first bump changes it.
    if (this.loaded && this.loaded.version === version) return this.loaded;
    const loaded = await this.reload(version);
    // A check that began earlier and finished later must not put back an older roster.
    if (seq > this.loadedBy) {
      this.loaded = loaded;
      this.loadedBy = seq;
    }
    return loaded;
  }

  /** The version was read first: a change made while listing shows as a newer version next time. */
  private async reload(version: string | undefined): Promise<Loaded> {
    const [people, units, absences] = await Promise.all([this.deps.people.list(), this.deps.units.list(), this.deps.absences.list()]);
    const roster = deepFreeze({
      people: people.map((p) => p.value),
      units: units.map((u) => u.value),
      absences: absences.map((a) => a.value),
    });
    const versions = new Map(people.map((p) => [p.value.id, p.version]));
    const byAad = new Map<string, Person>();
    const byTeams = new Map<string, Person>();
    const byId = new Map(roster.people.map((p) => [p.id, p]));
    // Entra object ids are GUIDs, compared case-insensitively. Ids are unique on a valid roster; should two
    // rows share one anyway, the first listed keeps it.
    for (const p of roster.people) {
      const aad = p.aadObjectId?.toLowerCase();
      if (aad && !byAad.has(aad)) byAad.set(aad, p);
      if (p.teamsUserId && !byTeams.has(p.teamsUserId)) byTeams.set(p.teamsUserId, p);
    }
    return { version, roster, versions, byAad, byTeams, byId };
  }
}
