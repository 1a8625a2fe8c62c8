import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CONVERSATION_WINDOWS,
  PERMANENT,
  RETRYABLE,
  SlidingWindowLimiter,
  TENANT_WINDOWS,
  backoffMs,
  classifyAttempt,
  type DeliveryAttempt,
} from '../../../src/delivery/delivery-policy.ts';

const NOW = 1_700_000_000_000;
const BASE = 1000;
const CAP = 5 * 60_000;
const ceilingFor = (attempt: number) => Math.min(CAP, BASE * 2 ** Math.max(0, attempt - 1));

describe('domain/delivery-policy', () => {
  describe('classifyAttempt', () => {
    const cases: Array<{ attempt: DeliveryAttempt; kind: 'delivered' | 'retry' | 'unreachable' | 'failed'; reason?: RegExp }> = [
      { attempt: { status: 200, activityId: 'act-1' }, kind: 'delivered' },
      { attempt: { status: 201, activityId: 'act-1' }, kind: 'delivered' },
      { attempt: { status: 204 }, kind: 'delivered' },
      { attempt: { status: 403 }, kind: 'unreachable', reason: /^403 Forbidden$/ },
      { attempt: { status: 403, code: 'ConversationBlockedByUser' }, kind: 'unreachable', reason: /^403 ConversationBlockedByUser$/ },
      { attempt: { status: 400, code: 'BadArgument' }, kind: 'failed', reason: /^400 BadArgument$/ },
      { attempt: { status: 401 }, kind: 'failed', reason: /^401$/ },
      { attempt: { status: 404, code: 'ConversationNotFound' }, kind: 'failed', reason: /^404 ConversationNotFound$/ },
      { attempt: { status: 413, code: 'MessageSizeTooBig' }, kind: 'failed', reason: /^413 MessageSizeTooBig$/ },
      { attempt: { status: 409 }, kind: 'failed', reason: /^409$/ },
      { attempt: { status: 422 }, kind: 'failed', reason: /^422$/ },
      { attempt: { status: 302 }, kind: 'failed', reason: /^302$/ },
      { attempt: { status: 412 }, kind: 'retry', reason: /^412$/ },
      { attempt: { status: 429 }, kind: 'retry', reason: /^429$/ },
      { attempt: { status: 429, retryAfterMs: 2000 }, kind: 'retry', reason: /^429$/ },
      { attempt: { status: 500 }, kind: 'retry', reason: /^500$/ },
      { attempt: { status: 502 }, kind: 'retry', reason: /^502$/ },
      { attempt: { status: 503 }, kind: 'retry', reason: /^503$/ },
      { attempt: { status: 504 }, kind: 'retry', reason: /^504$/ },
      { attempt: { status: 0 }, kind: 'retry', reason: /^network error$/ },
    ];
    for (const c of cases) {
      it(`${JSON.stringify(c.attempt)} → ${c.kind}`, () => {
        // Even on the last attempt: only a retryable outcome turns into "gave up".
        for (const attemptNumber of c.kind === 'retry' ? [1, 3] : [1, 3, 8]) {
          const out = classifyAttempt(c.attempt, attemptNumber, 8, NOW, 0.5);
          assert.equal(out.kind, c.kind);
          if (out.kind === 'delivered') assert.equal(out.activityId, c.attempt.activityId ?? '');
          else assert.match(out.reason, c.reason!);
          if (out.kind === 'retry') assert.ok(out.atMs > NOW, 'a retry is in the future');
        }
      });
    }

    it('sets agree with the table: 403 is neither permanent nor retryable', () => {
      assert.deepEqual([...PERMANENT].sort(), [400, 401, 404, 413]);
      assert.deepEqual(
        [...RETRYABLE].sort((a, b) => a - b),
        [0, 412, 429, 500, 502, 503, 504],
      );
    });

    it('retries stop at maxAttempts', () => {
      for (const status of RETRYABLE) {
        for (const max of [1, 2, 5, 8]) {
          for (let n = 1; n <= max + 1; n++) {
            const out = classifyAttempt({ status, retryAfterMs: 10 }, n, max, NOW, 0.3);
            if (n < max) assert.equal(out.kind, 'retry', `status ${status}, attempt ${n} of ${max}`);
            else {
              assert.equal(out.kind, 'failed', `status ${status}, attempt ${n} of ${max}`);
              assert.match(
                out.kind === 'failed' ? out.reason : '',
                new RegExp(`^gave up after ${n} attempts \\(last ${status || 'network error'}\\)$`),
              );
            }
          }
        }
      }
    });

    it('a retry without Retry-After waits the jittered back-off (property)', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...RETRYABLE),
          fc.integer({ min: 1, max: 40 }),
          fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
          (status, attempt, random) => {
            const out = classifyAttempt({ status }, attempt, 50, NOW, random);
            assert.equal(out.kind, 'retry');
            const wait = out.kind === 'retry' ? out.atMs - NOW : -1;
            assert.equal(wait, backoffMs(attempt, random));
          },
        ),
      );
    });

    it('never retries earlier than Retry-After (property)', () => {
      // ARCHITECTURE.md: honour Retry-After on 429/412/502/503/504, not only on 429.
      fc.assert(
        fc.property(
          fc.constantFrom(429, 412, 502, 503, 504),
          fc.integer({ min: 0, max: 24 * 3_600_000 }),
          fc.integer({ min: 1, max: 40 }),
          fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
          (status, retryAfterMs, attempt, random) => {
            const out = classifyAttempt({ status, retryAfterMs }, attempt, 50, NOW, random);
            assert.equal(out.kind, 'retry');
            assert.ok(out.kind === 'retry' && out.atMs >= NOW + retryAfterMs, `${status} retried before Retry-After`);
            assert.ok(out.kind === 'retry' && out.atMs >= NOW + 1, 'not in the past');
          },
        ),
      );
    });

    it('429 with Retry-After 2 s on the first attempt: at least 2 s', () => {
      const out = classifyAttempt({ status: 429, retryAfterMs: 2000 }, 1, 8, NOW, 0);
      assert.deepEqual(out, { kind: 'retry', atMs: NOW + 2000, reason: '429' });
    });
  });

  describe('backoffMs', () => {
    const cases: Array<{ attempt: number; random: number; expected: number }> = [
      { attempt: 1, random: 0, expected: 500 }, // floor of half the base
      { attempt: 1, random: 0.75, expected: 750 },
      { attempt: 2, random: 0.75, expected: 1500 },
      { attempt: 3, random: 0.5, expected: 2000 },
      { attempt: 9, random: 0.5, expected: 128_000 },
      { attempt: 10, random: 0.5, expected: 150_000 }, // capped at 5 minutes
      { attempt: 1000, random: 0.999, expected: 299_700 },
    ];
    for (const c of cases) {
      it(`attempt ${c.attempt}, random ${c.random} → ${c.expected} ms`, () => assert.equal(backoffMs(c.attempt, c.random), c.expected));
    }

    it('stays within [base/2, min(cap, base·2^(n-1))] and is a whole number (property)', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 2000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, random) => {
          const b = backoffMs(attempt, random);
          assert.ok(Number.isInteger(b));
          assert.ok(b >= BASE / 2, `${b} < base/2`);
          assert.ok(b <= ceilingFor(attempt), `${b} > ceiling ${ceilingFor(attempt)}`);
          assert.ok(b <= CAP);
        }),
      );
    });

    it('the ceiling grows with each attempt until the cap (property)', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 100 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, random) => {
          assert.ok(backoffMs(attempt + 1, random) >= backoffMs(attempt, random));
        }),
      );
      const top = (n: number) => backoffMs(n, 0.999999);
      assert.ok(top(2) > top(1) && top(3) > top(2) && top(8) > top(7));
      assert.equal(top(20), Math.floor(0.999999 * CAP));
    });

    it('is jittered: the same attempt spreads over its range', () => {
      const values = new Set(Array.from({ length: 100 }, (_, i) => backoffMs(6, i / 100)));
      assert.ok(values.size > 50);
      assert.ok(Math.min(...values) <= ceilingFor(6) / 10 + BASE && Math.max(...values) >= ceilingFor(6) * 0.9);
    });

    it('honours a custom base and cap', () => {
      assert.equal(backoffMs(1, 0, 200, 1000), 100);
      assert.equal(backoffMs(30, 0.5, 200, 1000), 500);
    });
  });

  describe('SlidingWindowLimiter (conversation windows)', () => {
    it('allows 7 sends in the same second, then asks to wait for the oldest to leave the window', () => {
      const l = new SlidingWindowLimiter(CONVERSATION_WINDOWS);
      for (let i = 0; i < 7; i++) assert.equal(l.tryTake('c', i * 100), 0, `send ${i + 1}`);
      assert.equal(l.tryTake('c', 700), 300);
      assert.equal(l.tryTake('c', 999), 1);
      assert.equal(l.tryTake('c', 1000), 0); // 6 in the last second, 7 in the last two
    });

    it('allows 8 per 2 seconds', () => {
      const l = new SlidingWindowLimiter(CONVERSATION_WINDOWS);
      for (let i = 0; i < 7; i++) assert.equal(l.tryTake('c', 0), 0);
      assert.equal(l.tryTake('c', 0), 1000);
      assert.equal(l.tryTake('c', 1000), 0); // the 8th in two seconds
      assert.equal(l.tryTake('c', 1000), 1000); // a 9th must wait until the first seven are 2 s old
      assert.equal(l.tryTake('c', 1500), 500);
      assert.equal(l.tryTake('c', 1999), 1);
      assert.equal(l.tryTake('c', 2000), 0);
    });

    it('the wait it returns is sufficient, and not longer than needed', () => {
      const l = new SlidingWindowLimiter(CONVERSATION_WINDOWS);
      let t = 0;
      let sent = 0;
      while (t < 120_000) {
        const wait = l.tryTake('c', t);
        if (wait === 0) {
          sent++;
          continue;
        }
        assert.ok(l.tryTake('c', t + wait - 1) > 0, `still blocked 1 ms early at ${t + wait - 1}`);
        t += wait;
        assert.equal(l.tryTake('c', t), 0, `allowed after waiting at ${t}`);
        sent++;
      }
      // 60 per 30 s is the binding limit over two minutes.
      assert.ok(sent >= 240 && sent <= 4 * 60 + 60, `sent ${sent}`);
    });

    it('keys are independent', () => {
      const l = new SlidingWindowLimiter(CONVERSATION_WINDOWS);
      for (let i = 0; i < 7; i++) assert.equal(l.tryTake('a', 0), 0);
      assert.ok(l.tryTake('a', 0) > 0);
      for (let i = 0; i < 7; i++) assert.equal(l.tryTake('b', 0), 0);
    });

    it('a refused send is not counted', () => {
      const l = new SlidingWindowLimiter([{ limit: 1, windowMs: 1000 }]);
      assert.equal(l.tryTake('c', 0), 0);
      for (let t = 1; t < 1000; t += 50) assert.equal(l.tryTake('c', t), 1000 - t);
      assert.equal(l.tryTake('c', 1000), 0);
    });

    it('tenant window: 50 per second', () => {
      const l = new SlidingWindowLimiter(TENANT_WINDOWS);
      for (let i = 0; i < 50; i++) assert.equal(l.tryTake('tenant', 10), 0);
      assert.equal(l.tryTake('tenant', 10), 1000);
    });

    it('never lets more than 7 in any 1 s, 8 in any 2 s, 60 in any 30 s, and its waits are exact (property)', () => {
      const step = fc.record({
        gap: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 3000 })),
        obey: fc.boolean(),
      });
      fc.assert(
        fc.property(fc.array(step, { minLength: 1, maxLength: 300 }), (steps) => {
          const l = new SlidingWindowLimiter(CONVERSATION_WINDOWS);
          const allowed: number[] = [];
          let t = 0;
          for (const s of steps) {
            t += s.gap;
            const wait = l.tryTake('c', t);
            if (wait === 0) {
              allowed.push(t);
              continue;
            }
            assert.ok(wait > 0);
            if (s.obey) {
              // Waiting exactly as long as it said is enough; one ms less is not.
              assert.ok(l.tryTake('c', t + wait - 1) > 0);
              t += wait;
              assert.equal(l.tryTake('c', t), 0);
              allowed.push(t);
            }
          }
          for (const { limit, windowMs } of CONVERSATION_WINDOWS) {
            for (const end of allowed) {
              const inWindow = allowed.filter((x) => x > end - windowMs && x <= end).length;
              assert.ok(inWindow <= limit, `${inWindow} sends in the ${windowMs} ms ending at ${end}`);
            }
          }
        }),
        { numRuns: 300 },
      );
    });
  });
});
