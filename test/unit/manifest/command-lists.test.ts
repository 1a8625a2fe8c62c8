// The app manifest's command lists (what Teams offers in its command menu) against the command
// table built from FEATURES: every title is words Haven answers, the commands people use most are
// offered, and Teams' limits hold. Teams inserts a chosen title as the message, so a title that no
// command answers would be a menu entry that does nothing.
//
// Limits (Microsoft Learn): "Each menu supports up to 10 commands" (Add a bot menu in Microsoft
// Teams); root.bots.commandLists.commands: title at most 32 characters, description at most 128 in
// the schema versions that state them (newer schemas allow 12 / 128 / 4000). We keep the strictest.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FEATURES } from '../../../src/main.ts';
import { buildCommandTable, matchCommands } from '../../../src/teams/command-table.ts';
import { TEMPLATE } from './helpers.ts';

const MAX_COMMANDS = 10;
const MAX_TITLE = 32;
const MAX_DESCRIPTION = 128;

type List = { scopes: string[]; commands: { title: string; description: string }[] };
const lists: List[] = JSON.parse(readFileSync(TEMPLATE, 'utf8')).bots[0].commandLists;
const table = buildCommandTable(FEATURES);
const scope = (name: string) => lists.find((l) => l.scopes.includes(name))!.commands;

/** Why a command list breaks Teams' limits; empty when it keeps them. */
function limitProblems(list: List): string[] {
  const problems: string[] = [];
  if (list.commands.length > MAX_COMMANDS) problems.push(`${list.scopes.join()} has ${list.commands.length} commands`);
  for (const c of list.commands) {
    if (c.title.length > MAX_TITLE) problems.push(`title "${c.title}" is over ${MAX_TITLE}`);
    if (c.description.length > MAX_DESCRIPTION) problems.push(`description of "${c.title}" is over ${MAX_DESCRIPTION}`);
  }
  return problems;
}

describe('the manifest command lists', () => {
  it(`keep Teams' limits: at most ${MAX_COMMANDS} commands a list, titles up to ${MAX_TITLE}, descriptions up to ${MAX_DESCRIPTION}`, () => {
    for (const list of lists) assert.deepEqual(limitProblems(list), []);
    // The check itself sees each limit broken.
    const long: List = {
      scopes: ['personal'],
      commands: Array.from({ length: 11 }, (_, i) => ({ title: `${'t'.repeat(33)}${i}`, description: 'd'.repeat(129) })),
    };
    assert.equal(limitProblems(long).length, 1 + 11 + 11);
  });

  it('personal: every title is the words of a command Haven answers, described as the command table describes it', () => {
    for (const c of scope('personal')) {
      const [first] = matchCommands(table, c.title);
      assert.ok(first, `"${c.title}" reaches a command`);
      const defs = table.commands.filter((x) => x.name === first && x.words === c.title);
      assert.ok(defs.length > 0, `"${c.title}" is the words of ${first} in the command table`);
      const described = new Set(defs.map((d) => d.description));
      // One command, one wording; a name with alternatives ("questionnaire") says what both are.
      if (described.size === 1) assert.equal(c.description, defs[0]!.description, c.title);
    }
  });

  it('personal: offers what people use most: asking for help, status, check-in, stage, team, absences, journeys, the list', () => {
    const offered = new Set(scope('personal').flatMap((c) => matchCommands(table, c.title).slice(0, 1)));
    for (const name of [
      'notOkay',
      'status',
      'checkIn',
      'stage',
      'team',
      'absence',
      'unitOverview',
      'journey',
      'questionnaire',
      'whatCanIAsk',
    ])
      assert.ok(offered.has(name), name);
    // Every command a welcome card leads with is in the menu, but those that open from a card anyway
    // (process review for trainers and department heads; a new journey from the journey list; the TRiM
    // practitioner's list, from their welcome button and every follow-up card: Teams allows ten commands).
    const leading = new Set(table.commands.filter((c) => c.welcome?.length).map((c) => c.name));
    assert.deepEqual([...leading].filter((n) => !offered.has(n)).sort(), ['newJourney', 'processReview', 'trimList']);
  });

  it('team: only what works in a channel (Haven answers everything there by pointing to the private chat)', () => {
    assert.deepEqual(
      scope('team').map((c) => c.title),
      ['what can I ask'],
    );
  });
});
