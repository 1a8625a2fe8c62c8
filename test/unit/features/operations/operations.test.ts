// The admin card's pure rules (who may operate, who cannot be reached and why, dead letters, ages) and the
// retention policy's reading (every problem at once, cutoffs by the calendar).
import assert from 'node:assert/strict';
import { mayOperate } from '../../../../src/features/operations/policy.ts';
import { ageText, deliveryFacts, failureText, isDeadLetter, unreachablePeople } from '../../../../src/features/operations/rules.ts';
import { parseRetentionPolicy, retentionCutoff, RETENTION_KINDS } from '../../../../src/kernel/retention.ts';
import type { OutboxMessage } from '../../../../src/kernel/ports.ts';
import type { Person } from '../../../../src/kernel/types.ts';

const person = (id: string, extra: Partial<Person> = {}): Person => ({
  id,
  name: id,
  teamsUserId: `29:${id}`,
  aadObjectId: `aad-${id}`,
  roles: ['officer'],
  unitId: 'u',
  workingPattern: { days: ['mon'], startMinute: 0, endMinute: 60 },
  viewingStatus: 'viewing',
  ...extra,
});
const msg = (extra: Partial<OutboxMessage>): OutboxMessage => ({
  id: 'm',
  lane: 'bulk',
  target: { kind: 'person', personId: 'a' },
  operation: 'send',
  activity: {},
  purpose: 'digest',
  createdAt: '2026-12-01T00:00:00.000Z',
  status: 'pending',
  attempts: 0,
  nextAttemptAt: '2026-12-01T00:00:00.000Z',
  ...extra,
});

describe('operations rules', () => {
  it('only an admin still on the roster may operate', () => {
    assert.equal(mayOperate(person('a', { roles: ['admin'] })), true);
    assert.equal(mayOperate(person('a', { roles: ['admin'], leftOn: '2026-01-01' })), false);
    for (const role of ['departmentHead', 'hr', 'supervisor', 'welfareLead'] as const)
      assert.equal(mayOperate(person('a', { roles: [role] })), false);
    assert.equal(mayOperate(undefined), false);
  });

  it('who cannot be reached: left first, then not installed, then blocked (403 only)', () => {
    const people = [person('left', { leftOn: '2026-11-30' }), person('none'), person('blocked'), person('fine'), person('failed')];
    const refs = new Set(['left', 'blocked', 'fine', 'failed']);
    const rows = [
      msg({
        target: { kind: 'person', personId: 'blocked' },
        lastError: '403 ConversationBlockedByUser',
        nextAttemptAt: '2026-12-02T00:00:00.000Z',
      }),
      msg({ target: { kind: 'person', personId: 'failed' }, lastError: 'no conversation reference' }),
    ];
    assert.deepEqual(unreachablePeople(people, refs, rows), [
      { personId: 'left', reason: 'left', since: '2026-11-30' },
      { personId: 'none', reason: 'notInstalled' },
      { personId: 'blocked', reason: 'blocked', since: '2026-12-02T00:00:00.000Z' },
    ]);
  });

  it('a dropped update is not a dead letter; backlog counts both lanes even when empty', () => {
    assert.equal(isDeadLetter({ status: 'failed', lastError: '400 BadArgument' }), true);
    assert.equal(isDeadLetter({ status: 'failed', lastError: 'the message to update was never delivered; nothing to update' }), false);
    assert.equal(isDeadLetter({ status: 'unreachable', lastError: '403 Forbidden' }), false);
    const f = deliveryFacts({
      waiting: [msg({ lane: 'alert', createdAt: '2026-12-01T10:00:00.000Z' }), msg({ createdAt: '2026-12-01T09:00:00.000Z' })],
      failed: [],
      unreachableRows: [],
      roster: { units: [], people: [], absences: [] },
      refs: [],
    });
    assert.deepEqual(f.backlog, [
      { lane: 'alert', count: 1 },
      { lane: 'bulk', count: 1 },
    ]);
    assert.equal(f.oldestWaitingSince, '2026-12-01T09:00:00.000Z');
  });

  it('ages and failure words', () => {
    const now = new Date('2026-12-07T12:00:00.000Z');
    assert.equal(ageText('2026-12-07T11:15:00.000Z', now), '45 min');
    assert.equal(ageText('2026-12-07T08:40:00.000Z', now), '3 h 20 min');
    assert.equal(ageText('2026-12-05T08:00:00.000Z', now), '2 days 4 h');
    assert.equal(failureText('gave up after 6 attempts (last 502)', 6), 'Teams kept failing (502) after 6 attempts');
    assert.equal(failureText('gave up after 6 attempts (last network error)', 6), 'no answer from Teams after 6 attempts');
    assert.equal(failureText('400 BadArgument', 1), 'Teams refused it (400)');
  });
});

describe('retention policy', () => {
  const all = (rule: object) => JSON.stringify(Object.fromEntries(RETENTION_KINDS.map((k) => [k, rule])));
  const supported = new Map([
    ['declarations', ['delete']],
    ['audit', ['delete', 'pseudonymise']],
  ] as const);

  it('accepts a rule for every kind; kinds nothing enforces may say either action', () => {
    const r = parseRetentionPolicy(
      all({ afterMonths: 12, action: 'pseudonymise', $comment: 'x' }),
      new Map([['audit', ['delete', 'pseudonymise']]]),
    );
    assert.ok(r.ok);
    assert.deepEqual(r.policy.audit, { afterMonths: 12, action: 'pseudonymise' });
  });

  it('lists every problem at once', () => {
    const r = parseRetentionPolicy(all({ afterDays: 'ten', action: 'pseudonymise' }), supported);
    assert.ok(!r.ok);
    assert.equal(r.problems.filter((p) => p.endsWith('afterDays must be a whole number of days')).length, RETENTION_KINDS.length);
    assert.ok(r.problems.includes('declarations: Haven can only delete these records, not pseudonymise them'));
    assert.deepEqual(parseRetentionPolicy('{', supported), { ok: false, problems: ['the file is not valid JSON'] });
    assert.deepEqual(parseRetentionPolicy('[]', supported), { ok: false, problems: ['the file must hold one object, kind → rule'] });
  });

  it('cutoffs go back by calendar months and days', () => {
    const now = new Date('2026-03-31T09:00:00.000Z');
    assert.equal(retentionCutoff(now, { afterMonths: 72, action: 'delete' }).toISOString(), '2020-03-31T09:00:00.000Z');
    assert.equal(retentionCutoff(now, { afterDays: 30, action: 'delete' }).toISOString(), '2026-03-01T09:00:00.000Z');
  });
});
