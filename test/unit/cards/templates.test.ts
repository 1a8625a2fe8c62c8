import assert from 'node:assert/strict';
import { ALL_VERBS } from '../../../src/kernel/verbs.ts';
import { buildRouteTable } from '../../../src/teams/route-table.ts';
import { FEATURES } from '../../../src/main.ts';

const registeredVerbs = () => buildRouteTable(FEATURES).verbs();
import { CARD_FIXTURES, templateNames } from '../../fixtures/cards.ts';
import { cardProblems, verbsIn } from '../../support/card-checks.ts';

describe('card templates', () => {
  it('every template in /cards has at least one fixture', () => {
    const covered = new Set(CARD_FIXTURES.map((f) => f.template));
    assert.deepEqual(
      templateNames().filter((t) => !covered.has(t)),
      [],
    );
  });

  for (const f of CARD_FIXTURES) {
    it(`${f.template} (${f.state}) binds fully, parses and validates, and opens with the neutral line`, () => {
      assert.deepEqual(cardProblems(f.card()), []);
    });
    it(`${f.template} (${f.state}): every verb it uses has exactly one handler`, () => {
      const handled = new Set(registeredVerbs());
      for (const verb of verbsIn(f.card())) assert.ok(handled.has(verb as never), `no handler for ${verb}`);
    });
  }

  it('every declared verb has a handler and every handler a declared verb', () => {
    assert.deepEqual([...registeredVerbs()].sort(), [...ALL_VERBS].sort());
  });

  it('the checks catch a non-neutral first line, an unresolved expression and an invalid card', () => {
    assert.ok(
      cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Alex is not okay' }] }).some((p) =>
        p.includes('neutral'),
      ),
    );
    assert.ok(
      cardProblems({
        type: 'AdaptiveCard',
        version: '1.5',
        body: [
          { type: 'TextBlock', text: 'Haven has an update for you' },
          { type: 'TextBlock', text: '${name}' },
        ],
      }).some((p) => p.includes('unresolved')),
    );
    assert.ok(
      cardProblems({
        type: 'AdaptiveCard',
        version: '1.5',
        body: [
          { type: 'TextBlock', text: 'Haven has an update for you' },
          { type: 'Input.Text', id: 'a' },
          { type: 'Input.Text', id: 'a' },
        ],
      }).some((p) => p.includes('validation')),
    );
  });
});
