import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { REDACTED_FIELDS, createLogger } from '../../src/logging.ts';

function memoryLogger(level = 'trace') {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const log = createLogger(level, stream);
  const records = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const raw = () => lines.join('\n');
  return { log, records, raw };
}

const SECRET = 'Alex Moreno feels awful';
const CENSOR = '[redacted]';

describe('logging: createLogger', () => {
  const sensitive = ['name', 'text', 'note', 'answers', 'card'] as const;

  for (const field of sensitive) {
    const payloads: Array<{ depth: string; obj: Record<string, unknown>; path: string[] }> = [
      { depth: 'top level', obj: { [field]: SECRET, personId: 'alex.moreno', outcome: 'sent' }, path: [field] },
      { depth: 'one level deep', obj: { person: { [field]: SECRET, id: 'alex.moreno' }, outcome: 'sent' }, path: ['person', field] },
      {
        depth: 'two levels deep',
        obj: { turn: { person: { [field]: SECRET, id: 'alex.moreno' } }, outcome: 'sent' },
        path: ['turn', 'person', field],
      },
    ];
    for (const { depth, obj, path } of payloads) {
      it(`redacts ${field} at ${depth}, keeping ids and outcomes`, () => {
        const { log, records, raw } = memoryLogger();
        log.info(obj, 'declaration raised');
        const [rec] = records();
        assert.ok(rec);
        let at: unknown = rec;
        for (const key of path) at = (at as Record<string, unknown>)[key];
        assert.equal(at, CENSOR);
        assert.ok(!raw().includes(SECRET), 'the secret never reaches the stream');
        assert.equal(rec.outcome, 'sent');
        assert.equal(rec.msg, 'declaration raised');
        assert.equal(rec.service, 'haven');
        assert.ok(raw().includes('alex.moreno'), 'ids remain');
      });
    }
  }

  it('redacts objects and arrays, not just strings', () => {
    const { log, records, raw } = memoryLogger();
    log.info({ answers: [{ q: 'who5.1', a: SECRET }], card: { type: 'AdaptiveCard', body: [{ text: SECRET }] }, alertId: 'alert-1' }, 'x');
    const [rec] = records();
    assert.equal(rec!.answers, CENSOR);
    assert.equal(rec!.card, CENSOR);
    assert.equal(rec!.alertId, 'alert-1');
    assert.ok(!raw().includes(SECRET));
  });

  it('redacts every listed field in one record and leaves the rest', () => {
    const { log, records, raw } = memoryLogger();
    const obj: Record<string, unknown> = { declarationId: 'decl-42', outcome: 'ok', status: 403, conversationId: 'a:1' };
    for (const f of REDACTED_FIELDS) obj[f] = `${SECRET} (${f})`;
    log.warn({ nested: { ...obj }, deeper: { inner: { ...obj } }, ...obj }, 'delivery failed');
    const [rec] = records();
    for (const f of REDACTED_FIELDS) {
      assert.equal(rec![f], CENSOR, f);
      assert.equal((rec!.nested as Record<string, unknown>)[f], CENSOR, `nested.${f}`);
      assert.equal(((rec!.deeper as Record<string, unknown>).inner as Record<string, unknown>)[f], CENSOR, `deeper.inner.${f}`);
    }
    assert.ok(!raw().includes(SECRET));
    assert.equal(rec!.declarationId, 'decl-42');
    assert.equal(rec!.outcome, 'ok');
    assert.equal(rec!.status, 403);
    assert.deepEqual(
      Object.keys(rec!.nested as object)
        .filter((k) => !REDACTED_FIELDS.includes(k))
        .sort(),
      ['conversationId', 'declarationId', 'outcome', 'status'],
    );
  });

  it('child loggers (one per turn) redact too and keep their correlation ids', () => {
    const { log, records, raw } = memoryLogger();
    const child = log.child({ turnId: 'turn-7', personId: 'alex.moreno' });
    child.info({ note: SECRET, outcome: 'stored' }, 'note stored');
    const [rec] = records();
    assert.equal(rec!.turnId, 'turn-7');
    assert.equal(rec!.personId, 'alex.moreno');
    assert.equal(rec!.note, CENSOR);
    assert.equal(rec!.outcome, 'stored');
    assert.ok(!raw().includes(SECRET));
  });

  it('redacts sensitive fields in child logger bindings', () => {
    const { log, records, raw } = memoryLogger();
    log.child({ person: { id: 'alex.moreno', name: SECRET } }).info({ outcome: 'ok' }, 'x');
    const [rec] = records();
    assert.deepEqual(rec!.person, { id: 'alex.moreno', name: CENSOR });
    assert.ok(!raw().includes(SECRET));
  });

  it('does not mutate the object that was logged', () => {
    const { log } = memoryLogger();
    const obj = { name: SECRET, person: { text: SECRET } };
    log.info(obj, 'x');
    assert.equal(obj.name, SECRET);
    assert.equal(obj.person.text, SECRET);
  });

  it('honours the level', () => {
    const { log, records } = memoryLogger('warn');
    log.info({ id: 'a' }, 'quiet');
    log.warn({ id: 'b' }, 'loud');
    assert.deepEqual(
      records().map((r) => r.id),
      ['b'],
    );
  });
});
