// The digest card: one line per thing to act on, grouped by the person it is about, with that thing's
// own buttons. Kept under Teams' card limit by showing as many lines as fit and offering the rest.
import { bindTemplate, type Card } from '../../kernel/cards.ts';
import { CARD_LIMIT_BYTES } from '../../kernel/text.ts';
import type { Verb } from '../../kernel/verbs.ts';

export interface DigestCardLine {
  text: string;
  done: boolean;
  actions: { title: string; verb: Verb; data: Record<string, unknown> }[];
}

export interface DigestCardGroup {
  heading: string;
  lines: DigestCardLine[];
}

export interface DigestCardData {
  title: string;
  intro: string;
  /** Some line records care as done: the card carries one date input its "Done" buttons send. */
  hasDateInput: boolean;
  today: string;
  groups: DigestCardGroup[];
}

/**
 * Line buttons are Action.Execute without an Action.Submit fallback (every Teams client that shows a
 * digest supports Universal Actions); a fallback per button would halve the lines a card can hold.
 * The budget leaves room under CARD_LIMIT_BYTES for the activity around the card.
 */
export const DIGEST_BUDGET_BYTES = CARD_LIMIT_BYTES - 4_000;

function bind(data: DigestCardData, groups: DigestCardGroup[], shown: number, total: number, from: number): Card {
  const rest = total - shown;
  return bindTemplate('digest', {
    ...data,
    groups: groups.map((g) => ({ heading: g.heading, lines: g.lines.map((l) => ({ ...l, hasActions: l.actions.length > 0 })) })),
    hasMore: rest > 0,
    more: rest > 0 ? `${rest} more ${rest === 1 ? 'line is' : 'lines are'} not shown here.` : '',
    shown: from + shown,
  });
}

function firstLines(groups: readonly DigestCardGroup[], n: number): DigestCardGroup[] {
  const out: DigestCardGroup[] = [];
  let left = n;
  for (const g of groups) {
    if (left <= 0) break;
    const lines = g.lines.slice(0, left);
    out.push({ heading: g.heading, lines });
    left -= lines.length;
  }
  return out;
}

const bytes = (card: Card) => Buffer.byteLength(JSON.stringify(card));

function skipLines(groups: readonly DigestCardGroup[], n: number): DigestCardGroup[] {
  const out: DigestCardGroup[] = [];
  let skip = n;
  for (const g of groups) {
    const lines = g.lines.slice(Math.min(skip, g.lines.length));
    skip = Math.max(0, skip - g.lines.length);
    if (lines.length) out.push({ heading: g.heading, lines });
  }
  return out;
}

/**
 * The card with as many of the lines (in order) as fit in the budget. `from` skips that many lines
 * ("Show the rest" of a list too long for one card).
 */
export function digestCard(whole: DigestCardData, from = 0): Card {
  const data = from > 0 ? { ...whole, groups: skipLines(whole.groups, from) } : whole;
  const total = data.groups.reduce((n, g) => n + g.lines.length, 0);
  const all = bind(data, data.groups, total, total, from);
  if (bytes(all) <= DIGEST_BUDGET_BYTES) return all;
  let lo = 0;
  let hi = total;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (bytes(bind(data, firstLines(data.groups, mid), mid, total, from)) <= DIGEST_BUDGET_BYTES) lo = mid;
    else hi = mid - 1;
  }
  return bind(data, firstLines(data.groups, lo), lo, total, from);
}
