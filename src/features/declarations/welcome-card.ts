import { bindTemplate, type Card } from '../../kernel/cards.ts';

export interface WelcomeCardData {
  /** '' when Haven does not know it: the card then says just "Welcome to Haven". */
  firstName: string;
  status: { label: string; value: string }[];
  visibility: { who: string; sees: string }[];
}

export function welcomeCard(data: WelcomeCardData): Card {
  return bindTemplate('welcome', data);
}
