// "What can I ask Haven?" and the welcome buttons, per role, from the one command table built from
// FEATURES: what each role is shown, that every command's words reach it, and the combination rules.
import assert from 'node:assert/strict';
import { FEATURES } from '../../../src/main.ts';
import { buildCommandTable, matchCommands } from '../../../src/teams/command-table.ts';
import { buildRouteTable } from '../../../src/teams/route-table.ts';
import { helpLinesFor, isFor, welcomeButtonsFor, ROLES_BY_SENIORITY, type MenuCommand } from '../../../src/kernel/command-menu.ts';
import { COMMAND_PRIORITY } from '../../../src/kernel/feature.ts';
import { ROLES, type Role } from '../../../src/kernel/types.ts';

const table = buildCommandTable(FEATURES);
const menu = table.commands;
const titles = (roles: readonly Role[] | undefined) => welcomeButtonsFor(menu, roles).map((b) => b.title);
const words = (roles: readonly Role[] | undefined) => helpLinesFor(menu, roles).map((l) => l.words);

describe('the command menu (help list and welcome buttons)', () => {
  it('every command has words that reach it, a one-line description and the roles it serves', () => {
    for (const c of menu) {
      assert.equal(matchCommands(table, c.words)[0], c.name, `typing "${c.words}" reaches ${c.feature}/${c.name}`);
      assert.ok(c.description.length >= 10 && c.description.length <= 128 && !c.description.includes('\n'), c.name);
      assert.ok(c.words.length <= 32, `${c.name}: "${c.words}" fits a Teams command title`);
      assert.ok(c.roles === 'anyone' || c.roles.length > 0, `${c.name} is for someone`);
    }
  });

  it('every welcome button presses a verb Haven handles, or sends words that reach its command', () => {
    const verbs = new Set(buildRouteTable(FEATURES).verbs());
    for (const c of menu)
      for (const b of c.welcome ?? []) {
        if (b.verb) assert.ok(verbs.has(b.verb), `${c.name}: ${b.verb}`);
        for (const role of Object.keys(b.rank) as Role[]) assert.ok(isFor(c, [role]), `${c.name}'s "${b.title}" button is for ${role}`);
      }
  });

  it('each role leads with the two or three things it does most, "I\'m not okay" among them', () => {
    const expected: Record<Role, string[]> = {
      officer: ["I'm not okay", 'Check in', 'My status'],
      supervisor: ['My team', 'Record an absence', "I'm not okay"],
      departmentHead: ['Unit overview', 'My team', "I'm not okay"],
      trainer: ['Journeys to review', 'Process review', "I'm not okay"],
      hr: ['Journeys', 'Open a journey', "I'm not okay"],
      candidate: ['My journey', 'Questionnaire', "I'm not okay"],
      admin: ["I'm not okay", 'My status'],
      welfareLead: ["I'm not okay"],
      trimPractitioner: ['TRiM follow-ups', "I'm not okay"],
      occupationalHealth: ["I'm not okay"],
      // Issue 16 part 4: the data protection officer types "audit <name>".
      dpo: ["I'm not okay"],
    };
    for (const role of ROLES) assert.deepEqual(titles([role]), expected[role], role);
    assert.deepEqual(titles(undefined), ["I'm not okay"], 'not on the roster: the way to ask for help');
    assert.deepEqual(titles([]), ["I'm not okay"]);
  });

  it('several roles: the most senior role first, no command twice, never more than three, "I\'m not okay" kept', () => {
    assert.deepEqual(titles(['officer', 'supervisor']), ['My team', 'Record an absence', "I'm not okay"]);
    assert.deepEqual(titles(['supervisor', 'departmentHead']), ['Unit overview', 'My team', "I'm not okay"]);
    assert.deepEqual(titles(['officer', 'trainer']), ['Journeys to review', 'Process review', "I'm not okay"]);
    assert.deepEqual(titles(['trainer', 'hr']), ['Journeys', 'Open a journey', "I'm not okay"]);
    for (const a of ROLES)
      for (const b of ROLES) {
        const shown = welcomeButtonsFor(menu, [a, b]);
        assert.ok(shown.length <= 3, `${a}+${b}`);
        assert.equal(new Set(shown.map((x) => x.command)).size, shown.length, `${a}+${b}: no duplicates`);
        assert.ok(
          shown.some((x) => x.command === 'notOkay'),
          `${a}+${b}: "I'm not okay" is on the welcome`,
        );
      }
    assert.deepEqual(ROLES_BY_SENIORITY.slice().sort(), [...ROLES].sort(), 'every role has a place in the seniority order');
  });

  it("lists only the commands a person's roles can use, once each, one line each", () => {
    const officer = words(['officer']);
    for (const w of [
      'not okay',
      'leave',
      'break',
      'talk',
      'status',
      'check in',
      'stage',
      'i feel ready',
      'suitability',
      'what can I ask',
      'hi',
    ])
      assert.ok(officer.includes(w), `officer: ${w}`);
    for (const w of ['my team', 'unit overview', 'absence', 'journey', 'new journey', 'withdraw', 'process review'])
      assert.ok(!officer.includes(w), `officer sees no "${w}"`);
    assert.equal(new Set(officer).size, officer.length, 'no line twice ("questionnaire" has two commands)');

    const candidate = helpLinesFor(menu, ['candidate']);
    assert.deepEqual(
      candidate.find((l) => l.words === 'questionnaire')?.description,
      'Your pre-deployment questionnaire, when it is waiting for you',
      "the candidate's questionnaire, not the annual one",
    );
    assert.ok(!candidate.some((l) => l.words === 'check in'));
    assert.ok(words(['supervisor']).includes('my team') && words(['supervisor']).includes('absence'));
    assert.ok(words(['departmentHead']).includes('unit overview') && words(['departmentHead']).includes('process review'));
    assert.ok(!words(['hr']).includes('unit overview'), 'the unit overview is the department head’s');

    // Not on the roster: only what works without being on it.
    assert.deepEqual(words(undefined), ['not okay', 'leave', 'break', 'talk', 'what can I ask', 'hi']);
    // Everyone can ask for help and for this list.
    for (const role of ROLES) for (const w of ['not okay', 'what can I ask']) assert.ok(words([role]).includes(w), `${role}: ${w}`);
  });

  it('the lists are derived from the table: a new command appears for its roles only', () => {
    const extra: MenuCommand = {
      name: 'ping',
      priority: COMMAND_PRIORITY.normal,
      words: 'ping',
      description: 'Answers pong, for trainers',
      roles: ['trainer'],
      welcome: [{ title: 'Ping', rank: { trainer: 0 } }],
    };
    const more = [...menu, extra];
    assert.ok(helpLinesFor(more, ['trainer']).some((l) => l.words === 'ping'));
    assert.ok(!helpLinesFor(more, ['officer']).some((l) => l.words === 'ping'));
    assert.equal(welcomeButtonsFor(more, ['trainer'])[0]!.title, 'Ping');
    assert.ok(!welcomeButtonsFor(more, ['officer']).some((b) => b.title === 'Ping'));
  });
});
