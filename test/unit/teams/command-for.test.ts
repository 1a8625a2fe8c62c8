import assert from 'node:assert/strict';
import { buildCommandTable, matchCommands } from '../../../src/teams/command-table.ts';
import { FEATURES } from '../../../src/main.ts';
import type { Actor } from '../../../src/kernel/context.ts';
import type { HavenDeps } from '../../../src/haven-deps.ts';

describe('typed commands', () => {
  const table = buildCommandTable(FEATURES);
  // [what is typed, the command that answers ('welcome': none does)]
  const cases: [string, string][] = [
    ['process review', 'processReview'],
    ['Annual review', 'processReview'],
    ['show me the pre-deployment review', 'processReview'],
    ['annual process review please', 'processReview'],
    // A person in distress must never be read as asking for the review.
    ["I'm not okay, annual review", 'notOkay'],
    ['process review: I want to leave', 'leave'],
    ['review my break', 'break'],
    ['status', 'status'],
    ['hello', 'welcome'],
    ['suitability', 'suitability'],
    // "questionnaire" is the candidate's pre-deployment questionnaire when they have a journey, else
    // the officer's suitability questionnaire: same name, the journeys one first (see command-table.ts).
    ['my questionnaire', 'questionnaire'],
    ['check in', 'checkIn'],
    ['unit overview', 'unitOverview'],
    ['my team', 'team'],
    ['I feel ready', 'ready'],
    ['stage', 'stage'],
    ['I will be away next week', 'absence'],
    ["I don't want to continue", 'withdraw'],
    ['new journey', 'newJourney'],
    ['suitability questionnaire: I want to leave', 'leave'],
  ];
  for (const [text, name] of cases) {
    it(`"${text}" → ${name}`, () => {
      assert.equal(matchCommands(table, text)[0] ?? 'welcome', name);
    });
  }

  it('the declaration words open the form with what the person asked for already chosen', async () => {
    const preselected = async (text: string) => {
      const [first] = table.commands.filter((c) => matchCommands({ commands: [c] }, text).length > 0);
      const card = await first!.run({} as HavenDeps, { actor: { teamsUserId: '29:x' } as Actor, text });
      const find = (node: unknown): unknown => {
        if (typeof node !== 'object' || node === null) return undefined;
        if ((node as { id?: unknown }).id === 'kind') return (node as { value?: unknown }).value;
        for (const child of Object.values(node)) {
          const found = find(child);
          if (found !== undefined) return found;
        }
        return undefined;
      };
      return find(card);
    };
    assert.equal(await preselected('process review: I want to leave'), 'leave');
    assert.equal(await preselected('review my break'), 'break');
    assert.equal(await preselected('can I talk to someone'), 'talk');
    assert.equal(await preselected("I'm not okay"), '');
  });

  it('"questionnaire": the candidate\'s first, then the suitability one', () => {
    const questionnaire = table.commands.filter((c) => c.name === 'questionnaire').map((c) => c.feature);
    assert.deepEqual(questionnaire, ['journeys', 'suitability']);
    assert.deepEqual(matchCommands(table, 'my questionnaire'), ['questionnaire', 'questionnaire']);
  });
});
