import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { FieldCipher, type FieldLocation } from '../../../src/storage/field-cipher.ts';
import { TableAuditLog } from '../../../src/storage/audit-log.ts';
import { TableDeclarationRepository } from '../../../src/storage/declaration-repository.ts';
import { TableCheckInRepository } from '../../../src/storage/check-in-repository.ts';
import { TableSuitabilityRepository } from '../../../src/storage/suitability-repository.ts';
import { TableStagedExposureRepository } from '../../../src/storage/staged-exposure-repository.ts';
import { TableCareRepository } from '../../../src/storage/care-repository.ts';
import { TableFlagRepository } from '../../../src/storage/flag-repository.ts';
import { TableTrayRepository } from '../../../src/storage/tray-repository.ts';
import { TableDigestRepository } from '../../../src/storage/digest-repository.ts';
import { TableJourneyRepository } from '../../../src/storage/journey-repository.ts';
import { TableConcernRepository } from '../../../src/storage/concern-repository.ts';
import { TableTrimRepository } from '../../../src/storage/trim-repository.ts';
import { TableWorkloadRepository } from '../../../src/storage/workload-repository.ts';
import { TableStepAwayRepository } from '../../../src/storage/step-away-repository.ts';
import { TableRosterSyncRunRepository } from '../../../src/storage/roster-sync-repository.ts';
import { newJourney } from '../../../src/features/journeys/rules.ts';
import { TableConversationRefRepository } from '../../../src/storage/conversation-ref-repository.ts';
import { TableLeaseRepository } from '../../../src/storage/lease-repository.ts';
import { TableOutboxRepository } from '../../../src/storage/outbox-repository.ts';
import { TablePeopleRepository } from '../../../src/storage/people-repository.ts';
import { TableAbsenceRepository, TableUnitRepository } from '../../../src/storage/unit-repository.ts';
import { DocumentTable, TABLES, toKey, type TableStore } from '../../../src/storage/table-store.ts';
import { TableFileOfferRepository } from '../../../src/storage/file-offer-repository.ts';
import { startTestStore, type TestStore } from '../../support/azurite.ts';
import { aDeclaration, aMessage, anAbsence, aPerson, aUnit, uid } from './fixtures.ts';

const here: FieldLocation = { table: 'havenOutbox', partitionKey: 'msg-1', rowKey: 'message', field: 'activity' };

/** Flips one bit of the decoded ciphertext at `index` (negative counts from the end). */
function flipBit(stored: string, index: number): string {
  const raw = Buffer.from(stored.slice('enc:v1:'.length), 'base64');
  const i = index < 0 ? raw.length + index : index;
  raw[i] = raw[i]! ^ 0x01;
  return 'enc:v1:' + raw.toString('base64');
}

