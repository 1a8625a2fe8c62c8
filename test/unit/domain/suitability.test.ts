import assert from 'node:assert/strict';
import {
  parseReviewOutcome,
  parseSuitabilityAnswers,
  parseSuitabilityId,
  suitabilityId,
  SUITABILITY_MAX_CHARS,
} from '../../../src/features/suitability/rules.ts';
import { suitabilityViewer } from '../../../src/features/suitability/policy.ts';

describe('domain: suitability questionnaire', () => {
  it('has one deterministic id per person and due date, and parses it back', () => {
    assert.equal(suitabilityId('bea.clarke', '2025-02-12'), 'suitability:bea.clarke:2025-02-12');
    assert.deepEqual(parseSuitabilityId('suitability:bea.clarke:2025-02-12'), { personId: 'bea.clarke', dueDate: '2025-02-12' });
    for (const bad of [
      'suitability:bea.clarke',
      'suitability:Bea:2025-02-12',
      'checkin:bea.clarke:2025-02-12',
      'suitability:bea.clarke:2025-02-12:x',
    ])
      assert.equal(parseSuitabilityId(bad), undefined, bad);
  });

  it('a submission needs the work, coping and continue answers, each with a clear message', () => {
    const r = parseSuitabilityAnswers({}, 'submit');
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.problems.length === 3);
    assert.ok(!r.ok && r.problems.some((p) => /How are you finding the work/.test(p)));
    assert.ok(!r.ok && r.problems.some((p) => /continue in the role/.test(p)));
    const ok = parseSuitabilityAnswers({ work: ' fine ', coping: 'walks', continueInRole: 'unsure', support: '' }, 'submit');
    assert.deepEqual(ok, { ok: true, answers: { work: 'fine', coping: 'walks', continueInRole: 'unsure' } });
  });

  it('a draft may be partial but never malformed', () => {
    assert.deepEqual(parseSuitabilityAnswers({ work: 'half' }, 'draft'), { ok: true, answers: { work: 'half' } });
    assert.equal(parseSuitabilityAnswers({ work: 42 }, 'draft').ok, false);
    assert.equal(parseSuitabilityAnswers({ continueInRole: 'maybe' }, 'draft').ok, false);
    const long = parseSuitabilityAnswers({ work: 'x'.repeat(SUITABILITY_MAX_CHARS + 1), coping: 'a', continueInRole: 'yes' }, 'submit');
    assert.ok(!long.ok && /too long/.test(long.problems.join(' ')));
  });

  it('review outcomes are the two named ones only', () => {
    assert.equal(parseReviewOutcome('noConcerns'), 'noConcerns');
    assert.equal(parseReviewOutcome('followUp'), 'followUp');
    assert.equal(parseReviewOutcome('scored'), undefined);
  });

  it('privacy: the owner sees their own; whoever is responsible now, or the reviewer it was sent to while still on the chain, reads it; nobody else; nobody reads a draft', () => {
    const sent = { personId: 'bea.clarke', sharedWith: ['sam.okafor'], status: 'submitted' as const };
    const samOn = { actsNow: 'sam.okafor', chain: ['sam.okafor', 'dana.hughes'] };
    const samAway = { actsNow: 'dana.hughes', chain: ['dana.hughes'] };
    const priyaCovers = { actsNow: 'priya.shah', chain: ['priya.shah', 'dana.hughes'] };
    assert.equal(suitabilityViewer(sent, 'bea.clarke', samOn), 'owner');
    assert.equal(suitabilityViewer(sent, 'sam.okafor', samOn), 'reviewer');
    // Sent to Sam, who is away now: his access waits for his return (the department head acts).
    assert.equal(suitabilityViewer(sent, 'sam.okafor', samAway), 'none');
    assert.equal(suitabilityViewer(sent, 'dana.hughes', samAway), 'reviewer');
    // On the chain but neither sent it nor acting now: not a reader.
    assert.equal(suitabilityViewer(sent, 'dana.hughes', samOn), 'none');
    // A cover reads it while covering, and not once the cover has ended.
    assert.equal(suitabilityViewer({ ...sent, sharedWith: ['priya.shah'] }, 'priya.shah', priyaCovers), 'reviewer');
    assert.equal(suitabilityViewer({ ...sent, sharedWith: ['priya.shah'] }, 'priya.shah', samOn), 'none');
    assert.equal(suitabilityViewer(sent, 'alex.moreno', samOn), 'none');
    assert.equal(suitabilityViewer({ ...sent, status: 'draft', sharedWith: [] }, 'sam.okafor', samOn), 'none');
  });
});
