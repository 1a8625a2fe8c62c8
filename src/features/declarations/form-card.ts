import { bindTemplate, type Card } from '../../kernel/cards.ts';

export interface DeclarationFormCardData {
  kinds: { title: string; value: string }[];
  selectedKind: string;
}

export function declarationFormCard(data: DeclarationFormCardData): Card {
  return bindTemplate('declaration-form', data);
}
