// "I would like a conversation": with whom (issue 14 part 2). By default the person's supervisor (the
// flag walks the normal chain); the person may choose one of the unit's confidential contacts instead,
// and the flag then walks the chain kernel/first-route.ts gives for that choice, the same rule "I'm not
// okay" uses. Pure but for the roster and contacts passed in.
import { routeOptions } from '../../kernel/first-route.ts';
import type { ContactKind } from '../../kernel/contacts.ts';
import { nameIn } from '../../kernel/format.ts';
import type { Person, Roster } from '../../kernel/types.ts';
import type { CheckInDeps } from './deps.ts';

export interface TalkToChoice {
  title: string;
  value: string;
}

/**
 * Whom the person may ask for a conversation with, now: their supervisor (first, the default) and each
 * of the unit's contacts with someone present, each named as who would be asked first.
 */
export function talkToChoices(
  deps: Pick<CheckInDeps, 'policyFor' | 'fallbackResponders' | 'contactsFor'>,
  person: Person,
  roster: Roster,
  now: Date,
): TalkToChoice[] {
  const name = nameIn(roster);
  return routeOptions(deps, person, roster, now).map((o) => {
    if (o.value === 'supervisor') {
      const first = o.chain[0];
      return { value: 'supervisor', title: first ? `${name(first.personId)} (your supervisor, the usual way)` : 'Your supervisor' };
    }
    const asked = o.chain.filter((e) => e.role === 'contact').map((e) => name(e.personId));
    return { value: o.value, title: `${asked.join(' or ')} (${o.title})` };
  });
}

/** The person's choice from the card: undefined for their supervisor (or no conversation asked for); a problem for anything not offered. */
export function parseTalkTo(
  input: Record<string, unknown>,
  conversation: boolean,
  choices: readonly TalkToChoice[],
): { ok: true; with?: ContactKind } | { ok: false; problem: string } {
  const v = input.conversationWith;
  if (v === undefined || v === null || v === '' || v === 'supervisor') return { ok: true };
  if (typeof v !== 'string' || !choices.some((c) => c.value === v))
    return { ok: false, problem: 'Who you would like to talk to: choose one of the people given.' };
  return conversation ? { ok: true, with: v as ContactKind } : { ok: true };
}
