// An operator who runs the subject command against production storage without the production data
// key (or with a development key) must not corrupt anything: the export cannot decrypt and the
// erasure fails before its first write, because both read (and decrypt) every request and message
// first.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { developmentConnectionString } from '../../../src/storage/embedded-azurite.ts';
import { FieldCipher } from '../../../src/storage/field-cipher.ts';
import { TableStore, TABLES } from '../../../src/storage/table-store.ts';
import { TablePeopleRepository } from '../../../src/storage/people-repository.ts';
import { TableAbsenceRepository, TableUnitRepository } from '../../../src/storage/unit-repository.ts';
import { TableConversationRefRepository } from '../../../src/storage/conversation-ref-repository.ts';
import { TableOutboxRepository } from '../../../src/storage/outbox-repository.ts';
import { TableAuditLog } from '../../../src/storage/audit-log.ts';
import { TableDeclarationRepository } from '../../../src/storage/declaration-repository.ts';
import { runSubjectCommand, type SubjectCommandDeps } from '../../../src/cli/subject.ts';
import { DEMO } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { PEOPLE, act, setUpUnit } from '../../support/haven-steps.ts';
import { raise } from '../../support/declaration-steps.ts';
import { rawSnapshot } from './helpers.ts';

describe('subject requests: the wrong data key', () => {
  let t: TestHaven;
  let wrong: SubjectCommandDeps;

  before(async () => {
    t = await startTestHaven();
    await setUpUnit(t, [DEMO.alex!, DEMO.bea!, DEMO.sam!, DEMO.dana!]);
    const r = await raise(t, DEMO.bea!, { kind: 'talk', note: 'only with the right key', share: 'supervisor' });
    await t.tick();
    await act(t, DEMO.bea!, 'declaration.withdraw', { declarationId: r.id });
    await t.tick();
    // The same tables, opened with another key (what a missing HAVEN_DATA_KEY gives in local mode).
    const port = Number(new URL(t.haven.store.client(TABLES.people).url).port);
    const store = new TableStore({ connectionString: developmentConnectionString(port) }, new FieldCipher(randomBytes(32)));
    wrong = {
      ...t.haven.deps,
      people: new TablePeopleRepository(store),
      units: new TableUnitRepository(store),
      absences: new TableAbsenceRepository(store),
      conversations: new TableConversationRefRepository(store),
      declarations: new TableDeclarationRepository(store),
      audit: new TableAuditLog(store),
      outbox: new TableOutboxRepository(store),
    };
  });
  after(async () => t?.close());

  it('export and erase fail with an error and write nothing', async () => {
    const before = await rawSnapshot(t);
    const open = async () => ({ deps: wrong, close: async () => undefined });
    for (const args of [
      ['export', PEOPLE.bea],
      ['erase', PEOPLE.bea, '--confirm'],
      ['erase', PEOPLE.alex, '--confirm'],
    ]) {
      const errors: string[] = [];
      const out: string[] = [];
      assert.equal(
        await runSubjectCommand(
          args,
          (s) => out.push(s),
          (s) => errors.push(s),
          open,
        ),
        1,
        args.join(' '),
      );
      assert.match(
        errors.join('\n'),
        /Cannot decrypt Haven's data: HAVEN_DATA_KEY does not match the data already stored \(it was encrypted with another key\) .* Nothing was changed\./,
      );
      assert.deepEqual(out, [], 'nothing was exported');
    }
    assert.deepEqual(await rawSnapshot(t), before, 'not one row was written');
  });
});
