// The typed-command table, built from the features' own lists. Order is by priority (the "I'm not
// okay" words first), then FEATURES order, then each feature's own order: stated by the priorities
// the features give, never by where a line sits in a chain of ifs.
import type { Card } from '../kernel/cards.ts';
import type { Command, CommandTurn, Feature } from '../kernel/feature.ts';
import type { Actor } from '../kernel/context.ts';
import { normaliseCommand } from './activity.ts';

export interface TableCommand<D> extends Command<D> {
  /** The feature that contributed it. */
  feature: string;
}

export interface CommandTable<D> {
  /** Every command, in the order they are tried. */
  readonly commands: readonly TableCommand<D>[];
}

export function buildCommandTable<D>(features: readonly Feature<D>[]): CommandTable<D> {
  const all = features.flatMap((f) => (f.commands ?? []).map((c) => ({ ...c, feature: f.name })));
  // A global or sticky pattern remembers where it last matched, and would miss the next person's words.
  for (const c of all)
    if (c.pattern.global || c.pattern.sticky) throw new Error(`command ${c.name} (${c.feature}): its pattern must not be global or sticky`);
  // Array.prototype.sort is stable: equal priorities keep FEATURES order, then the feature's order.
  return { commands: all.sort((a, b) => b.priority - a.priority) };
}

/** The commands whose words are in this text, in the order they are tried. */
export function commandsMatching<D>(table: CommandTable<D>, text: string | undefined): TableCommand<D>[] {
  const normalised = normaliseCommand(text);
  return table.commands.filter((c) => c.pattern.test(normalised));
}

/** Pure, for tests: the names of the commands whose words are in this text, first the one that answers. */
export function matchCommands<D>(table: CommandTable<D>, text: string | undefined): string[] {
  return commandsMatching(table, text).map((c) => c.name);
}

/**
 * The card for what the person typed, or undefined for the welcome card. The first matching command
 * decides; if it has nothing for this person, its alternatives (commands of the same name) are asked.
 */
export async function answerCommand<D>(
  table: CommandTable<D>,
  deps: D,
  text: string | undefined,
  actor: Actor | undefined,
  displayName?: string,
): Promise<Card | undefined> {
  const matching = commandsMatching(table, text);
  const first = matching[0];
  if (!first) return undefined;
  const turn: Omit<CommandTurn, 'actor'> = { text: normaliseCommand(text), ...(displayName === undefined ? {} : { displayName }) };
  for (const command of matching.filter((c) => c.name === first.name)) {
    const card = actor ? await command.run(deps, { ...turn, actor }) : command.withoutActor?.();
    if (card) return card;
  }
  return undefined;
}
