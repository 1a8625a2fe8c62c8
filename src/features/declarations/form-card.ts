import { bindTemplate, type Card } from '../../kernel/cards.ts';

export interface DeclarationFormCardData {
  kinds: { title: string; value: string }[];
  selectedKind: string;
  /** What the person typed, when the form comes back to them (nothing typed is ever lost). */
  note: string;
  share: string;
  notice: string;
  /** Whom to tell first: shown when the person has more than their supervisor to choose from. */
  showChoice: boolean;
  tellChoices: { title: string; value: string }[];
  tellFirst: string;
  /** Per choice, exactly who will be told what (views.ts routeChoicesView, from kernel/first-route.ts). */
  routeLines: { text: string }[];
  /** "Also tell my supervisor that I asked for support": only when they have a supervisor to tell. */
  showAlsoTell: boolean;
  alsoTell: string;
  /** A break's review date as chosen (YYYY-MM-DD), or '' (the default: one working day later). */
  reviewOn?: string;
}

export function declarationFormCard(data: DeclarationFormCardData): Card {
  return bindTemplate('declaration-form', { reviewOn: '', ...data });
}