describe('storage: field encryption', () => {
  describe('FieldCipher', () => {
    const cipher = new FieldCipher(randomBytes(32));

    it('round-trips text, including empty, unicode and long text', () => {
      for (const text of ['', 'a', 'I keep seeing them — é 😀 \u0000 \n', 'x'.repeat(20_000)]) {
        const stored = cipher.encrypt(text, here);
        assert.match(stored, /^enc:v1:/);
        assert.equal(cipher.decrypt(stored, here), text);
      }
    });

    it('never writes the same ciphertext twice for the same text (random IV) and hides the text', () => {
      const a = cipher.encrypt('same note', here);
      const b = cipher.encrypt('same note', here);
      assert.notEqual(a, b);
      assert.ok(!a.includes('same note') && !Buffer.from(a.slice(7), 'base64').toString('utf8').includes('same note'));
    });

    it('a ciphertext moved to another table, partition, row or field fails to decrypt', () => {
      const stored = cipher.encrypt('note', here);
      for (const moved of [
        { ...here, table: 'havenPeople' },
        { ...here, table: 'otherprefixhavenOutbox' },
        { ...here, partitionKey: 'msg-2' },
        { ...here, rowKey: 'other' },
        { ...here, field: 'note' },
        // The location is framed, so shifting text between parts does not collide.
        { ...here, partitionKey: 'msg-1message', rowKey: '' },
      ]) {
        assert.throws(() => cipher.decrypt(stored, moved), Error, JSON.stringify(moved));
      }
      assert.equal(cipher.decrypt(stored, { ...here }), 'note');
    });

    it('the wrong key fails to decrypt', () => {
      const stored = cipher.encrypt('note', here);
      assert.throws(() => new FieldCipher(randomBytes(32)).decrypt(stored, here));
    });

    it('any tampering (IV, tag, body, truncation, prefix) fails to decrypt', () => {
      const stored = cipher.encrypt('a note long enough to have a body', here);
      for (const index of [0, 11, 12, 27, 28, -1])
        assert.throws(() => cipher.decrypt(flipBit(stored, index), here), Error, `bit flip at ${index}`);
      assert.throws(() => cipher.decrypt(stored.slice(0, -4), here), Error, 'truncated');
      assert.throws(() => cipher.decrypt('enc:v1:', here), Error, 'empty');
      assert.throws(() => cipher.decrypt(stored.replace('enc:v1:', ''), here), /not encrypted/);
      assert.throws(() => cipher.decrypt('plain text', here), /not encrypted/);
    });

    it('refuses a key that is not 32 bytes', () => {
      assert.throws(() => new FieldCipher(randomBytes(16)), /32 bytes/);
      assert.throws(() => new FieldCipher(Buffer.alloc(0)), /32 bytes/);
    });
  });

  describe('at rest in real Azurite', () => {
    let t: TestStore;
    before(async () => {
      t = await startTestStore();
    });
    after(async () => t?.close());

    async function rawSecret(store: TableStore, id: string): Promise<string> {
      const e = await store.client(TABLES.outbox).getEntity<Record<string, unknown>>(toKey(id), 'message');
      return String(e.secret_activity);
    }

    it('a ciphertext copied to another outbox row fails to decrypt on read', async () => {
      const repo = new TableOutboxRepository(t.store);
      const from = aMessage({ activity: { text: 'note for A' } });
      const to = aMessage({ activity: { text: 'note for B' } });
      await repo.add(from);
      await repo.add(to);
      await t.store
        .client(TABLES.outbox)
        .updateEntity({ partitionKey: toKey(to.id), rowKey: 'message', secret_activity: await rawSecret(t.store, from.id) }, 'Merge');
      await assert.rejects(repo.get(to.id));
      assert.deepEqual((await repo.get(from.id))?.value.activity, from.activity);
    });

    it('a ciphertext copied to another table (another prefix, same key and row keys) fails to decrypt', async () => {
      const other = await t.openStore();
      const repo = new TableOutboxRepository(t.store);
      const otherRepo = new TableOutboxRepository(other);
      const m = aMessage({ activity: { text: 'original' } });
      await repo.add(m);
      await otherRepo.add({ ...m, activity: { text: 'decoy' } });
      assert.equal((await otherRepo.get(m.id))?.value.activity.text, 'decoy');
      await other
        .client(TABLES.outbox)
        .updateEntity({ partitionKey: toKey(m.id), rowKey: 'message', secret_activity: await rawSecret(t.store, m.id) }, 'Merge');
      await assert.rejects(otherRepo.get(m.id));
    });

    it('a ciphertext copied to another field of the same row fails to decrypt', async () => {
      interface Doc {
        id: string;
        note: string;
        answer: string;
      }
      const name = 'havenSecretsTest';
      await t.store.client(name).createTable();
      const docs = new DocumentTable<Doc>(t.store, name, (d) => ({ partitionKey: d.id, rowKey: 'doc' }), {
        secretFields: ['note', 'answer'],
      });
      const d: Doc = { id: uid('doc'), note: 'the note', answer: 'the answer' };
      await docs.create(d, 'doc');
      assert.deepEqual((await docs.get(d.id, 'doc'))?.value, d);
      const raw = await t.store.client(name).getEntity<Record<string, unknown>>(toKey(d.id), 'doc');
      await t.store.client(name).updateEntity({ partitionKey: toKey(d.id), rowKey: 'doc', secret_answer: raw.secret_note }, 'Merge');
      await assert.rejects(docs.get(d.id, 'doc'));
    });

    it('a store opened with the wrong key cannot read the encrypted field', async () => {
      const m = aMessage({ activity: { text: 'keyed' } });
      await new TableOutboxRepository(t.store).add(m);
      const wrong = new TableOutboxRepository(await t.openStore({ prefix: t.prefix, key: randomBytes(32) }));
      await assert.rejects(wrong.get(m.id));
      const right = new TableOutboxRepository(await t.openStore({ prefix: t.prefix, key: Buffer.from(t.key) }));
      assert.equal((await right.get(m.id))?.value.activity.text, 'keyed');
    });
  });

  describe('canary scan: free text never reaches any table in plain', () => {
    let t: TestStore;
    before(async () => {
      t = await startTestStore();
    });
    after(async () => t?.close());

    /** Every raw property value of every Haven table, as text, with where it came from. */
    async function rawValues(store: TableStore): Promise<{ table: string; rows: number; values: { where: string; text: string }[] }[]> {
      const out = [];
      for (const table of Object.values(TABLES)) {
        const values: { where: string; text: string }[] = [];
        let rows = 0;
        for await (const e of store.client(table).listEntities<Record<string, unknown>>()) {
          rows++;
          for (const [prop, v] of Object.entries(e)) {
            const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
            values.push({ where: `${table}/${e.partitionKey}/${e.rowKey}/${prop}`, text });
            // Base64 of the text would hide a canary from a substring search: decode and look too.
            if (typeof v === 'string' && /^[A-Za-z0-9+/=:]+$/.test(v) && v.length >= 16)
              values.push({
                where: `${table}/${e.partitionKey}/${e.rowKey}/${prop} (base64)`,
                text: Buffer.from(v.replace(/^enc:v1:/, ''), 'base64').toString('latin1'),
              });
          }
        }
        out.push({ table, rows, values });
      }
      return out;
    }

    it('stores a card quoting a note and finds neither the canary nor the note in any raw value', async () => {
      const canary = `CANARY-${randomUUID()}`;
      const note = `I have not slept properly since the last case and I keep seeing the images ${randomUUID()}`;
      // A control: text that is meant to be plain (a unit name) must be found, or the scan proves nothing.
      const control = `CONTROL-${randomUUID()}`;

      const person = aPerson({ id: 'alex.moreno' });
      await new TablePeopleRepository(t.store).create(person);
      await new TableUnitRepository(t.store).create(aUnit({ name: control }));
      await new TableAbsenceRepository(t.store).create(anAbsence());
      await new TableConversationRefRepository(t.store).put(
        {
          target: { kind: 'person', personId: person.id },
          conversationId: 'a:1',
          serviceUrl: 'https://smba.trafficmanager.net/emea/',
          tenantId: 't',
          botId: '28:b',
          capturedAt: '2026-11-23T09:00:00.000Z',
        },
        undefined,
      );
      await new TableAuditLog(t.store).append({
        at: '2026-11-23T09:00:00.000Z',
        actor: person.id,
        action: 'declaration.raised',
        subject: `person:${person.id}`,
        reason: 'raised',
        outcome: 'ok',
      });
      await new TableLeaseRepository(t.store).tryAcquire('jobs', 'instance-a', new Date('2026-11-23T09:00:00.000Z'), 30_000);
      const declarations = new TableDeclarationRepository(t.store);
      const declaration = aDeclaration({
        personId: person.id,
        note,
        riskAssessment: { by: 'sam.okafor', at: '2026-11-23T10:00:00.000Z', adjustments: ['offViewing'], notes: `Discussed: ${canary}` },
      });
      const dv = await declarations.create(declaration);
      await declarations.save({ ...declaration, status: 'assessed' }, dv);
      assert.equal((await declarations.get(declaration.id))?.value.note, note, 'the application still reads the note back');
      // Ongoing care: a flag holds no answers; a check-in's answers, score and free text are encrypted.
      await new TableFlagRepository(t.store).add({
        id: 'flag-canary',
        personId: person.id,
        unitId: 'unit-2',
        reason: 'lowScore',
        checkInDueAt: '2026-11-20',
        openedAt: '2026-11-20T09:00:00.000Z',
        notices: [],
      });
      await new TableCheckInRepository(t.store).add({
        id: `checkin:${person.id}:2026-11-20`,
        personId: person.id,
        unitId: 'unit-2',
        questionSetId: 'who5',
        dueOn: '2026-11-20',
        closesOn: '2026-12-04',
        onDemand: false,
        status: 'answered',
        sentAt: '2026-11-20T09:00:00.000Z',
        answeredAt: '2026-11-20T10:00:00.000Z',
        answers: { scores: { cheerful: 1 }, conversation: true },
        freeText: `${note} ${canary}`,
        score: { raw: 5, percentage: 20 },
        shared: false,
      });
      // Staged exposure: reflections and private notes are encrypted. Care records, reminders and
      // marks hold dates and ids only (written so the scan covers those tables too).
      await new TableStagedExposureRepository(t.store).create({
        personId: person.id,
        unitId: 'unit-2',
        status: 'paused',
        stage: 'C',
        history: [],
        reflections: [{ stage: 'C', at: '2026-11-20T09:00:00.000Z', text: canary, shared: false }],
        privateNotes: [{ at: '2026-11-20T09:00:00.000Z', text: `${note} ${canary}` }],
      });
      const care = new TableCareRepository(t.store);
      await care.addRecord({
        id: `care-${person.id}-oneToOne-2026-11-20`,
        personId: person.id,
        unitId: 'unit-2',
        item: 'oneToOne',
        doneOn: '2026-11-20',
        recordedBy: 'sam.okafor',
        recordedAt: '2026-11-20T09:00:00.000Z',
      });
      await care.addReminder({
        id: `${person.id}:oneToOne:2026-11-20`,
        personId: person.id,
        unitId: 'unit-2',
        item: 'oneToOne',
        dueDate: '2026-11-20',
        openedAt: '2026-11-13T09:00:00.000Z',
        notices: [],
      });
      await care.addMark('team:sam.okafor:2026-W48', '2026-11-23T09:00:00.000Z');
      // The suitability questionnaire: every answer and the reviewer's note are encrypted.
      await new TableSuitabilityRepository(t.store).add({
        id: `suitability:${person.id}:2026-11-20`,
        personId: person.id,
        unitId: 'unit-2',
        dueDate: '2026-11-20',
        status: 'reviewed',
        answers: { work: `${note} ${canary}`, coping: canary, support: canary, forSupervisor: canary, continueInRole: 'unsure' },
        createdAt: '2026-11-20T09:00:00.000Z',
        updatedAt: '2026-11-21T09:00:00.000Z',
        submittedAt: '2026-11-20T10:00:00.000Z',
        sharedWith: ['sam.okafor'],
        review: { outcome: 'followUp', by: 'sam.okafor', at: '2026-11-21T09:00:00.000Z', doneOn: '2026-11-21' },
        reviewNote: canary,
      });
      const outbox = new TableOutboxRepository(t.store);
      const alert = aMessage({
        id: `declaration.alert:${person.id}:2026-11-23T09:00:00.000Z`,
        lane: 'alert',
        purpose: 'declaration.alert',
        activity: {
          text: 'Haven has an update for you',
          card: {
            type: 'AdaptiveCard',
            version: '1.5',
            body: [
              { type: 'TextBlock', text: 'Haven has an update for you' },
              { type: 'TextBlock', text: `Alex shared: ${note}`, wrap: true },
              { type: 'TextBlock', text: canary, isVisible: false },
            ],
            actions: [{ type: 'Action.Execute', verb: 'alert.acknowledge', data: { quote: canary } }],
          },
        },
      });
      assert.equal(await outbox.add(alert), 'created');
      const read = await outbox.get(alert.id);
      assert.ok(read);
      await outbox.save(
        { ...read.value, status: 'sent', attempts: 1, sentAt: '2026-11-23T09:00:01.000Z', activityId: '1:x' },
        read.version,
      );
      assert.deepEqual((await outbox.get(alert.id))?.value.activity, alert.activity, 'the application still reads it back');

      // A journey: questionnaire answers, a draft, review notes, a withdrawal rationale and a cancellation reason are free text.
      const journeys = new TableJourneyRepository(t.store);
      const journey = newJourney(
        {
          id: 'jrn-000000000000000000000001',
          candidateId: 'gus.novak',
          unitId: 'unit-2',
          trainerId: 'tom.reed',
          openedBy: 'dana.hughes',
          plannedStartDate: '2027-03-01',
        },
        new Date('2026-11-23T09:00:00.000Z'),
      );
      await journeys.create({
        ...journey,
        state: 'cancelled',
        questionnaire: {
          sentAt: '2026-11-24T09:00:00.000Z',
          draft: { feelings: `draft ${canary}` },
          answers: { feelings: note, reservations: canary, relevance: canary, support: canary, willingness: 'notYet' },
        },
        trainerReview: { by: 'tom.reed', at: '2026-11-25T09:00:00.000Z', outcome: 'concerns', note: `review ${canary}` },
        headReview: {
          requestedAt: '2026-11-25T09:00:00.000Z',
          dueBy: '2026-11-30T09:00:00.000Z',
          by: 'dana.hughes',
          at: '2026-11-26T09:00:00.000Z',
          outcome: 'doNotProceed',
          note: `head ${canary}`,
        },
        withdrawal: { at: '2026-11-26T09:00:00.000Z', fromState: 'headReview', rationale: `rationale ${canary}` },
        cancellation: { at: '2026-11-26T09:00:00.000Z', by: 'dana.hughes', fromState: 'headReview', reason: `reason ${canary}` },
      });
      assert.equal(
        (await journeys.get(journey.id))?.value.questionnaire?.answers?.feelings,
        note,
        'the application still reads the answers back',
      );
      await new TableFlagRepository(t.store).add({
        id: 'flag-alex.moreno-lowScore-2026-11-23',
        personId: person.id,
        unitId: 'unit-2',
        reason: 'lowScore',
        checkInDueAt: '2026-11-23T09:00:00.000Z',
        openedAt: '2026-11-23T09:00:00.000Z',
        notices: [],
      });

      // A tray line and the digest that showed it: names and dates only, never a note (the line is
      // written by the feature from the roster; nothing a person typed is put on it).
      const line = {
        key: 'flag:flag-alex.moreno-lowScore-2026-11-23',
        feature: 'check-ins',
        aboutPersonId: person.id,
        line: 'Consider a welfare conversation with Alex Moreno: a low wellbeing score (flagged 23 Nov 2026)',
        since: '2026-11-23T09:00:00.000Z',
        actions: [{ title: 'Acknowledge', verb: 'flag.acknowledge' as const, data: { flagId: 'flag-alex.moreno-lowScore-2026-11-23' } }],
      };
      assert.equal(
        await new TableTrayRepository(t.store).create({
          ...line,
          recipientId: 'sam.okafor',
          postedAt: '2026-11-23T09:00:00.000Z',
          updatedAt: '2026-11-23T09:00:00.000Z',
        }),
        'created',
      );
      const digests = new TableDigestRepository(t.store);
      await digests.add({
        recipientId: 'sam.okafor',
        date: '2026-11-24',
        status: 'sent',
        messageId: 'digest:sam.okafor:2026-11-24',
        weekly: false,
        lines: [line],
        doneKeys: [],
        updates: 0,
        composedAt: '2026-11-24T08:00:00.000Z',
      });
      await digests.putState({ recipientId: 'sam.okafor', lastSentAt: '2026-11-24T08:00:00.000Z', lastShown: [line.key] }, undefined);

      // Issue 14: a concern quoting the note (raiser and notes encrypted), a TRiM follow-up, a week of
      // the workload log, clinical supervision brought forward and a private screen break.
      assert.equal(
        await new TableConcernRepository(t.store).add({
          id: 'concern-alex.moreno-00000000000000000001',
          personId: person.id,
          unitId: person.unitId,
          source: 'colleague',
          route: 'responsible',
          category: 'withdrawn',
          raisedBy: 'bea.clarke',
          note: `${canary} ${note}`,
          openedAt: '2026-11-23T09:00:00.000Z',
          notices: [],
          outcome: { kind: 'held', by: 'sam.okafor', at: '2026-11-24T09:00:00.000Z' },
          outcomeNote: `${canary} ${note}`,
        }),
        'created',
      );
      assert.equal(
        await new TableTrimRepository(t.store).add({
          id: 'trim-case-alex.moreno-20261123090000',
          personId: person.id,
          unitId: person.unitId,
          origin: 'notableCaseSelf',
          startedBy: person.id,
          createdAt: '2026-11-23T09:00:00.000Z',
          askFrom: '2026-11-23T09:00:00.000Z',
          openedAt: '2026-11-23T09:00:00.000Z',
          notices: [],
        }),
        'created',
      );
      assert.equal(
        await new TableWorkloadRepository(t.store).add({
          id: `workload:${person.id}:2026-W48`,
          personId: person.id,
          unitId: person.unitId,
          week: '2026-W48',
          figures: {
            hours: '15to25',
            categories: ['A'],
            violent: true,
            caseload: 'heavy',
            source: 'self',
            recordedAt: '2026-11-23T09:00:00.000Z',
          },
        }),
        'created',
      );
      assert.equal(
        await new TableCareRepository(t.store).addForward({
          id: `${person.id}:clinicalSupervision`,
          personId: person.id,
          unitId: person.unitId,
          item: 'clinicalSupervision',
          raisedOn: '2026-11-23',
          dueBy: '2026-12-07',
          raisedAt: '2026-11-23T09:00:00.000Z',
          reason: 'request',
        }),
        'created',
      );
      await new TableStepAwayRepository(t.store).create({
        id: 'step-away-1',
        personId: person.id,
        startedAt: '2026-11-23T09:00:00.000Z',
        endsAt: '2026-11-23T09:30:00.000Z',
      });
      // Issue 16 part 4: a file offer (its parameters are encrypted: here they carry the canary) and, written
      // by the audit append above, the audit trail's per-subject index.
      await new TableFileOfferRepository(t.store).create({
        id: randomUUID(),
        personId: person.id,
        kind: 'audit.csv',
        params: { personId: canary },
        fileName: 'audit-trail-2026-11-23.csv',
        createdAt: '2026-11-23T09:00:00.000Z',
        expiresAt: '2026-11-24T09:00:00.000Z',
        status: 'offered',
        attempts: 0,
        updatedAt: '2026-11-23T09:00:00.000Z',
      });
      // Issue 16: the last roster sync (counts only).
      await new TableRosterSyncRunRepository(t.store).save(
        {
          at: '2026-11-23T09:00:00.000Z',
          trigger: 'daily',
          outcome: 'applied',
          added: 1,
          updated: 0,
          left: 0,
          problems: 0,
          installFailures: 0,
        },
        undefined,
      );

      const scan = await rawValues(t.store);
      // A table added to TABLES and not written here fails this line: write to it above so the scan covers it.
      for (const { table, rows } of scan)
        assert.ok(rows > 0, `table ${table} is empty: populate it in this test so the canary scan covers it`);
      const all = scan.flatMap((s) => s.values);
      assert.ok(
        all.some((v) => v.text.includes(control)),
        'the scan sees plain values (control canary found)',
      );
      const leaks = all.filter((v) => v.text.includes(canary) || v.text.includes(note) || v.text.includes('keep seeing the images'));
      assert.deepEqual(
        leaks.map((l) => l.where),
        [],
        'the canary or the note is readable at rest',
      );
    });
  });
});
