// Finding the person typed after "audit", and the trail in words. Pure.
import type { AuditEntry, Person } from '../../kernel/types.ts';

export const AUDIT_PAGE_SIZE = 20;

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export type Found = { kind: 'one'; person: Person } | { kind: 'many'; people: Person[] } | { kind: 'none' };

/**
 * `query`: what was typed after "audit" (already lower case, letters and spaces). A whole name or
 * roster id (dots read as spaces) is one person; otherwise everyone whose name or id holds every word.
 * Only `among` is searched: the people this reader may audit.
 */
export function findPerson(query: string, among: readonly Person[]): Found {
  const q = words(query);
  if (!q) return { kind: 'none' };
  const exact = among.filter((p) => words(p.name) === q || words(p.id) === q);
  if (exact.length === 1) return { kind: 'one', person: exact[0]! };
  if (exact.length > 1) return { kind: 'many', people: exact };
  const parts = q.split(' ');
  const partial = among.filter((p) => {
    const hay = ` ${words(p.name)} ${words(p.id)} `;
    return parts.every((w) => hay.includes(` ${w}`));
  });
  if (partial.length === 1) return { kind: 'one', person: partial[0]! };
  return partial.length ? { kind: 'many', people: partial } : { kind: 'none' };
}

/** `checkIn.shareShown` → "Check in: share shown". */
export function actionInWords(action: string): string {
  const [noun = '', verb = ''] = action.split('.');
  const spaced = (s: string) => s.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const n = spaced(noun);
  return `${n.charAt(0).toUpperCase()}${n.slice(1)}: ${spaced(verb)}`;
}

const OUTCOME_WORDS: Record<AuditEntry['outcome'], string> = { ok: 'done', denied: 'refused', failed: 'failed' };

export function outcomeInWords(outcome: AuditEntry['outcome']): string {
  return OUTCOME_WORDS[outcome] ?? 'unknown';
}

/**
 * Who acted, as a reader sees it: a name from the roster, "Haven (automatic)", or a plain phrase.
 * Never an id.
 */
export function actorInWords(actor: string, names: ReadonlyMap<string, string>): string {
  const name = names.get(actor);
  if (name) return name;
  if (actor === 'system') return 'Haven (automatic)';
  if (actor === 'admin-cli') return 'An administrator (command line)';
  if (actor.startsWith('erased:')) return 'A person whose data was erased';
  return 'Someone not on the roster';
}

/**
 * The reason as a reader sees it. Reasons are domain words by contract, but they can carry ids: a
 * roster id (a person's or a unit's) becomes the name, any other id-like token (`kind:…`, a GUID, a long token with digits)
 * becomes "a record". Shortened to one line.
 */
export function reasonInWords(reason: string, names: ReadonlyMap<string, string>): string {
  const out = reason
    .split(/(\s+)/)
    .map((token) => {
      const bare = token.replace(/[,;.)(]+$/g, '').replace(/^[(]+/, '');
      if (!bare.trim()) return token;
      const name = names.get(bare);
      if (name) return token.replace(bare, name);
      // `kind:id`, a path or an address (a colon, slash or @ between two characters), a GUID, a long token with digits.
      if (
        /[^\s:/@][:/@][^\s]/.test(bare) ||
        /[0-9a-f]{8}-[0-9a-f]{4}/i.test(bare) ||
        (/\d/.test(bare) && /[a-z]/i.test(bare) && bare.length > 12)
      )
        return token.replace(bare, 'a record');
      return token;
    })
    .join('');
  return out.length > 200 ? `${out.slice(0, 199)}…` : out;
}

/** Roster ids to names (people and units): the only way an id reaches a reader. */
export function namesOf(roster: { people: readonly Person[]; units: readonly { id: string; name: string }[] }): Map<string, string> {
  return new Map<string, string>([
    ...roster.units.map((u) => [u.id, u.name] as const),
    ...roster.people.map((p) => [p.id, p.name] as const),
  ]);
}

export interface AuditLine {
  when: string;
  who: string;
  what: string;
  why: string;
}

export function auditLine(e: AuditEntry, names: ReadonlyMap<string, string>, formatWhen: (iso: string) => string): AuditLine {
  const outcome = e.outcome === 'ok' ? '' : ` (${outcomeInWords(e.outcome)})`;
  return {
    when: formatWhen(e.at),
    who: actorInWords(e.actor, names),
    what: `${actionInWords(e.action)}${outcome}`,
    why: reasonInWords(e.reason, names),
  };
}
