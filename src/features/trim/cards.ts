import { bindTemplate, type Card } from '../../kernel/cards.ts';

/** The officer's card: the question ("Would you like a TRiM follow-up?"), or where their follow-up stands, or a way to ask. */
export interface TrimCardData {
  followUpId: string;
  title: string;
  lines: { text: string }[];
  notice: string;
  canAnswer: boolean;
  canRequest: boolean;
}

export function trimCard(data: TrimCardData): Card {
  return bindTemplate('trim', data);
}

/** A practitioner's card: who, that a TRiM follow-up is wanted and since when; nothing else exists to show. */
export interface TrimPractitionerCardData {
  followUpId: string;
  title: string;
  facts: { label: string; value: string }[];
  privacy: string;
  notice: string;
  canAcknowledge: boolean;
  canRecord: boolean;
  /** Today (YYYY-MM-DD): the latest "held on" date the form offers, and its default. */
  today: string;
  heldOnValue: string;
}

export function trimPractitionerCard(data: TrimPractitionerCardData): Card {
  return bindTemplate('trim-practitioner', data);
}

export interface TrimListCardData {
  rows: { followUpId: string; title: string; subtitle: string }[];
  emptyText: string;
}

export function trimListCard(data: TrimListCardData): Card {
  return bindTemplate('trim-list', data);
}

/** The supervisor's offer after a notable case: whom to offer it to, and what they will (not) learn. */
export interface TrimOfferCardData {
  title: string;
  lines: { text: string }[];
  notice: string;
  canOffer: boolean;
  choices: { title: string; value: string }[];
  chosen: string;
}

export function trimOfferCard(data: TrimOfferCardData): Card {
  return bindTemplate('trim-offer', data);
}
