import type { Person } from '../kernel/types.ts';
import { VersionConflict, type PeopleRepository, type RosterVersion, type Versioned } from '../kernel/ports.ts';
import { DocumentTable, TABLES, type TableStore } from './table-store.ts';
import { rosterVersionOf } from './roster-version.ts';

interface IdentityLink {
  alias: string;
  personId: string;
}

/** A person synced from Entra ID has no Teams user id until their first activity (issue 16): no alias for it. */
function aliasesOf(person: Person): string[] {
  return [`aad:${person.aadObjectId.toLowerCase()}`, ...(person.teamsUserId ? [`teams:${person.teamsUserId}`] : [])];
}

/**
 * People are partitioned by their own id (no hot partition). Inbound activities name a person by
 * Entra object id or Teams user id, so those are kept as alias rows pointing at the person id.
 */
export class TablePeopleRepository implements PeopleRepository {
  private readonly people: DocumentTable<Person>;
  private readonly identities: DocumentTable<IdentityLink>;
  /** Issue 15: every write below changes the roster version (after the write, so a reader never misses it). */
  private readonly rosterVersion: RosterVersion;

  constructor(store: TableStore) {
    this.rosterVersion = rosterVersionOf(store);
    this.people = new DocumentTable<Person>(store, TABLES.people, (p) => ({ partitionKey: p.id, rowKey: 'person' }), {
      indexed: (p) => ({ unitId: p.unitId, supervisorId: p.supervisorId ?? '' }),
    });
    this.identities = new DocumentTable<IdentityLink>(store, TABLES.identities, (l) => ({ partitionKey: l.alias, rowKey: 'link' }));
  }

  get(id: string): Promise<Versioned<Person> | undefined> {
    return this.people.get(id, 'person');
  }

  private async byAlias(alias: string): Promise<Versioned<Person> | undefined> {
    const link = await this.identities.get(alias, 'link');
    if (!link) return undefined;
    const person = await this.get(link.value.personId);
    // A stale alias (the person's ids changed in a later import) must not resolve to someone else.
    if (!person) return undefined;
    const p = person.value;
    // Entra object ids are GUIDs and compared case-insensitively, as link() stores them.
    return alias === `aad:${p.aadObjectId.toLowerCase()}` || (!!p.teamsUserId && alias === `teams:${p.teamsUserId}`) ? person : undefined;
  }

  findByAadObjectId(aadObjectId: string): Promise<Versioned<Person> | undefined> {
    return this.byAlias(`aad:${aadObjectId.toLowerCase()}`);
  }

  findByTeamsUserId(teamsUserId: string): Promise<Versioned<Person> | undefined> {
    return this.byAlias(`teams:${teamsUserId}`);
  }

  list(): Promise<Versioned<Person>[]> {
    return this.people.query();
  }

  private async link(person: Person): Promise<void> {
    for (const alias of aliasesOf(person)) {
      const existing = await this.identities.get(alias, 'link');
      if (!existing) {
        if ((await this.identities.createIfAbsent({ alias, personId: person.id })) === undefined) {
          const again = await this.identities.get(alias, 'link');
          if (again && again.value.personId !== person.id)
            await this.identities.save({ alias, personId: person.id }, again.version, 'identity link');
        }
      } else if (existing.value.personId !== person.id) {
        await this.identities.save({ alias, personId: person.id }, existing.version, 'identity link');
      }
    }
  }

  async create(person: Person): Promise<string> {
    const version = await this.people.create(person, `person ${person.id}`);
    await this.link(person);
    await this.rosterVersion.bump();
    return version;
  }

  async save(person: Person, expectedVersion: string): Promise<string> {
    const version = await this.people.save(person, expectedVersion, `person ${person.id}`);
    await this.link(person);
    await this.rosterVersion.bump();
    return version;
  }

  /** Aliases first: a crash in between leaves a person without aliases (a rerun finishes), never an alias to nobody. */
  async delete(id: string, expectedVersion: string): Promise<void> {
    const person = await this.get(id);
    if (!person) return;
    if (person.version !== expectedVersion) throw new VersionConflict(`person ${id}`);
    for (const alias of aliasesOf(person.value)) {
      const link = await this.identities.get(alias, 'link');
      if (link && link.value.personId === id) await this.identities.delete(alias, 'link', link.version);
    }
    await this.people.delete(id, 'person', expectedVersion);
    await this.rosterVersion.bump();
  }
}
