// What a person can ask Haven, by role: the "What can I ask Haven?" list and the welcome card's
// buttons. Both are derived from the features' own command tables (each command's words,
// description, roles and welcome buttons), in the table's order, never from a hand-kept copy. Pure.
import { COMMAND_PRIORITY, type Command } from './feature.ts';
import type { Role } from './types.ts';
import type { Verb } from './verbs.ts';

/** One command as the menu sees it (the command table's entries carry all of this). */
export type MenuCommand = Pick<Command<never>, 'name' | 'priority' | 'words' | 'description' | 'roles' | 'welcome'>;

/** Most senior first: a person with several roles sees the senior role's buttons first. */
export const ROLES_BY_SENIORITY: readonly Role[] = [
  'departmentHead',
  'hr',
  'supervisor',
  'welfareLead',
  'trimPractitioner',
  'occupationalHealth',
  'trainer',
  'officer',
  'candidate',
  'admin',
  // Issue 16 part 4: the data protection officer (audit viewer).
  'dpo',
];

/** The most buttons the welcome card leads with (besides "What can I ask Haven?"). */
export const WELCOME_BUTTONS = 3;

/** Whether the help list and the welcome show this command to someone with these roles (undefined: not on the roster). */
export function isFor(command: Pick<MenuCommand, 'roles'>, roles: readonly Role[] | undefined): boolean {
  if (command.roles === 'anyone') return true;
  return !!roles && command.roles.some((r) => roles.includes(r));
}

/** One line of "What can I ask Haven?": the words to type and what they do, once per command name. */
export function helpLinesFor(menu: readonly MenuCommand[], roles: readonly Role[] | undefined): { words: string; description: string }[] {
  const seen = new Set<string>();
  const lines: { words: string; description: string }[] = [];
  for (const c of menu) {
    // Commands that share a name are one command for the person (the first that is for them speaks).
    if (seen.has(c.name) || !isFor(c, roles)) continue;
    seen.add(c.name);
    lines.push({ words: c.words, description: c.description });
  }
  return lines;
}

/** A welcome button: a card verb to press, or (no verb) the command's words, sent as if typed. */
export interface WelcomeButton {
  command: string;
  title: string;
  verb?: Verb;
  words: string;
}

/**
 * The buttons the welcome card leads with: each of the person's roles, most senior first, gives its
 * buttons in its own order; a command already given is not given again; at most three. The words of
 * distress ("I'm not okay") are always among them for whoever can use them.
 */
export function welcomeButtonsFor(menu: readonly MenuCommand[], roles: readonly Role[] | undefined): WelcomeButton[] {
  const chosen: WelcomeButton[] = [];
  const add = (c: MenuCommand, b: NonNullable<MenuCommand['welcome']>[number]) => {
    if (chosen.some((x) => x.command === c.name)) return;
    chosen.push({ command: c.name, title: b.title, words: c.words, ...(b.verb ? { verb: b.verb } : {}) });
  };
  for (const role of ROLES_BY_SENIORITY.filter((r) => roles?.includes(r))) {
    const mine = menu
      .filter((c) => isFor(c, roles))
      .flatMap((c) => (c.welcome ?? []).filter((b) => b.rank[role] !== undefined).map((b) => ({ c, b, rank: b.rank[role]! })))
      .sort((x, y) => x.rank - y.rank);
    for (const { c, b } of mine) add(c, b);
  }
  const shown = chosen.slice(0, WELCOME_BUTTONS);
  const distress = menu.find((c) => c.priority === COMMAND_PRIORITY.distress && isFor(c, roles) && c.welcome?.length);
  if (distress && !shown.some((b) => b.command === distress.name)) {
    const b = distress.welcome![0]!;
    shown.splice(Math.min(shown.length, WELCOME_BUTTONS - 1), 1, {
      command: distress.name,
      title: b.title,
      words: distress.words,
      ...(b.verb ? { verb: b.verb } : {}),
    });
  }
  return shown;
}
