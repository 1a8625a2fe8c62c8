import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { acceptsAnswers, currentDueOn, parseAnswers, receivesCheckIns, scoreOf } from '../../../src/features/check-ins/check-in.ts';
import { parseQuestionSet, parseSchedule } from '../../../src/features/check-ins/question-set.ts';

const raw = JSON.parse(readFileSync('data/question-sets/who5.json', 'utf8'));
const parsed = parseQuestionSet(raw, 'who5.json');
if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
const set = parsed.set;
const full = { who5_1: '3', who5_2: '3', who5_3: '2', who5_4: '2', who5_5: '2' };

describe('check-ins', () => {
  it('the WHO-5 file loads: five items, 0..5, raw × 4 = percentage', () => {
    assert.equal(set.scale.items.length, 5);
    const r = parseAnswers(set, full);
    assert.ok(r.ok);
    assert.deepEqual(scoreOf(set, r.answers), { raw: 12, percentage: 48 });
  });

  it('every WHO-5 item is required, values 0..5, every problem listed', () => {
    const r = parseAnswers(set, { who5_1: '6', who5_2: 'x', who5_4: '1', workload: 'loads', share: 'maybe' });
    assert.equal(r.ok, false);
    const text = (r as { problems: string[] }).problems.join(' ');
    assert.match(text, /Please answer "I have felt active and vigorous", "My daily life/);
    assert.match(text, /"I have felt cheerful and in good spirits": choose one/);
    assert.match(text, /Workload: choose one/);
    assert.match(text, /sharing choice/);
  });

  it('share is off unless ticked; free text is trimmed and capped', () => {
    const r = parseAnswers(set, { ...full, share: 'false', freeText: '  hi  ' });
    assert.ok(r.ok && !r.shared && r.freeText === 'hi' && r.answers.conversation === false);
    assert.ok(
      parseAnswers(set, { ...full, share: 'true' }).ok && (parseAnswers(set, { ...full, share: 'true' }) as { shared: boolean }).shared,
    );
    assert.equal(parseAnswers(set, { ...full, freeText: 'x'.repeat(2001) }).ok, false);
  });

  it('the first check-in is one interval after joining, then every interval', () => {
    const s = { intervalDays: 14, questionSetId: 'who5' };
    assert.equal(currentDueOn({ joinedUnitOn: '2026-05-18' }, s, '2026-05-31'), undefined);
    assert.equal(currentDueOn({ joinedUnitOn: '2026-05-18' }, s, '2026-06-01'), '2026-06-01');
    assert.equal(currentDueOn({ joinedUnitOn: '2026-05-18' }, s, '2026-06-14'), '2026-06-01');
    assert.equal(currentDueOn({ joinedUnitOn: '2026-05-18' }, s, '2026-06-15'), '2026-06-15');
  });

  it('a unit anchor puts everyone on the same days, from a week after joining', () => {
    const s = { intervalDays: 14, questionSetId: 'who5', anchorOn: '2026-01-05' };
    assert.equal(currentDueOn({ joinedUnitOn: '2020-01-01' }, s, '2026-01-18'), '2026-01-05');
    assert.equal(currentDueOn({ joinedUnitOn: '2026-01-01' }, s, '2026-01-18'), undefined);
  });

  it('late answers are accepted until the next one is due', () => {
    assert.equal(acceptsAnswers({ status: 'open', closesOn: '2026-12-07' }, '2026-12-06'), true);
    assert.equal(acceptsAnswers({ status: 'open', closesOn: '2026-12-07' }, '2026-12-07'), false);
    assert.equal(acceptsAnswers({ status: 'answered', closesOn: '2026-12-07' }, '2026-12-01'), false);
  });

  it('officers and supervisors get check-ins; candidates and department heads do not', () => {
    assert.equal(receivesCheckIns({ roles: ['officer'] }), true);
    assert.equal(receivesCheckIns({ roles: ['supervisor'] }), true);
    assert.equal(receivesCheckIns({ roles: ['candidate'] }), false);
    assert.equal(receivesCheckIns({ roles: ['departmentHead'] }), false);
  });

  it('a bad question set is refused with every problem listed', () => {
    const bad = {
      ...raw,
      id: 'Bad Id',
      scale: {
        ...raw.scale,
        choices: [
          { value: 1, title: 'x' },
          { value: 1, title: '' },
        ],
        items: [],
      },
      workload: {
        text: 'w',
        choices: [
          { value: 'a', title: 'A' },
          { value: 'b', title: 'B' },
        ],
      },
      freeText: { text: 't', maxLength: 5 },
    };
    const r = parseQuestionSet(bad, 'bad.json');
    assert.equal(r.ok, false);
    const p = (r as { problems: string[] }).problems.join('\n');
    for (const want of [
      /id must be/,
      /scale.choices has the same value twice/,
      /scale.choices must start at 0/,
      /scale.items must list/,
      /workload.choices\[0\].value/,
      /freeText.maxLength/,
      /choices\[1\].title/,
    ])
      assert.match(p, want);
  });

  it('a unit schedule file is validated', () => {
    const fb = { intervalDays: 14, questionSetId: 'who5' };
    assert.deepEqual(parseSchedule({ intervalDays: 28 }, 'u.json', fb), {
      ok: true,
      schedule: { intervalDays: 28, questionSetId: 'who5' },
    });
    const r = parseSchedule({ intervalDays: 3, questionSet: 'X!', anchorOn: 'soon', extra: 1 }, 'u.json', fb);
    assert.equal(r.ok, false);
    assert.equal((r as { problems: string[] }).problems.length, 4);
  });
});
