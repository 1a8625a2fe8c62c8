// Checks every card must pass: parsed and validated by the adaptivecards library (loaded from its
// UMD bundle: the package's ESM entry cannot be imported in Node).
import { createRequire } from 'node:module';
import { NEUTRAL_HEADLINE } from '../../src/kernel/cards.ts';

const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.min.js');

export function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  const text = JSON.stringify(card);
  const unresolved = text.match(/\$\{[^}]*\}/g);
  if (unresolved) problems.push(`unresolved template expressions: ${[...new Set(unresolved)].join(', ')}`);
  if (Buffer.byteLength(text) > 28 * 1024) problems.push(`card is ${Buffer.byteLength(text)} bytes; Teams allows about 28 KB`);
  const c = card as { type?: string; version?: string; body?: { type?: string; text?: string }[]; refresh?: { userIds?: unknown[] } };
  if (c.type !== 'AdaptiveCard') problems.push('type is not AdaptiveCard');
  if (c.version !== '1.5') problems.push(`version ${c.version} (Teams supports 1.5)`);
  const first = c.body?.[0];
  if (!first || first.type !== 'TextBlock' || first.text !== NEUTRAL_HEADLINE)
    problems.push(`first line is not the neutral headline: ${JSON.stringify(first?.text)}`);
  if (c.refresh?.userIds && c.refresh.userIds.length > 60) problems.push('refresh.userIds holds more than 60 ids');
  const parsed = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext();
  parsed.parse(card, ctx);
  for (let i = 0; i < ctx.eventCount; i++) problems.push(`parse: ${ctx.getEventAt(i).message}`);
  for (const e of parsed.validateProperties().validationEvents) problems.push(`validation: ${e.message}`);
  return problems;
}

/** Every Action.Execute verb in a card (including fallbacks' Action.Submit data.verb). */
export function verbsIn(card: unknown): string[] {
  const verbs = new Set<string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'Action.Execute' && typeof n.verb === 'string') verbs.add(n.verb);
      if (n.type === 'Action.Submit' && typeof (n.data as { verb?: unknown } | undefined)?.verb === 'string')
        verbs.add((n.data as { verb: string }).verb);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return [...verbs];
}
