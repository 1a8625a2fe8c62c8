import { bindTemplate, type Card } from '../../kernel/cards.ts';
import type { WelcomeButton } from '../../kernel/command-menu.ts';
import { VERBS } from '../../kernel/verbs.ts';

export interface WelcomeCardData {
  /** '' when Haven does not know it: the card then says just "Welcome to Haven". */
  firstName: string;
  status: { label: string; value: string }[];
  visibility: { who: string; sees: string }[];
  /** What this person does most, from the command table: at most three, "I'm not okay" among them. */
  buttons: WelcomeButton[];
  /** "What can I ask Haven?", and the person's own break card or screen break where they have one. */
  more: WelcomeCardButton[];
}

/** A button of the welcome card: a command's, or a card verb with what it is about (`data`). */
export type WelcomeCardButton = WelcomeButton & { data?: Record<string, string> };

/** A button: a card verb to press, or the command's words sent as if typed (Teams' imBack). */
export function buttonAction(b: WelcomeCardButton): Record<string, unknown> {
  if (b.verb)
    return {
      type: 'Action.Execute',
      title: b.title,
      verb: b.verb,
      data: { verb: b.verb, ...b.data },
      ...(b.verb === VERBS.declarationOpen ? { style: 'destructive' } : {}),
      fallback: { type: 'Action.Submit', title: b.title, data: { verb: b.verb, ...b.data } },
    };
  return { type: 'Action.Submit', title: b.title, data: { msteams: { type: 'imBack', value: b.words } } };
}

export function welcomeCard(data: WelcomeCardData): Card {
  const { buttons, more, ...rest } = data;
  const card = bindTemplate('welcome', rest);
  const row = (card.body as { id?: string; actions?: unknown[] }[]).find((e) => e.id === 'welcomeButtons');
  if (row) row.actions = buttons.map(buttonAction);
  card.actions = more.map(buttonAction);
  return card;
}

export interface HelpCardData {
  /** Why the list is shown ("I didn't catch that."); empty when the person asked for it. */
  intro: string;
  lines: { words: string; description: string }[];
  onRoster: boolean;
}

export function helpCard(data: HelpCardData): Card {
  return bindTemplate('help', data);
}
