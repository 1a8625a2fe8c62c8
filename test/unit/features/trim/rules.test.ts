// TRiM follow-ups' rules and access, pure: who is told in what order, how a follow-up moves, and who
// may answer, act on, see or offer one (src/features/trim/rules.ts, policy.ts).
import assert from 'node:assert/strict';
import { DEFAULT_CONTACTS, type ContactRule } from '../../../../src/kernel/contacts.ts';
import type { Person, Role, Roster } from '../../../../src/kernel/types.ts';
import { DEFAULT_WORKING_PATTERN } from '../../../../src/kernel/working-pattern.ts';
import {
  acknowledgeTrim,
  answerTrim,
  isTrimOpen,
  lapseIfUnanswered,
  newTrimFollowUp,
  recordTrim,
  trimChain,
  trimStatus,
  type TrimFollowUp,
} from '../../../../src/features/trim/rules.ts';
import { mayActOnTrim, mayOfferTrim, mayRequestTrim, maySeeOffer, maySeeTrimRequest } from '../../../../src/features/trim/policy.ts';

const p = (id: string, roles: Role[], extra: Partial<Person> = {}): Person => ({
  id,
  name: id,
  teamsUserId: `29:${id}`,
  aadObjectId: id,
  roles,
  unitId: 'u1',
  workingPattern: DEFAULT_WORKING_PATTERN,
  viewingStatus: 'viewing',
  ...extra,
});

const roster: Roster = {
  units: [{ id: 'u1', name: 'Team 1', departmentHeadId: 'dana' }],
  people: [
    p('dana', ['departmentHead']),
    p('sam', ['supervisor'], { supervisorId: 'dana' }),
    p('wes', ['welfareLead']),
    p('ira', ['trimPractitioner']),
    p('ivy', ['trimPractitioner']),
    p('ola', ['trimPractitioner'], { unitId: 'u2' }),
    p('alex', ['officer'], { supervisorId: 'sam' }),
    p('tom', ['trainer'], { supervisorId: 'dana' }),
    p('kit', ['officer'], { supervisorId: 'sam', unitId: 'u1' }),
  ],
  absences: [{ id: 'a1', personId: 'ivy', from: '2026-12-01', to: '2026-12-31' }],
};
const now = new Date('2026-12-07T10:00:00Z');
const alex = { id: 'alex', unitId: 'u1' };
const settings = { practitioners: ['ola'], escalationHours: 48, answerDays: 14 };
const noFallback = { fallbackResponders: ['fb'] };
const ids = (c: { personId: string }[]) => c.map((e) => e.personId);

function wanted(): TrimFollowUp {
  const f = newTrimFollowUp({ id: 'trim-x', personId: 'alex', unitId: 'u1', origin: 'request72h', now });
  const r = answerTrim(f, 'alex', 'yes', now);
  assert.ok(r.ok);
  return r.followUp;
}

describe('trim: who is told, in order', () => {
  it("the unit's practitioners (absent ones left out), then the force-wide list, then the welfare lead; nobody twice, never the officer", () => {
    const chain = trimChain(alex, DEFAULT_CONTACTS, settings, noFallback, roster, now);
    assert.deepEqual(ids(chain), ['ira', 'ola', 'wes']);
    assert.deepEqual(
      chain.map((e) => e.trimRole),
      ['practitioner', 'practitioner', 'welfareLead'],
    );
    assert.ok(chain.every((e) => e.delayMinutes === 48 * 60));
    assert.deepEqual(ids(trimChain({ id: 'ira', unitId: 'u1' }, DEFAULT_CONTACTS, settings, noFallback, roster, now)), ['ola', 'wes']);
  });

  it('named practitioners from the contacts file win over the role', () => {
    const contacts: ContactRule[] = [{ kind: 'trimPractitioner', personIds: ['ola'] }];
    assert.deepEqual(ids(trimChain(alex, contacts, { ...settings, practitioners: [] }, noFallback, roster, now)), ['ola']);
  });

  it('with no practitioner or welfare lead present: the department head, then the fallback responders; never empty', () => {
    const contacts: ContactRule[] = [{ kind: 'departmentHead' }];
    const chain = trimChain(alex, contacts, { ...settings, practitioners: [] }, { fallbackResponders: ['dana'] }, roster, now);
    assert.deepEqual(ids(chain), ['dana']);
    assert.equal(chain[0]!.trimRole, 'departmentHead');
    const bare = trimChain(alex, [], { ...settings, practitioners: [] }, { fallbackResponders: [] }, roster, now);
    assert.deepEqual(ids(bare), ['dana'], 'no fallbacks configured: the department heads are');
  });
});

