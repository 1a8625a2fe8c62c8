import assert from 'node:assert/strict';
import {
  parseReadBy,
  parseReviewOutcome,
  parseSuitabilityAnswers,
  parseSuitabilityId,
  suitabilityId,
  SUITABILITY_MAX_CHARS,
} from '../../../src/features/suitability/rules.ts';
import {
  chosenReaderNow,
  mayChooseSuitabilityReader,
  suitabilityReaderOptions,
  suitabilityViewer,
} from '../../../src/features/suitability/policy.ts';
import { DEFAULT_POLICY, parsePolicy } from '../../../src/kernel/escalation.ts';
import type { ResolvedContact } from '../../../src/kernel/contacts.ts';

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

  // Issue 14 part 2: a choice of who reads it, where the unit allows.
  describe('the chosen reader', () => {
    const contacts: ResolvedContact[] = [
      { kind: 'welfareLead', title: 'the welfare lead', personIds: ['wes.lyle'] },
      { kind: 'trimPractitioner', title: 'a TRiM practitioner', personIds: ['ira.nolan'] },
      { kind: 'departmentHead', title: 'the department head', personIds: ['dana.hughes'] },
      { kind: 'trainer', title: 'a trainer', personIds: ['tom.reed'] },
      { kind: 'occupationalHealth', title: 'occupational health', personIds: ['olu.hale'] },
    ];

    it('the unit policy decides whether a choice is offered: allowed unless the file says false', () => {
      assert.equal(mayChooseSuitabilityReader(DEFAULT_POLICY), true);
      assert.equal(mayChooseSuitabilityReader({ suitabilityReaderChoice: false }), false);
      const base = {
        levels: [{ role: 'supervisor', delayMinutes: 15 }],
        acknowledgementTimeoutMinutes: 60,
        redeploymentDeadlineDays: 5,
        redeploymentOverdueRepeatMinutes: 60,
      };
      const off = parsePolicy({ ...base, suitabilityReaderChoice: false }, 'p');
      assert.ok(off.ok && off.policy.suitabilityReaderChoice === false && !mayChooseSuitabilityReader(off.policy));
      const unset = parsePolicy(base, 'p');
      assert.ok(unset.ok && mayChooseSuitabilityReader(unset.policy));
      const bad = parsePolicy({ ...base, suitabilityReaderChoice: 'no' }, 'p');
      assert.ok(!bad.ok && bad.problems.some((x) => /suitabilityReaderChoice must be true or false/.test(x)));
    });

    it('offers the welfare lead, occupational health and the department head; never TRiM, a trainer, or who already acts for them', () => {
      const offered = suitabilityReaderOptions(DEFAULT_POLICY, contacts, 'sam.okafor');
      assert.deepEqual(
        offered.map((o) => [o.kind, o.personId]),
        [
          ['welfareLead', 'wes.lyle'],
          ['occupationalHealth', 'olu.hale'],
          ['departmentHead', 'dana.hughes'],
        ],
      );
      // While the department head acts for them (no supervisor available), choosing them is no choice.
      assert.ok(!suitabilityReaderOptions(DEFAULT_POLICY, contacts, 'dana.hughes').some((o) => o.kind === 'departmentHead'));
      assert.deepEqual(suitabilityReaderOptions({ suitabilityReaderChoice: false }, contacts, 'sam.okafor'), []);
      assert.deepEqual(suitabilityReaderOptions(DEFAULT_POLICY, [], 'sam.okafor'), []);
    });

    it('the form choice: the supervisor by default; only a kind offered now; the person who would read it comes from the offer', () => {
      const offered = suitabilityReaderOptions(DEFAULT_POLICY, contacts, 'sam.okafor');
      assert.deepEqual(parseReadBy({}, offered), { ok: true });
      assert.deepEqual(parseReadBy({ readBy: 'supervisor' }, offered), { ok: true });
      assert.deepEqual(parseReadBy({ readBy: 'welfareLead' }, offered), {
        ok: true,
        readBy: { kind: 'welfareLead', personId: 'wes.lyle' },
      });
      for (const bad of ['trainer', 'trimPractitioner', 'wes.lyle', 42, ['welfareLead']])
        assert.equal(parseReadBy({ readBy: bad }, offered).ok, false, String(bad));
      assert.equal(parseReadBy({ readBy: 'welfareLead' }, []).ok, false, 'not offered where the policy says no');
    });

    it('only the chosen reader reads it, while they are still that contact and present; the supervisor line reads nothing', () => {
      const sent = {
        personId: 'bea.clarke',
        sharedWith: ['wes.lyle'],
        status: 'submitted' as const,
        readBy: { kind: 'welfareLead' as const, personId: 'wes.lyle' },
      };
      const now = { actsNow: 'sam.okafor', chain: ['sam.okafor', 'dana.hughes'], chosenKindNow: ['wes.lyle'] };
      assert.equal(suitabilityViewer(sent, 'wes.lyle', now), 'reviewer');
      assert.equal(chosenReaderNow(sent, now), 'wes.lyle');
      assert.equal(suitabilityViewer(sent, 'sam.okafor', now), 'none');
      assert.equal(suitabilityViewer(sent, 'dana.hughes', now), 'none');
      assert.equal(suitabilityViewer(sent, 'bea.clarke', now), 'owner');
      // Wes away, or no longer the welfare lead: nobody reads it until he is back.
      const gone = { ...now, chosenKindNow: [] };
      assert.equal(suitabilityViewer(sent, 'wes.lyle', gone), 'none');
      assert.equal(chosenReaderNow(sent, gone), undefined);
      assert.equal(suitabilityViewer({ ...sent, status: 'draft' }, 'wes.lyle', now), 'none');
    });
  });
});
