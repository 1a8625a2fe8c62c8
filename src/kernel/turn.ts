// One context per activity: who is acting (their roster entry, or the one unrostered id), the roster
// loaded once, the moment of the turn, and an audit that always names the same actor and instant.
// Workflows begin with `beginTurn` instead of repeating "identify, fall back, load, stamp".
import type { Actor, KernelDeps } from './context.ts';
import { identifyPerson, unrosteredId } from './identify-person.ts';
import { loadRoster } from './load-roster.ts';
import type { AuditAction, AuditEntry, Person, Roster } from './types.ts';
import { localMoment } from './working-time.ts';

export interface Turn {
  actor: Actor;
  /** Roster id of the person acting, or `unrostered:<Teams id>`. */
  viewerId: string;
  /** The acting person's roster entry, if they are on the roster. */
  person?: Person;
  roster: Roster;
  now: Date;
  /** `now` as ISO, the instant every audit entry of this turn carries. */
  at: string;
  /** The UK calendar date of `now` (YYYY-MM-DD). */
  today: string;
  /** Appends one entry for this turn's actor at this turn's instant. Subjects are ids, never free text. */
  audit(action: AuditAction, subject: string, reason: string, outcome?: AuditEntry['outcome']): Promise<void>;
}

export async function beginTurn(
  deps: Pick<KernelDeps, 'people' | 'units' | 'absences' | 'audit' | 'clock' | 'rosterView'>,
  actor: Actor,
): Promise<Turn> {
  const [found, roster] = await Promise.all([identifyPerson(deps, actor), loadRoster(deps)]);
  const now = deps.clock.now();
  const at = now.toISOString();
  const viewerId = found ? found.value.id : unrosteredId(actor);
  return {
    actor,
    viewerId,
    roster,
    now,
    at,
    today: localMoment(now).date,
    ...(found ? { person: found.value } : {}),
    audit: (action, subject, reason, outcome = 'ok') => deps.audit.append({ at, actor: viewerId, action, subject, reason, outcome }),
  };
}
