// What people read on a card says only what is true and never an internal id (issue 13, "Honest to
// those who ask"): every card fixture of every feature (through FEATURES), scanned for the words that
// have given Haven away before.
import assert from 'node:assert/strict';
import { CARD_FIXTURES } from '../../fixtures/cards.ts';
import { journeyView } from '../../../src/features/journeys/views.ts';
import type { Roster } from '../../../src/kernel/types.ts';
import { HEAD, T0, ctxAt, fresh } from '../domain/journey-fixtures.ts';

/** Everything a person can read on a card: text, facts, button and choice titles, placeholders, labels. */
export function visibleText(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown, key?: string): void => {
    if (Array.isArray(node)) node.forEach((n) => walk(n, key));
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      for (const field of ['text', 'title', 'value', 'placeholder', 'label', 'altText', 'errorMessage'] as const) {
        const v = o[field];
        // An input's value, a choice's value and an action's data are what Haven reads back, not what is shown.
        const hidden = field === 'value' && (key === 'choices' || String(o.type ?? '').startsWith('Input.'));
        if (typeof v === 'string' && !hidden) out.push(v);
      }
      for (const [k, v] of Object.entries(o)) if (k !== 'data' && k !== 'refresh' && k !== 'verb') walk(v, k);
    }
  };
  walk(card);
  return out;
}

/** A roster id (`sam.okafor`) in running text; web addresses (`mind.org.uk`, `e.g.`) are not ids. */
function rosterIds(text: string): string[] {
  return [...text.matchAll(/(?<![\w./@-])([a-z]+\.[a-z]+)(?![\w./@-])/g)]
    .map((m) => m[1]!)
    .filter((token) => !/\.(org|uk|com|net|gov|nhs|police|io|co|invalid)$/.test(token) && token !== 'e.g' && token !== 'i.e');
}

function problems(card: unknown): string[] {
  const found: string[] = [];
  for (const t of visibleText(card)) {
    if (/ there,|, there\b/.test(t)) found.push(`a greeting to nobody: "${t}"`);
    if (/admin-cli/.test(t)) found.push(`an internal actor: "${t}"`);
    if (/has been alerted/.test(t)) found.push(`a delivery claimed before it happened: "${t}"`);
    if (/ask for a different person/.test(t)) found.push(`a promise with no way to keep it: "${t}"`);
    for (const id of rosterIds(t)) found.push(`a roster id "${id}" in: "${t}"`);
  }
  return found;
}

describe('cards: honest text (no internal ids, no claims before they are true)', () => {
  it('the scan has something to scan: every feature contributes fixtures', () => {
    assert.ok(CARD_FIXTURES.length > 50, `${CARD_FIXTURES.length} fixtures`);
  });

  for (const f of CARD_FIXTURES) {
    it(`${f.template} (${f.state})`, () => {
      assert.deepEqual(problems(f.card()), []);
    });
  }

  it('a journey opened by the admin command reads "opened by an administrator", and a person who left the roster is not their id', () => {
    const roster = {
      units: [{ id: 'unit-2', name: 'Online Child Abuse Team 2' }],
      absences: [],
      people: [{ id: HEAD, name: 'Dana Hughes' }],
    } as unknown as Roster;
    const j = { ...fresh(), openedBy: 'admin-cli', timeline: [{ at: T0.toISOString(), event: 'nominated' as const, by: 'admin-cli' }] };
    const shown = JSON.stringify(journeyView(j, HEAD, roster, ctxAt(T0), []));
    assert.match(shown, /Journey opened by an administrator/);
    assert.doesNotMatch(shown, /admin-cli|gus\.novak|tom\.reed/, 'the candidate and trainer (not on this roster) are not shown by id');
  });

  it('the scan catches each pattern it is for, and leaves web addresses alone', () => {
    const card = (text: string) => ({ type: 'AdaptiveCard', body: [{ type: 'TextBlock', text }] });
    assert.equal(problems(card('Welcome to Haven, there')).length, 1);
    assert.equal(problems(card('Journey opened by admin-cli')).length, 1);
    assert.equal(problems(card('Sam Okafor has been alerted privately')).length, 1);
    assert.equal(problems(card('Assigned to sam.okafor')).length, 1);
    assert.equal(
      problems({ type: 'AdaptiveCard', body: [{ type: 'FactSet', facts: [{ title: 'Who', value: 'dana.hughes' }] }] }).length,
      1,
    );
    assert.deepEqual(problems(card('Mind: www.mind.org.uk, or samaritans.org, e.g. by phone')), []);
    assert.deepEqual(
      problems({ type: 'Input.ChoiceSet', choices: [{ title: 'Priya Shah', value: 'priya.shah' }] }),
      [],
      'a choice value is not shown',
    );
  });
});
