import type { Person } from './types.ts';
import type { Actor } from './context.ts';
import type { Versioned } from './ports.ts';
import type { KernelDeps } from './context.ts';

/** The roster entry for whoever is acting, by Entra object id first (stable), then Teams user id. */
export async function identifyPerson(
  deps: Pick<KernelDeps, 'people' | 'rosterView'>,
  actor: Actor,
): Promise<Versioned<Person> | undefined> {
  // Issue 15: from the process's roster view (indexed, no point reads) when there is one.
  if (deps.rosterView) return deps.rosterView.identify(actor);
  if (actor.aadObjectId) {
    const byAad = await deps.people.findByAadObjectId(actor.aadObjectId);
    if (byAad) return byAad;
  }
  return deps.people.findByTeamsUserId(actor.teamsUserId);
}

/** By Entra object id only: a channel click tells Haven a synced person's Teams id, never matched the other way. */
export async function personByEntraId(
  deps: Pick<KernelDeps, 'people' | 'rosterView'>,
  aadObjectId: string,
): Promise<Versioned<Person> | undefined> {
  return deps.rosterView ? deps.rosterView.byEntraId(aadObjectId) : deps.people.findByAadObjectId(aadObjectId);
}

/** A roster entry by id: from the roster view (no storage call) when there is one. */
export async function personById(deps: Pick<KernelDeps, 'people' | 'rosterView'>, id: string): Promise<Versioned<Person> | undefined> {
  return deps.rosterView ? deps.rosterView.person(id) : deps.people.get(id);
}

const UNROSTERED = 'unrostered:';

/** The one id of someone not on the roster, `unrostered:<Teams id>`: audited, never shown (see nameIn). */
export function unrosteredId(actor: Pick<Actor, 'teamsUserId'>): string {
  return `${UNROSTERED}${actor.teamsUserId}`;
}

export function isUnrostered(id: string): boolean {
  return id.startsWith(UNROSTERED);
}

/** The acting person's roster id, or the unrostered id for someone not on the roster (audited as such). */
export async function viewerIdOf(deps: Pick<KernelDeps, 'people' | 'rosterView'>, actor: Actor): Promise<string> {
  const found = await identifyPerson(deps, actor);
  return found ? found.value.id : unrosteredId(actor);
}
