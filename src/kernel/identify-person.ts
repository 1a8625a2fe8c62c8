import type { Person } from './types.ts';
import type { Actor, WorkflowDeps } from './context.ts';
import type { Versioned } from './ports.ts';

/** The roster entry for whoever is acting, by Entra object id first (stable), then Teams user id. */
export async function identifyPerson(deps: Pick<WorkflowDeps, 'people'>, actor: Actor): Promise<Versioned<Person> | undefined> {
  if (actor.aadObjectId) {
    const byAad = await deps.people.findByAadObjectId(actor.aadObjectId);
    if (byAad) return byAad;
  }
  return deps.people.findByTeamsUserId(actor.teamsUserId);
}
