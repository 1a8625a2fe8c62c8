// Teams refuses a card over about 28 KB (and Haven's delivery does not retry a 413), so every card is
// built within it: each card fixture, including the worst cases (every free-text field at its byte
// budget in a 3-byte-per-character script, with markdown to escape), is measured as sent.
import assert from 'node:assert/strict';
import { CARD_LIMIT_BYTES, cardBytes, storedBytes } from '../../../src/kernel/text.ts';
import { worstText } from '../../../src/kernel/card-fixtures.ts';
import { CARD_FIXTURES } from '../../fixtures/cards.ts';

describe('card size', () => {
  it('the worst-case text is at its budget, in a 3-byte script', () => {
    for (const budget of [200, 2000, 4000]) {
      const t = worstText(budget);
      assert.ok(storedBytes(t) <= budget && storedBytes(t) > budget - 3, `${budget}: ${storedBytes(t)}`);
    }
  });

  it('there are worst-case fixtures for every form with free text', () => {
    const worst = new Set(CARD_FIXTURES.filter((f) => f.state.startsWith('at the limit')).map((f) => f.template));
    for (const t of [
      'declaration-form',
      'alert',
      'check-in',
      'flag',
      'stage',
      'stage-review',
      'journey',
      'journey-questionnaire',
      'journey-withdraw',
      'suitability',
      'suitability-review',
    ]) {
      assert.ok(worst.has(t), `no "at the limit" fixture for ${t}`);
    }
  });

  for (const f of CARD_FIXTURES) {
    it(`${f.template} (${f.state}) is under ${CARD_LIMIT_BYTES.toLocaleString('en-GB')} bytes as sent`, () => {
      const bytes = cardBytes(f.card());
      assert.ok(bytes < CARD_LIMIT_BYTES, `${bytes} bytes`);
    });
  }
});
