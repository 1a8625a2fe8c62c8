import { readFileSync } from 'node:fs';
import { Template } from 'adaptivecards-templating';
import { VERBS } from './verbs.ts';

export type Card = Record<string, unknown>;

/** The neutral first line: Teams shows it in notifications and on lock screens. */
export const NEUTRAL_HEADLINE = 'Haven has an update for you';

const TEMPLATE_DIR = new URL('../../cards/', import.meta.url);
const cache = new Map<string, Template>();

export function templatePath(name: string): URL {
  return new URL(`${name}.json`, TEMPLATE_DIR);
}

/** Binds data to a template in /cards. Data values are inserted as text, never evaluated. */
export function bindTemplate(name: string, data: object): Card {
  let template = cache.get(name);
  if (!template) {
    template = new Template(JSON.parse(readFileSync(templatePath(name), 'utf8')));
    cache.set(name, template);
  }
  return withAtMostThreeActions(template.expand({ $root: data }) as Card);
}

/** The most buttons one row of a card shows at once; the rest open on demand. */
export const MAX_ACTIONS_SHOWN = 3;

/**
 * Every row of buttons (the card's own actions and each ActionSet) shows at most three: the first
 * one (what the person most likely came to do), "I'm not okay" wherever it is offered (the way to ask
 * for help is never hidden), and "More actions", which opens the rest in their order. Presentation
 * only: which actions a card offers is decided before it is bound.
 */
export function withAtMostThreeActions(card: Card): Card {
  const fold = (actions: unknown[]): unknown[] => {
    if (actions.length <= MAX_ACTIONS_SHOWN) return actions;
    const isNotOkay = (a: unknown) => (a as { verb?: unknown }).verb === VERBS.declarationOpen;
    const notOkay = actions.filter(isNotOkay);
    const others = actions.filter((a) => !isNotOkay(a));
    const leading = others.slice(0, MAX_ACTIONS_SHOWN - 1 - notOkay.length);
    const rest = others.slice(leading.length);
    return [...leading, ...notOkay, { type: 'Action.ShowCard', title: 'More actions', card: { type: 'AdaptiveCard', actions: rest } }];
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      // What "More actions" opens is already on demand; a fallback is never shown beside its action.
      if (n.type === 'Action.ShowCard') return;
      for (const [key, value] of Object.entries(n)) {
        if (key === 'fallback') continue;
        if (key === 'actions' && Array.isArray(value) && (n.type === 'AdaptiveCard' || n.type === 'ActionSet')) n[key] = fold(value);
        walk(n[key]);
      }
    }
  };
  walk(card);
  return card;
}

/** Someone's answer or note on a card, shortened when long: `more` names what "Show all" opens ('' when shown whole). */
export type ShownFact = { label: string; value: string; more: string };
