// Issue 12: any mix of answers within the stated limits is stored, in the worst case: every field at
// its limit in a script of three bytes a character (what a person writing Chinese meets), plus every
// reviewer's note at its limit. Table properties hold 32,768 characters; storage spreads a long
// encrypted value over several properties, and rows written before that still read.
import assert from 'node:assert/strict';
import { TableJourneyRepository } from '../../../src/storage/journey-repository.ts';
import { TableSuitabilityRepository } from '../../../src/storage/suitability-repository.ts';
import { TableDeclarationRepository } from '../../../src/storage/declaration-repository.ts';
import { DocumentTable, TABLES, toKey } from '../../../src/storage/table-store.ts';
import { newJourney, ANSWER_MAX, QUESTIONS, type QuestionnaireAnswers } from '../../../src/features/journeys/rules.ts';
import { SUITABILITY_MAX_CHARS, SUITABILITY_QUESTIONS, suitabilityId } from '../../../src/features/suitability/rules.ts';
import { TooLargeToStore } from '../../../src/kernel/ports.ts';
import { fitsOneEntity } from '../../../src/kernel/text.ts';
import { startTestStore, type TestStore } from '../../support/azurite.ts';
import { aDeclaration, uid } from './fixtures.ts';

/** Deep equality without printing megabytes of text when it fails. */
function sameAs(actual: unknown, expected: unknown, what: string): void {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, x]) => [k, sorted(x)]),
          )
        : v;
  const a = JSON.stringify(sorted(actual));
  const e = JSON.stringify(sorted(expected));
  if (a === e) return;
  let i = 0;
  while (a[i] === e[i]) i++;
  assert.fail(
    `${what} differs at ${i} (lengths ${a?.length} and ${e?.length}): …${a?.slice(Math.max(0, i - 60), i + 40)}… instead of …${e?.slice(Math.max(0, i - 60), i + 40)}…`,
  );
}

/** Text of exactly `n` UTF-16 characters, three bytes each in UTF-8, with a tag so fields differ. */
function cjk(n: number, tag: string): string {
  return (tag + '我們看見了'.repeat(Math.ceil(n / 5))).slice(0, n);
}

describe('storage: long text at its limits (issue 12)', function () {
  this.timeout(60_000);
  let t: TestStore;
  before(async () => {
    t = await startTestStore();
  });
  after(async () => t?.close());

  it('a pre-deployment journey with every answer, draft, note, rationale and reason at its limit is stored and read back', async () => {
    const repo = new TableJourneyRepository(t.store);
    const at = '2026-11-23T09:00:00.000Z';
    const answers = Object.fromEntries(QUESTIONS.map((q) => [q.key, cjk(ANSWER_MAX, q.key)])) as Record<string, string>;
    const j = {
      ...newJourney(
        {
          id: `jrn-${'a'.repeat(12)}${uid('')
            .slice(-12)
            .replace(/[^0-9a-f]/g, '0')}`,
          candidateId: 'casey.lin',
          unitId: 'unit-1',
          trainerId: 'sam.okafor',
          openedBy: 'dana.hughes',
          plannedStartDate: '2027-01-04',
        },
        new Date(at),
      ),
      state: 'headReview' as const,
      exposure: { at, place: cjk(ANSWER_MAX, 'place'), scheduledBy: 'sam.okafor', scheduledAt: at },
      questionnaire: {
        sentAt: at,
        draft: { ...answers },
        answers: { ...answers, willingness: 'yes' } as QuestionnaireAnswers,
        submittedAt: at,
      },
      trainerReview: { by: 'sam.okafor', at, outcome: 'concerns' as const, note: cjk(ANSWER_MAX, 'trainer') },
      headReview: { requestedAt: at, dueBy: at, by: 'dana.hughes', at, outcome: 'doNotProceed' as const, note: cjk(ANSWER_MAX, 'head') },
      withdrawal: { at, fromState: 'headReview' as const, rationale: cjk(ANSWER_MAX, 'why') },
      cancellation: { at, by: 'dana.hughes', fromState: 'headReview' as const, reason: cjk(ANSWER_MAX, 'reason') },
    };
    const v = await repo.create(j);
    sameAs((await repo.get(j.id))?.value, j, 'journey');
    const again = { ...j, trainerReview: { ...j.trainerReview, note: cjk(ANSWER_MAX, 'edited') } };
    await repo.save(again, v);
    sameAs((await repo.get(j.id))?.value, again, 'saved journey');
    assert.ok(fitsOneEntity(Array(14).fill(ANSWER_MAX)), 'the stated limits fit the 1 MiB entity bound');
  });

  it('a suitability questionnaire with four answers at the limit and the reviewer note at the limit is stored', async () => {
    const repo = new TableSuitabilityRepository(t.store);
    const at = '2026-11-23T09:00:00.000Z';
    const q = {
      id: suitabilityId('alex.moreno', '2026-11-23'),
      personId: 'alex.moreno',
      unitId: 'unit-1',
      dueDate: '2026-11-23',
      status: 'reviewed' as const,
      answers: { ...Object.fromEntries(SUITABILITY_QUESTIONS.map((x) => [x.id, cjk(SUITABILITY_MAX_CHARS, x.id)])), continue: 'yes' },
      createdAt: at,
      updatedAt: at,
      submittedAt: at,
      sharedWith: ['sam.okafor'],
      review: { outcome: 'followUp', by: 'sam.okafor', at, doneOn: '2026-11-23' },
      reviewNote: cjk(SUITABILITY_MAX_CHARS, 'note'),
    } as never;
    assert.equal(await repo.add(q), 'created');
    sameAs((await repo.get((q as { id: string }).id))?.value, q, 'questionnaire');
  });

  it('a declaration with a long note and risk-assessment notes is stored', async () => {
    const repo = new TableDeclarationRepository(t.store);
    const d = aDeclaration({
      note: cjk(2000, 'note'),
      riskAssessment: { by: 'sam.okafor', at: '2026-11-23T10:00:00.000Z', adjustments: ['offViewing'], notes: cjk(4000, 'ra') },
    });
    await repo.create(d);
    sameAs((await repo.get(d.id))?.value, d, 'declaration');
  });

  it('rows written before values were split still read, and a row over 1 MiB is refused before it is sent', async () => {
    interface Doc {
      id: string;
      note: string;
    }
    const name = 'havenLongTextTest';
    await t.store.client(name).createTable();
    const docs = new DocumentTable<Doc>(t.store, name, (d) => ({ partitionKey: d.id, rowKey: 'doc' }), { secretFields: ['note'] });
    const id = uid('doc');
    // Written the old way: one property per field.
    const note = cjk(3000, 'old');
    await t.store.client(name).createEntity({
      partitionKey: toKey(id),
      rowKey: 'doc',
      doc: JSON.stringify({ id }),
      secret_note: t.store.cipher.encrypt(JSON.stringify(note), {
        table: t.store.tableName(name),
        partitionKey: toKey(id),
        rowKey: 'doc',
        field: 'note',
      }),
    });
    sameAs((await docs.get(id, 'doc'))?.value, { id, note }, 'old row');
    assert.throws(() => docs.toEntity({ id: uid('doc'), note: cjk(400_000, 'huge') }), TooLargeToStore);
    assert.ok(TABLES.journeys);
  });
});
