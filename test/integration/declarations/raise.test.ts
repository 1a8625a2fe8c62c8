// Raising "I'm not okay" / "I want to leave": the private confirmation, stored before the reply, off
// viewing at once, typed commands, the note encrypted at rest, and a click Teams delivers twice.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { TABLES } from '../../../src/storage/table-store.ts';
import { NO_DETRIMENT } from '../../../src/features/declarations/raise-declaration.ts';
import { DEMO, actionExecute, message, personalChatId } from '../../support/activities.ts';
import { cardProblems } from '../../support/card-checks.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { NEUTRAL, PEOPLE, act, setUpUnit } from '../../support/haven-steps.ts';
import { declaration, raise } from '../../support/declaration-steps.ts';
import { cardIn, fact, factsOf, channelCalls, responderAlertsTo, text, actionsOf } from '../../support/sent-cards.ts';

describe('declarations: raising', () => {
  let t: TestHaven;
  before(async () => {
    t = await startTestHaven();
    await setUpUnit(t, [DEMO.alex!, DEMO.bea!, DEMO.chris!, DEMO.sam!, DEMO.dana!]);
  });
  after(async () => t?.close());

  it('answers at once with a private confirmation: neutral first line, the no-detriment statement and the whole support directory', async () => {
    const r = await raise(t, DEMO.alex!, { kind: 'leave', note: 'I cannot do this any more', share: 'supervisor' });
    assert.equal(r.body.statusCode, 200);
    assert.equal(r.body.type, 'application/vnd.microsoft.card.adaptive');
    assert.deepEqual(cardProblems(r.card), []);
    assert.equal(r.card.body[0].text, NEUTRAL);
    const s = text(r.card);
    assert.ok(s.includes(NO_DETRIMENT), 'the no-detriment statement');
    const support = factsOf(r.card);
    for (const name of [
      'Employee assistance programme',
      'Occupational health',
      'TRiM (trauma risk management)',
      'Peer support',
      'Oscar Kilo',
      'Mind Blue Light Infoline',
      'Samaritans',
    ]) {
      assert.ok(
        support.some((f) => f.title === name),
        `support directory lists ${name}`,
      );
    }
    assert.match(support.find((f) => f.title === 'Samaritans')!.value, /116 123/);
    assert.match(s, /request to leave the unit is in/);
    assert.match(s, /Haven is telling Sam Okafor now, privately/);
    assert.match(s, /off viewing from now/i);
    assert.ok(
      actionsOf(r.card).some((a: any) => a.verb === 'declaration.status' && a.data.declarationId === r.id),
      'a "Where is my request?" button',
    );
    // The confirmation is the invoke response only: nothing about the request was posted to Alex's chat.
    assert.ok(!t.connector.callsTo(personalChatId(DEMO.alex!)).some((c) => text(c.body).includes(r.id)));
  });

  it('stores the declaration (and its alert in the outbox, and the audit row) before the reply', async () => {
    const r = await raise(t, DEMO.bea!, { kind: 'talk', note: 'rough week', share: 'supervisor' });
    // Checked straight after the response, with no job tick in between.
    const d = await declaration(t, r.id);
    assert.equal(d.personId, PEOPLE.bea);
    assert.equal(d.kind, 'talk');
    assert.equal(d.status, 'open');
    assert.equal(d.onCall?.personId, PEOPLE.sam);
    assert.equal(d.note, 'rough week');
    const outbox = (await t.haven.outbox.list()).map((m) => m.value).filter((m) => m.id.startsWith(r.id));
    assert.ok(
      outbox.some((m) => m.purpose === 'declaration.alert' && m.target.kind === 'person' && m.target.personId === PEOPLE.sam),
      'the alert to Sam is already queued',
    );
    const audit = await t.haven.deps.audit.list('2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z');
    assert.ok(audit.some((a) => a.action === 'declaration.raised' && a.subject === `declaration:${r.id}` && a.outcome === 'ok'));
  });

  it('the note reaches the supervisor as text: no live link, no bold, no bidi override (issue 12)', async () => {
    const note = 'Please [verify your account](https://example.invalid/login) **urgently**\n- now \u202Eevil';
    const r = await raise(t, DEMO.bea!, { kind: 'talk', note, share: 'supervisor' });
    assert.equal(
      (await declaration(t, r.id)).note,
      'Please [verify your account](https://example.invalid/login) **urgently**\n- now evil',
      'kept as typed, bidi override removed',
    );
    const alert = (await t.haven.outbox.list()).map((m) => m.value).find((m) => m.id.startsWith(r.id) && m.purpose === 'declaration.alert');
    const blocks: string[] = [];
    const walk = (x: any): void => {
      if (x && typeof x === 'object') {
        if (x.type === 'TextBlock' && typeof x.text === 'string') blocks.push(x.text);
        Object.values(x).forEach(walk);
      }
    };
    walk(alert?.activity);
    const shown = blocks.find((b) => b.includes('verify your account'));
    assert.ok(shown, 'the note is on the alert card');
    assert.ok(
      !/(?<!\\)\[verify/.test(shown) &&
        !/(?<!\\)\*\*/.test(shown) &&
        !shown.includes('https://') &&
        !/^- /m.test(shown) &&
        !shown.includes('\u202E'),
      shown,
    );
  });

  it('for a break or leaving, the person is not viewing at once and their status card says so; a talk request leaves viewing alone', async () => {
    // Alex raised "leave" above; Chris raises a break now; Bea only asked to talk.
    const r = await raise(t, DEMO.chris!, { kind: 'break' });
    assert.ok(r.id);
    for (const id of [PEOPLE.alex, 'chris.lowe']) {
      const p = await t.haven.deps.people.get(id);
      assert.equal(p?.value.viewingStatus, 'notViewing', `${id} is off viewing straight after the reply`);
      assert.equal(p?.value.viewingStatusSince, '2026-11-23T09:00:00.000Z');
    }
    assert.equal((await t.haven.deps.people.get(PEOPLE.bea))?.value.viewingStatus, 'viewing');

    const status = await act(t, DEMO.chris!, 'status.show');
    // A break has a review date: Chris's next working day (issue 14, part 1).
    assert.equal(fact(status, 'Viewing'), 'Not viewing since 23 Nov 2026, 09:00, review on Tue, 24 Nov 2026');
    assert.equal(fact(await act(t, DEMO.alex!, 'status.show'), 'Viewing'), 'Not viewing since 23 Nov 2026, 09:00, until your move');
    assert.equal(fact(await act(t, DEMO.bea!, 'status.show'), 'Viewing'), 'Cleared to view');

    // The welcome card a typed greeting brings shows it too.
    const before = t.connector.calls.length;
    await t.post(message(t.connector.url, DEMO.chris!, 'hi'));
    const [reply] = await t.connector
      .waitFor((calls) => calls.slice(before).some((c) => c.conversationId === personalChatId(DEMO.chris!)))
      .then((calls) => calls.slice(before).filter((c) => c.conversationId === personalChatId(DEMO.chris!)));
    assert.match(text(cardIn(reply!)), /Not viewing since 23 Nov 2026, 09:00/);
  });

  it('opens the declaration card from typed words, in any case and with punctuation', async () => {
    const cases: { said: string; preselect: string }[] = [
      { said: 'not okay', preselect: '' },
      { said: "I'm NOT okay!!", preselect: '' },
      { said: 'Not OK.', preselect: '' },
      { said: 'help', preselect: '' },
      { said: 'HELP?!', preselect: '' },
      { said: '  Help me, please. ', preselect: '' },
      { said: 'leave', preselect: 'leave' },
      { said: 'LEAVE!', preselect: 'leave' },
      { said: 'I want to leave.', preselect: 'leave' },
    ];
    for (const c of cases) {
      const before = t.connector.calls.length;
      const r = await t.post(message(t.connector.url, DEMO.bea!, c.said));
      assert.equal(r.status, 200);
      const calls = await t.connector.waitFor((all) => all.slice(before).some((x) => x.conversationId === personalChatId(DEMO.bea!)));
      const card = cardIn(calls.slice(before).find((x) => x.conversationId === personalChatId(DEMO.bea!))!);
      assert.equal(card.body[0].text, NEUTRAL, c.said);
      const kind = card.body.find((b: any) => b.id === 'kind');
      assert.ok(kind, `"${c.said}" opens the declaration card`);
      assert.equal(kind.value ?? '', c.preselect, `"${c.said}" preselects "${c.preselect}"`);
      assert.deepEqual(
        kind.choices.map((x: any) => x.value),
        ['talk', 'break', 'leave'],
      );
      assert.ok(
        actionsOf(card).some((a: any) => a.verb === 'declaration.raise'),
        'the card can be submitted',
      );
    }
  });

  it('stores the note encrypted: a raw scan of every table finds no note text, though Haven reads it back', async () => {
    const note = `NOTE-CANARY ${randomUUID()} I keep seeing them when I close my eyes`;
    const r = await raise(t, DEMO.bea!, { kind: 'break', note, share: 'supervisorAndHead' });
    await t.tick(); // the alert (which quotes the note to Sam) goes through the outbox too
    assert.ok(
      responderAlertsTo(t, DEMO.sam!, r.id).some((c) => text(c.body).includes(note)),
      'Sam was shown the note',
    );
    assert.equal((await declaration(t, r.id)).note, note, 'the application still reads the note');

    const control = 'Online Child Abuse Team 2'; // plain by design: proves the scan sees plain values
    const canary = note.split(' ')[1]!;
    let sawControl = false;
    for (const table of Object.values(TABLES)) {
      for await (const e of t.haven.store.client(table).listEntities<Record<string, unknown>>()) {
        for (const [prop, v] of Object.entries(e)) {
          const raw = typeof v === 'string' ? v : JSON.stringify(v ?? null);
          if (raw.includes(control)) sawControl = true;
          assert.ok(!raw.includes(canary), `note text found in plain at ${table}/${e.partitionKey}/${e.rowKey}/${prop}`);
          if (typeof v === 'string' && /^(enc:v1:)?[A-Za-z0-9+/=]{16,}$/.test(v)) {
            assert.ok(
              !Buffer.from(v.replace(/^enc:v1:/, ''), 'base64')
                .toString('latin1')
                .includes(canary),
              `note text found base64-encoded at ${table}/${prop}`,
            );
          }
        }
      }
    }
    assert.ok(sawControl, 'the scan saw the plain unit name');
    assert.ok(!t.logs.some((l) => JSON.stringify(l).includes(canary)), 'the note never reaches the logs');
  });

  it('counts a raise Teams delivers twice (same activity id) once: one declaration, one set of alerts', async () => {
    const dev = { ...DEMO.dev! };
    await setUpUnit(t, [dev, DEMO.priya!]);
    const activity = actionExecute(t.connector.url, dev, 'declaration.raise', { kind: 'break', note: 'twice', share: 'supervisor' });
    const first = await raise(t, dev, {}, activity);
    const outboxAfterFirst = (await t.haven.outbox.list()).length;
    const second = await raise(t, dev, {}, activity);
    assert.equal(second.id, first.id, 'the same request is confirmed again');
    assert.match(text(second.card), /116 123/);
    assert.equal((await t.haven.deps.declarations.listForPerson(PEOPLE.dev)).length, 1, 'one declaration');
    assert.equal((await t.haven.outbox.list()).length, outboxAfterFirst, 'nothing more was queued');
    const audit = await t.haven.deps.audit.list('2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z');
    assert.equal(audit.filter((a) => a.action === 'declaration.raised' && a.subject === `declaration:${first.id}`).length, 1);

    await t.tick();
    await t.tick();
    assert.equal(responderAlertsTo(t, DEMO.priya!, first.id).length, 1, 'Priya is alerted once');
    assert.equal(
      channelCalls(t).filter((c) => c.operation === 'sendToConversation' && text(c.body).includes(first.id)).length,
      1,
      'one channel card',
    );
    // A genuinely new click (new activity id) is a new request.
    const again = await raise(t, dev, { kind: 'talk' });
    assert.notEqual(again.id, first.id);
    assert.equal((await t.haven.deps.declarations.listForPerson(PEOPLE.dev)).length, 2);
  });
});
