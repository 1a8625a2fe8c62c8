import { bindTemplate, type Card } from '../../kernel/cards.ts';

export interface Choice {
  title: string;
  value: string;
}

/** "I'm concerned about a colleague" and "I've noticed …": the same form, a different verb and list. */
export interface ConcernFormCardData {
  title: string;
  intro: string;
  notice: string;
  verb: string;
  submitTitle: string;
  personLabel: string;
  /** The people who may be chosen, by name; the value is read back and checked again (policy.ts). */
  people: Choice[];
  personId: string;
  categories: Choice[];
  category: string;
  note: string;
  noteMaxLength: number;
  notePlaceholder: string;
  showRoute: boolean;
  routes: Choice[];
  route: string;
  whoSees: { text: string }[];
}

export function concernFormCard(data: ConcernFormCardData): Card {
  return bindTemplate('concern-form', data);
}

export interface ConcernConfirmationCardData {
  headline: string;
  lines: { text: string }[];
  visibility: { who: string; sees: string }[];
  support: { name: string; detail: string }[];
}

export function concernConfirmationCard(data: ConcernConfirmationCardData): Card {
  return bindTemplate('concern-confirmation', data);
}

export interface ConcernCardData {
  concernId: string;
  title: string;
  facts: { label: string; value: string }[];
  noteLabel: string;
  /** The raiser's note, as text; empty unless the viewer may see who raised it. */
  note: string;
  guidance: string;
  history: { text: string }[];
  notice: string;
  canAcknowledge: boolean;
  canRecord: boolean;
  /** A card sent on its own (urgent): "Open" shows the rest, decided again at the click. */
  canOpen: boolean;
  outcomes: Choice[];
  outcome: string;
  outcomeNote: string;
  outcomeNoteMaxLength: number;
}

export function concernCard(data: ConcernCardData): Card {
  return bindTemplate('concern', data);
}
