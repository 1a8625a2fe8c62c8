// A data key that does not match the stored data says so in those words, at start-up (a canary on
// open) and wherever a field fails to decrypt: never Node's "Unsupported state or unable to
// authenticate data". Real Azurite: store with key A, open with key B.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../../src/config.ts';
import { createLogger } from '../../../src/logging.ts';
import { openStorage } from '../../../src/main.ts';
import { DATA_KEY_MISMATCH, DataKeyMismatch } from '../../../src/storage/field-cipher.ts';
import { TableOutboxRepository } from '../../../src/storage/outbox-repository.ts';
import { startTestStore, type TestStore } from '../../support/azurite.ts';
import { aMessage } from './fixtures.ts';

const SAYS_SO = /HAVEN_DATA_KEY does not match the data already stored \(it was encrypted with another key\)/;

describe('storage: a data key that does not match the stored data', () => {
  let t: TestStore;
  before(async () => (t = await startTestStore()));
  after(async () => t?.close());

  it('the start-up canary is written once, matches the same key, and refuses another key in those words', async () => {
    const prefix = `k${randomBytes(5).toString('hex')}`;
    const keyA = randomBytes(32);
    const a = await t.openStore({ prefix, key: keyA });
    assert.equal(await a.verifyDataKey(), 'created');
    assert.equal(await a.verifyDataKey(), 'matched');
    assert.equal(await (await t.openStore({ prefix, key: Buffer.from(keyA) })).verifyDataKey(), 'matched', 'a second instance, same key');

    const b = await t.openStore({ prefix, key: randomBytes(32) });
    await assert.rejects(b.verifyDataKey(), (error: Error) => {
      assert.ok(error instanceof DataKeyMismatch);
      assert.match(error.message, SAYS_SO);
      assert.doesNotMatch(error.message, /Unsupported state|unable to authenticate/);
      return true;
    });
    assert.equal(await a.verifyDataKey(), 'matched', 'the refused key did not overwrite the canary');
  });

  it('a field written with key A and read with key B names the key, the table and the field, not the text', async () => {
    const prefix = `k${randomBytes(5).toString('hex')}`;
    const keyA = randomBytes(32);
    const written = aMessage({ activity: { text: 'a private note' } });
    await new TableOutboxRepository(await t.openStore({ prefix, key: keyA })).add(written);
    const readWithB = new TableOutboxRepository(await t.openStore({ prefix, key: randomBytes(32) }));
    await assert.rejects(readWithB.get(written.id), (error: Error) => {
      assert.ok(error instanceof DataKeyMismatch);
      assert.ok(error.message.includes(DATA_KEY_MISMATCH));
      assert.match(error.message, /field activity in .*havenOutbox/);
      assert.doesNotMatch(error.message, /private note|Unsupported state/);
      return true;
    });
    assert.equal(
      (await new TableOutboxRepository(await t.openStore({ prefix, key: keyA })).get(written.id))?.value.activity.text,
      'a private note',
    );
  });

  it('storage written before the canary existed: the first open checks a stored field before writing the canary', async () => {
    const prefix = `k${randomBytes(5).toString('hex')}`;
    const keyA = randomBytes(32);
    await new TableOutboxRepository(await t.openStore({ prefix, key: keyA })).add(aMessage({ activity: { text: 'older data' } }));
    const b = await t.openStore({ prefix, key: randomBytes(32) });
    await assert.rejects(b.verifyDataKey(), SAYS_SO);
    await assert.rejects(b.verifyDataKey(), SAYS_SO, 'the refused key wrote no canary of its own');
    assert.equal(await (await t.openStore({ prefix, key: keyA })).verifyDataKey(), 'created', 'the right key is proven, then recorded');
    assert.equal(await b.verifyDataKey().catch((e: Error) => e.message.slice(0, 14)), 'HAVEN_DATA_KEY');
  });

  it('openStorage (what npm run serve and every admin command use) refuses to open with another key', async () => {
    const env = (key: Buffer) => ({
      HAVEN_MODE: 'local',
      HAVEN_STORAGE_CONNECTION_STRING: t.connectionString,
      HAVEN_TABLE_PREFIX: `k${randomBytes(5).toString('hex')}`,
      HAVEN_DATA_KEY: key.toString('base64'),
    });
    const log = createLogger('silent');
    const first = env(randomBytes(32));
    const opened = await openStorage(loadConfig(first), log);
    await opened.outboxRepo.add(aMessage());
    await opened.close();
    await assert.rejects(openStorage(loadConfig({ ...first, HAVEN_DATA_KEY: randomBytes(32).toString('base64') }), log), SAYS_SO);
    const again = await openStorage(loadConfig(first), log);
    await again.close();
  });
});
