import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  asText,
  charactersOver,
  charactersWithin,
  cleanText,
  encryptedChars,
  fitsOneEntity,
  storedBytes,
  TABLE_PROPERTY_CHARS,
  tooLongProblem,
  userText,
  WORST_BYTES_PER_CHAR,
} from '../../../src/kernel/text.ts';

const RLO = '\u202E';
const ZWSP = '\u200B';

describe('kernel: user text', () => {
  it('cleans: NFC, line ends, no controls, bidi overrides or invisible characters', () => {
    assert.equal(cleanText('Cafe\u0301'), 'Café');
    assert.equal(cleanText('a\r\nb\rc\u2028d'), 'a\nb\nc\nd');
    assert.equal(cleanText(`pay ${RLO}gnp.exe${'\u202C'} now`), 'pay gnp.exe now');
    assert.equal(cleanText(`ad${ZWSP}min\u2066x\u2069\u0000\u0007\u009B\uFEFF`), 'adminx');
    assert.equal(cleanText('tab\tand\nnewline stay'), 'tab\tand\nnewline stay');
    // Joiners that shape a script or an emoji stay; a stray one between ASCII letters goes.
    assert.equal(cleanText('می\u200Cخواهم 👩\u200D💻'), 'می\u200Cخواهم 👩\u200D💻');
    assert.equal(cleanText('pay\u200Dpal'), 'paypal');
  });

  it("counts bytes as stored and states the overrun in characters of the person's own script", () => {
    assert.equal(storedBytes('abc'), 3);
    assert.equal(storedBytes('中文'), 6);
    assert.equal(storedBytes('"\n'), 4);
    // A budget of 4,000 bytes: 4,000 letters of English, about 1,333 Chinese characters.
    assert.equal(charactersOver('a'.repeat(4000), 4000), 0);
    assert.equal(charactersOver('a'.repeat(4005), 4000), 5);
    assert.equal(charactersOver('中'.repeat(1333), 4000), 0);
    assert.equal(charactersOver('中'.repeat(4000), 4000), 2667);
    assert.equal(charactersOver('😀'.repeat(1001), 4000), 1);
    assert.equal(charactersWithin('中文', 4000), 1333);
    assert.match(
      tooLongProblem('your answer to "How do you feel?"', 'x'.repeat(2137), 2000)!,
      /^Your answer to "How do you feel\?" is too long by about 140 characters \(the limit is 2,000 characters\)/,
    );
    assert.match(tooLongProblem('your note', 'x'.repeat(2001), 2000)!, /too long by 1 character /);
    assert.equal(tooLongProblem('your note', 'x'.repeat(2000), 2000), undefined);
    // In Chinese the same budget is about 666 characters, and the overrun is counted in them.
    assert.match(
      tooLongProblem('your note', '中'.repeat(1000), 2000)!,
      /^Your note is too long by about 340 characters \(written as you write it, the limit is about 666 characters\)/,
    );
    assert.equal(tooLongProblem('your note', '中'.repeat(666), 2000), undefined);
    assert.match(
      tooLongProblem('your note', 'مرحبا '.repeat(300), 2000)!,
      /too long by about \d+ characters \(written as you write it, the limit is about 1,090 characters\)/,
    );
  });

  it('a budget holds in bytes whatever the script: within it, the text is never more bytes than the budget', function () {
    this.timeout(20_000);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.integer({ min: 50, max: 600 }), (s, budget) => {
        const t = cleanText(s);
        return tooLongProblem('x', t, budget) === undefined ? storedBytes(t) <= budget : charactersOver(t, budget) > 0;
      }),
      { numRuns: 200 },
    );
  });

  it('a limit in characters holds in bytes: any cleaned text within it is at most 3 bytes a character', function () {
    this.timeout(20_000);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const t = cleanText(s);
        return storedBytes(t) <= t.length * WORST_BYTES_PER_CHAR;
      }),
      { numRuns: 200 },
    );
  });

  it('knows what fits: one 4,000-character answer fits one property, four do not, all fit one entity', () => {
    assert.ok(encryptedChars(4000 * 3) < TABLE_PROPERTY_CHARS);
    assert.ok(encryptedChars(4 * 4000 * 3) > TABLE_PROPERTY_CHARS);
    assert.ok(fitsOneEntity([4000, 4000, 4000, 4000, 4000, 4000, 4000, 4000]));
    assert.ok(!fitsOneEntity(Array(120).fill(4000)));
  });

  it('userText cleans and leaves the limit to the workflow (so the form comes back), refusing only absurd lengths', () => {
    const s = userText('your note', 2000);
    assert.equal(s.parse(`a${RLO}b`), 'ab');
    assert.ok(s.safeParse('x'.repeat(2500)).success);
    const r = s.safeParse('x'.repeat(100_000));
    assert.ok(!r.success && /Your note is far longer than 2,000 characters/.test(r.error.issues[0]!.message));
  });

  it('asText shows markdown as written: no links, emphasis, images, headings or lists', () => {
    const t = asText('Please [verify your account](https://example.invalid/login) **urgently**');
    assert.ok(!/(?<!\\)\[/.test(t) && !/(?<!\\)\*/.test(t) && !/(?<!\\)\(/.test(t), t);
    assert.ok(!t.includes('https://'), 'a bare address is not linkable');
    assert.equal(asText('- one\n+ two\n12. three\n# head\n> quote'), '\\- one\n\\+ two\n12\\. three\n\\# head\n\\> quote');
    assert.equal(asText('![x](y) _e_ `c` ~s~'), '\\!\\[x\\]\\(y\\) \\_e\\_ \\`c\\` \\~s\\~');
    assert.equal(asText(`a${RLO}b`), 'ab');
    assert.equal(asText('Plain words, full stops. And 3.5 hours.'), 'Plain words, full stops. And 3.5 hours.');
    assert.equal(asText(undefined), '');
  });
});
