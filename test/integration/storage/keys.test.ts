import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ConversationRef } from '../../../src/kernel/types.ts';
import { TableConversationRefRepository } from '../../../src/storage/conversation-ref-repository.ts';
import { fromKey, toKey } from '../../../src/storage/table-store.ts';
import { startTestStore, type TestStore } from '../../support/azurite.ts';

// Every UTF-16 code unit, lone surrogates included: keys are JS strings before they are anything else.
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
// Weighted towards the characters that matter, so the property meets them often.
const awkward = fc.constantFrom(
  '/',
  '\\',
  '#',
  '?',
  '%',
  '%2',
  '%25',
  '%2f',
  '%2F',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u009f',
  '\t',
  '\n',
  "'",
  ':',
  ';',
  '@',
  '\u00a0',
  '😀',
);
const anyKeyText = fc
  .array(fc.oneof(anyCodeUnit, awkward, fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 40 })
  .map((parts) => parts.join(''));
const FORBIDDEN = /[/\\#?\u0000-\u001f\u007f-\u009f]/;

describe('storage: table keys', () => {
  it('fromKey(toKey(s)) === s for any string', () => {
    fc.assert(
      fc.property(anyKeyText, (s) => fromKey(toKey(s)) === s),
      { numRuns: 2_000 },
    );
  });

  it('toKey never answers / \\ # ? or a control character', () => {
    fc.assert(
      fc.property(anyKeyText, (s) => !FORBIDDEN.test(toKey(s))),
      { numRuns: 2_000 },
    );
  });

  it('toKey is one-to-one (different texts never share a key)', () => {
    fc.assert(
      fc.property(anyKeyText, anyKeyText, (a, b) => a === b || toKey(a) !== toKey(b)),
      { numRuns: 2_000 },
    );
  });

  it('leaves ordinary ids readable', () => {
    assert.equal(toKey('person:alex.moreno'), 'person:alex.moreno');
    assert.equal(toKey('channel:19:abc@thread.tacv2;messageid=1'), 'channel:19:abc@thread.tacv2;messageid=1');
    assert.equal(toKey('a/b\\c#d?e%f\u0001'), 'a%2fb%5cc%23d%3fe%25f%01');
  });

  describe('through a repository on real Azurite', () => {
    let t: TestStore;
    let repo: TableConversationRefRepository;
    before(async () => {
      t = await startTestStore();
      repo = new TableConversationRefRepository(t.store);
    });
    after(async () => t?.close());

    it('any well-formed person id round-trips as a row key and reads back only under that id', async () => {
      const ids = fc
        .array(fc.oneof(awkward, fc.string({ unit: 'binary', maxLength: 4 })), { minLength: 1, maxLength: 20 })
        .map((p) => p.join(''));
      const seen = new Set<string>();
      await fc.assert(
        fc.asyncProperty(ids, async (personId) => {
          fc.pre(!seen.has(personId));
          seen.add(personId);
          const ref: ConversationRef = {
            target: { kind: 'person', personId },
            conversationId: `a:${seen.size}`,
            serviceUrl: 'https://smba.trafficmanager.net/emea/',
            tenantId: 't',
            botId: '28:b',
            capturedAt: '2026-11-23T09:00:00.000Z',
          };
          await repo.put(ref, undefined);
          const got = await repo.get(ref.target);
          assert.deepEqual(got?.value, ref);
        }),
        { numRuns: 150 },
      );
      const listed = await repo.list();
      assert.equal(listed.length, seen.size);
      assert.deepEqual(new Set(listed.map((r) => (r.value.target as { personId: string }).personId)), seen);
    });
  });
});
