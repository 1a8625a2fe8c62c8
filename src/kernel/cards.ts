import { readFileSync } from 'node:fs';
import { Template } from 'adaptivecards-templating';

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
  return template.expand({ $root: data }) as Card;
}

/** Someone's answer or note on a card, shortened when long: `more` names what "Show all" opens ('' when shown whole). */
export type ShownFact = { label: string; value: string; more: string };
