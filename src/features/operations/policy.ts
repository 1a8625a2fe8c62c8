// Who may open the admin card and press its buttons. Pure: the person comes in.
import type { Person } from '../../kernel/types.ts';

/** Haven's administrators (role admin) still on the roster; nobody else, whatever else they are. */
export function mayOperate(person: Person | undefined): boolean {
  return !!person && person.roles.includes('admin') && !person.leftOn;
}
