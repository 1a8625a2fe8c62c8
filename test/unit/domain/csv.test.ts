import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatCsv, parseCsv, type CsvRecord } from '../../../src/kernel/csv.ts';

describe('domain/csv', () => {
  describe('parseCsv', () => {
    const cases: Array<{ name: string; text: string; records: CsvRecord[] }> = [
      {
        name: 'plain fields',
        text: 'a,b,c\n1,2,3\n',
        records: [
          { line: 1, fields: ['a', 'b', 'c'] },
          { line: 2, fields: ['1', '2', '3'] },
        ],
      },
      {
        name: 'empty fields',
        text: 'a,,c\n,,\n',
        records: [
          { line: 1, fields: ['a', '', 'c'] },
          { line: 2, fields: ['', '', ''] },
        ],
      },
      { name: 'quoted field with a comma', text: 'a,"b,c",d\n', records: [{ line: 1, fields: ['a', 'b,c', 'd'] }] },
      { name: 'doubled quotes inside a quoted field', text: '"say ""hi""",x\n', records: [{ line: 1, fields: ['say "hi"', 'x'] }] },
      { name: 'a field that is only a doubled quote', text: '"""",x\n', records: [{ line: 1, fields: ['"', 'x'] }] },
      { name: 'quoted empty field', text: 'a,"",c\n', records: [{ line: 1, fields: ['a', '', 'c'] }] },
      { name: 'spaces are kept as written', text: ' a , b \n', records: [{ line: 1, fields: [' a ', ' b '] }] },
      {
        name: 'embedded newline keeps the line numbers of later records',
        text: 'h1,h2\n"two\nlines",x\n"three\nmore\nlines",y\nlast,z\n',
        records: [
          { line: 1, fields: ['h1', 'h2'] },
          { line: 2, fields: ['two\nlines', 'x'] },
          { line: 4, fields: ['three\nmore\nlines', 'y'] },
          { line: 7, fields: ['last', 'z'] },
        ],
      },
      {
        name: 'embedded CRLF inside a quoted field counts as one line',
        text: 'a\r\n"b\r\nc",d\r\ne\r\n',
        records: [
          { line: 1, fields: ['a'] },
          { line: 2, fields: ['b\r\nc', 'd'] },
          { line: 4, fields: ['e'] },
        ],
      },
      {
        name: 'CRLF line ends',
        text: 'a,b\r\nc,d\r\n',
        records: [
          { line: 1, fields: ['a', 'b'] },
          { line: 2, fields: ['c', 'd'] },
        ],
      },
      {
        name: 'CR-only line ends',
        text: 'a,b\rc,d\r',
        records: [
          { line: 1, fields: ['a', 'b'] },
          { line: 2, fields: ['c', 'd'] },
        ],
      },
      {
        name: 'mixed line ends',
        text: 'a\nb\r\nc\rd',
        records: [
          { line: 1, fields: ['a'] },
          { line: 2, fields: ['b'] },
          { line: 3, fields: ['c'] },
          { line: 4, fields: ['d'] },
        ],
      },
      {
        name: 'byte order mark is dropped',
        text: '\uFEFFkind,id\nunit,u1\n',
        records: [
          { line: 1, fields: ['kind', 'id'] },
          { line: 2, fields: ['unit', 'u1'] },
        ],
      },
      {
        name: 'no trailing newline',
        text: 'a,b\nc,d',
        records: [
          { line: 1, fields: ['a', 'b'] },
          { line: 2, fields: ['c', 'd'] },
        ],
      },
      { name: 'trailing newline adds no record', text: 'a,b\n', records: [{ line: 1, fields: ['a', 'b'] }] },
      {
        name: 'blank lines are skipped but counted',
        text: 'a\n\n   \nb\n\n',
        records: [
          { line: 1, fields: ['a'] },
          { line: 4, fields: ['b'] },
        ],
      },
      { name: 'empty text', text: '', records: [] },
      { name: 'only a BOM', text: '\uFEFF', records: [] },
      { name: 'quoted last field without newline', text: 'a,"b\nc"', records: [{ line: 1, fields: ['a', 'b\nc'] }] },
      {
        name: 'a row that is one quoted empty field is a record, not a blank line',
        text: 'a\n""\nb\n',
        records: [
          { line: 1, fields: ['a'] },
          { line: 2, fields: [''] },
          { line: 3, fields: ['b'] },
        ],
      },
      { name: 'a row that is one quoted blank field is a record', text: '"  "\n', records: [{ line: 1, fields: ['  '] }] },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const result = parseCsv(c.text);
        assert.equal(result.error, undefined);
        assert.deepEqual(result.records, c.records);
      });
    }

    const errors: Array<{ name: string; text: string; line: number }> = [
      { name: 'unclosed quote on the first line', text: '"abc,d\n', line: 1 },
      { name: 'unclosed quote reports the line where the record starts', text: 'a,b\nc,d\ne,"f\ng\nh\n', line: 3 },
      { name: 'unclosed quote after a multi-line field', text: '"x\ny",1\n"open', line: 3 },
    ];
    for (const c of errors) {
      it(`error: ${c.name}`, () => {
        const result = parseCsv(c.text);
        assert.ok(result.error, 'an error is reported');
        assert.match(result.error, new RegExp(`^line ${c.line}: `));
        assert.match(result.error, /quoted field is never closed/);
        assert.equal(result.errorLine, c.line);
      });
    }
  });

  describe('formatCsv', () => {
    const cases: Array<{ rows: string[][]; text: string }> = [
      {
        rows: [
          ['a', 'b'],
          ['c', 'd'],
        ],
        text: 'a,b\nc,d\n',
      },
      { rows: [['a,b', 'say "hi"']], text: '"a,b","say ""hi"""\n' },
      { rows: [['two\nlines', 'cr\rhere']], text: '"two\nlines","cr\rhere"\n' },
      { rows: [[' padded', 'end ']], text: '" padded","end "\n' },
      { rows: [['a', '', 'c']], text: 'a,,c\n' },
    ];
    for (const c of cases) {
      it(`formats ${JSON.stringify(c.rows)}`, () => assert.equal(formatCsv(c.rows), c.text));
    }
  });

  describe('formatCsv → parseCsv round trip', () => {
    // Strings biased towards the characters CSV treats specially, plus full Unicode.
    const special = fc.constantFrom('"', ',', '\n', '\r', '\r\n', ' ', '\t', '\uFEFF', '""', 'a', 'é', '😀');
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.array(special, { maxLength: 8 }).map((parts) => parts.join('')),
      fc.string(),
    );
    const rows = fc.array(fc.array(text, { minLength: 1, maxLength: 6 }), { maxLength: 8 });

    it('gives back the same rows (property)', () => {
      fc.assert(
        fc.property(rows, (input) => {
          const { records, error } = parseCsv(formatCsv(input));
          assert.equal(error, undefined);
          assert.deepEqual(
            records.map((r) => r.fields),
            input,
          );
        }),
        { numRuns: 2000 },
      );
    });

    it('reports the line each record starts on (property)', () => {
      fc.assert(
        fc.property(rows, (input) => {
          const { records } = parseCsv(formatCsv(input));
          let line = 1;
          input.forEach((row, i) => {
            assert.equal(records[i]!.line, line);
            // Every LF, every CRLF and every lone CR is a line break a person sees in an editor.
            line += (row.join(',').match(/\r\n|\r|\n/g) ?? []).length + 1;
          });
        }),
        { numRuns: 1000 },
      );
    });
  });
});
