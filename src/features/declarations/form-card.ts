import { bindTemplate, type Card } from '../../kernel/cards.ts';

export interface DeclarationFormCardData {
  kinds: { title: string; value: string }[];
  selectedKind: string;
  /** What the person typed, when the form comes back to them (nothing typed is ever lost). */
  note: string;
  share: string;
  notice: string;
  /** A break's review date as chosen (YYYY-MM-DD), or '' (the default: one working day later). */
  reviewOn?: string;
}

export function declarationFormCard(data: DeclarationFormCardData): Card {
  return bindTemplate('declaration-form', { reviewOn: '', ...data });
}
