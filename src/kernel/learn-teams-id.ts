// Issue 16: nobody types a Teams user id. Someone synced from Entra ID is recognised by the Entra object id
// every activity carries; their Teams user id (needed where Teams asks for one, e.g. who may refresh a
// channel notice's details) is learned from their first activity and stored with the version read.
import { VersionConflict, type Versioned } from './ports.ts';
import type { KernelDeps } from './context.ts';
import type { Person } from './types.ts';

const TEAMS_USER = /^29:[A-Za-z0-9_\-.:]{1,200}$/;

/** Stores the Teams user id an activity showed for this person, when it differs from the roster's. */
export async function learnTeamsUserId(
  deps: Pick<KernelDeps, 'people'>,
  person: Versioned<Person>,
  teamsUserId: string,
): Promise<'learned' | 'unchanged'> {
  // Only a real Teams user id (as the roster CSV requires it), never whatever a test client calls itself.
  if (!TEAMS_USER.test(teamsUserId)) return 'unchanged';
  let current: Versioned<Person> | undefined = person;
  for (let attempt = 0; attempt < 3 && current; attempt++) {
    if (current.value.teamsUserId === teamsUserId) return 'unchanged';
    try {
      await deps.people.save({ ...current.value, teamsUserId }, current.version);
      return 'learned';
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
      current = await deps.people.get(person.value.id);
    }
  }
  return 'unchanged';
}