describe('trim: how a follow-up moves', () => {
  it('asked first; only the officer answers; "not now" closes it with nobody told', () => {
    const f = newTrimFollowUp({ id: 'trim-x', personId: 'alex', unitId: 'u1', origin: 'request72h', now });
    assert.equal(trimStatus(f), 'toAsk');
    assert.equal(answerTrim(f, 'sam', 'yes', now).ok, false);
    const no = answerTrim(f, 'alex', 'notNow', now);
    assert.ok(no.ok && no.changed);
    assert.equal(trimStatus(no.followUp), 'declined');
    assert.equal(isTrimOpen(no.followUp), false);
    const again = answerTrim(no.followUp, 'alex', 'yes', now);
    assert.ok(!again.ok && again.rejection.code === 'notAllowedNow', 'an answer given stands');
    assert.ok(answerTrim(no.followUp, 'alex', 'notNow', now).ok, 'the same answer twice changes nothing');
  });

  it('asking for one yourself is the yes', () => {
    const f = newTrimFollowUp({ id: 'trim-y', personId: 'alex', unitId: 'u1', origin: 'notableCaseSelf', startedBy: 'alex', now });
    assert.equal(trimStatus(f), 'wanted');
  });

  it('a practitioner takes it and records it held on a date, not in the future nor before it was wanted; nothing else is stored', () => {
    const chain = trimChain(alex, DEFAULT_CONTACTS, settings, noFallback, roster, now);
    const f = wanted();
    assert.equal(acknowledgeTrim(f, 'sam', chain, now).ok, false, 'not the supervisor');
    assert.equal(acknowledgeTrim(f, 'wes', chain, now).ok, false, 'not the welfare lead before he is told');
    const taken = acknowledgeTrim(f, 'ira', chain, now);
    assert.ok(taken.ok && taken.followUp.acknowledged?.by === 'ira');
    for (const bad of ['2026-12-08', '2026-12-06', 'yesterday', undefined]) {
      const r = recordTrim(taken.followUp, 'ira', chain, 'held', bad, '2026-12-07', now);
      assert.ok(!r.ok && r.rejection.code === 'invalid', String(bad));
    }
    const held = recordTrim(taken.followUp, 'ira', chain, 'held', '2026-12-07', '2026-12-07', now);
    assert.ok(held.ok);
    assert.equal(trimStatus(held.followUp), 'held');
    assert.ok(held.followUp.closedAt);
    assert.deepEqual(Object.keys(held.followUp.outcome!).sort(), ['at', 'by', 'heldOn', 'value']);
    const late = recordTrim(held.followUp, 'ira', chain, 'notArranged', undefined, '2026-12-07', now);
    assert.ok(!late.ok && late.rejection.code === 'notAllowedNow');
  });

  it('an unanswered question lapses after answerDays; an answered one never does', () => {
    const f = {
      ...newTrimFollowUp({ id: 'trim-x', personId: 'alex', unitId: 'u1', origin: 'request72h', now }),
      asked: { at: now.toISOString(), outboxId: 'o' },
    };
    assert.equal(lapseIfUnanswered(f, settings, new Date(now.getTime() + 13 * 86_400_000)), undefined);
    const lapsed = lapseIfUnanswered(f, settings, new Date(now.getTime() + 14 * 86_400_000));
    assert.equal(lapsed && trimStatus(lapsed), 'lapsed');
    assert.equal(lapseIfUnanswered(wanted(), settings, new Date(now.getTime() + 60 * 86_400_000)), undefined);
  });
});

describe('trim: access (policy.ts)', () => {
  const chain = trimChain(alex, DEFAULT_CONTACTS, settings, noFallback, roster, now);

  it('a practitioner sees and acts only after a yes; the welfare lead only once told; never the officer or the supervisor', () => {
    const asked = newTrimFollowUp({ id: 'trim-x', personId: 'alex', unitId: 'u1', origin: 'request72h', now });
    assert.equal(maySeeTrimRequest('ira', asked, chain), false, 'before the answer, nobody');
    const f = wanted();
    assert.equal(maySeeTrimRequest('ira', f, chain), true);
    assert.equal(maySeeTrimRequest('wes', f, chain), false);
    const told = { ...f, notices: [{ personId: 'wes', at: now.toISOString(), level: 2, loop: 0 }] };
    assert.equal(mayActOnTrim('wes', told, chain), true);
    for (const who of ['alex', 'sam', 'dana', 'tom']) assert.equal(maySeeTrimRequest(who, told, chain), false, who);
    const declined = answerTrim(asked, 'alex', 'notNow', now);
    assert.ok(declined.ok);
    assert.equal(maySeeTrimRequest('ira', declined.followUp, chain), false, '"not now" is shown to nobody');
  });

  it('the supervisor offers to their own officers only, and sees that they offered, not the answer', () => {
    assert.equal(mayOfferTrim('sam', 'alex', roster, now), true);
    assert.equal(mayOfferTrim('sam', 'tom', roster, now), false, 'not a report of his');
    assert.equal(mayOfferTrim('dana', 'alex', roster, now), false, 'not the department head');
    assert.equal(mayOfferTrim('alex', 'alex', roster, now), false);
    assert.equal(mayOfferTrim('dana', 'sam', roster, now), true, 'a department head to a supervisor she manages');
    assert.equal(mayOfferTrim('dana', 'tom', roster, now), false, 'not to a trainer: who may not ask for one themselves');
    const offered = newTrimFollowUp({
      id: 'trim-c',
      personId: 'alex',
      unitId: 'u1',
      origin: 'notableCaseSupervisor',
      startedBy: 'sam',
      now,
    });
    assert.equal(maySeeOffer('sam', offered), true);
    assert.equal(maySeeOffer('sam', wanted()), false, 'a follow-up from a request is never the supervisor’s');
    assert.equal(maySeeTrimRequest('sam', { ...offered, answer: { value: 'yes', at: now.toISOString() } }, chain), false);
  });

  it('officers and supervisors ask for one themselves; others are pointed elsewhere', () => {
    assert.equal(mayRequestTrim(p('a', ['officer'])), true);
    assert.equal(mayRequestTrim(p('s', ['supervisor'])), true);
    assert.equal(mayRequestTrim(p('t', ['trainer'])), false);
    assert.equal(mayRequestTrim(undefined), false);
  });
});
