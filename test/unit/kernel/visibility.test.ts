// The README's "Who can see what" table is a copy of src/kernel/visibility.ts: this keeps it one.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CHECK_IN_VISIBILITY, VISIBILITY, VISIBILITY_IN_PLAIN_WORDS } from '../../../src/kernel/visibility.ts';

function readmeTable(): { role: string; sees: string; neverSees: string }[] {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const section = readme.split(/^## Who can see what$/m)[1];
  assert.ok(section, 'README has a "## Who can see what" section');
  const lines = section.split('\n').map((l) => l.trim());
  const first = lines.findIndex((l) => l.startsWith('|'));
  const table = lines.slice(
    first,
    lines.findIndex((l, i) => i > first && !l.startsWith('|')),
  );
  assert.deepEqual(table.slice(0, 2), ['| role | sees | never sees |', '|---|---|---|']);
  return table.slice(2).map((row) => {
    const cells = row
      .slice(1, -1)
      .split(' | ')
      .map((c) => c.trim());
    assert.equal(cells.length, 3, `three cells: ${row}`);
    return { role: cells[0]!, sees: cells[1]!, neverSees: cells[2]! };
  });
}

describe('kernel/visibility', () => {
  it('the README table matches visibility.ts row for row', () => {
    assert.deepEqual(
      readmeTable(),
      VISIBILITY.map(({ role, sees, neverSees }) => ({ role, sees, neverSees })),
    );
  });

  it('the welcome card shows every row, with what each never sees', () => {
    assert.equal(VISIBILITY_IN_PLAIN_WORDS.length, VISIBILITY.length);
    VISIBILITY.forEach((r, i) => assert.deepEqual(VISIBILITY_IN_PLAIN_WORDS[i], { who: r.who, sees: `${r.sees}. Never ${r.neverSees}.` }));
  });

  it('the check-in confirmation names the same people as the table', () => {
    for (const line of CHECK_IN_VISIBILITY)
      assert.ok(
        VISIBILITY.some((r) => line.who.startsWith(r.who)),
        line.who,
      );
  });
});
