import { bindTemplate, type Card } from './template.ts';

export interface WelcomeCardData {
  firstName: string;
  status: { label: string; value: string }[];
  visibility: { who: string; sees: string }[];
}

export function welcomeCard(data: WelcomeCardData): Card {
  return bindTemplate('welcome', data);
}
