// Never a dead end: someone Haven does not know can still say they are not okay. They get the support
// directory at once, and the fallback responders (the department heads, unless configured) are alerted.
import assert from 'node:assert/strict';
import { DEMO, installPersonal, type DemoUser } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { NEUTRAL, act, setUpUnit } from '../../support/haven-steps.ts';
import { declaration, raise } from '../../support/declaration-steps.ts';
import { cardIn, fact, factsOf, responderAlertsTo, text, actionsOf } from '../../support/sent-cards.ts';

const stranger: DemoUser = { id: '29:haven-not-on-roster-1', aadObjectId: '0000aaaa-0000-4000-8000-00000000beef', name: 'Jo Newcomer' };

describe('declarations: someone not on the roster', () => {
  describe('with no fallback responders configured', () => {
    let t: TestHaven;
    before(async () => {
      t = await startTestHaven();
      await setUpUnit(t, [DEMO.sam!, DEMO.priya!, DEMO.dana!, DEMO.tom!]);
      assert.equal((await t.post(installPersonal(t.connector.url, stranger))).status, 200);
    });
    after(async () => t?.close());

    it('can raise: gets the support directory at once, and the department head is alerted privately', async () => {
      const r = await raise(t, stranger, { kind: 'break', note: 'new here and struggling', share: 'supervisor' });
      assert.equal(r.card.body[0].text, NEUTRAL);
      const support = factsOf(r.card);
      assert.match(support.find((f) => f.title === 'Samaritans')?.value ?? '', /116 123/);
      assert.ok(support.length >= 7, 'the whole support directory');
      assert.match(text(r.card), /Haven is telling Dana Hughes (\(the department head\) )?now, privately/);

      const d = await declaration(t, r.id);
      assert.equal(d.personId, `unrostered:${stranger.id}`);
      assert.equal(d.onCall?.personId, 'dana.hughes');
      assert.equal(d.unitId, undefined);

      await t.tick();
      const [alert, ...more] = responderAlertsTo(t, DEMO.dana!, r.id);
      assert.ok(alert, 'Dana is alerted');
      assert.equal(more.length, 0);
      const card = cardIn(alert);
      assert.equal(card.body[0].text, NEUTRAL);
      assert.equal(fact(card, 'Who'), 'someone not on the roster');
      assert.ok(actionsOf(card).some((a: any) => a.verb === 'alert.acknowledge'));
      for (const other of [DEMO.sam!, DEMO.priya!, DEMO.tom!])
        assert.equal(responderAlertsTo(t, other, r.id).length, 0, `${other.name} is not alerted`);

      // Dana can act on it, and they can follow it.
      assert.match(text(await act(t, DEMO.dana!, 'alert.acknowledge', { declarationId: r.id })), /Acknowledged by Dana Hughes/);
      const status = await act(t, stranger, 'declaration.status', { declarationId: r.id });
      assert.match(text(status), /Acknowledged by Dana Hughes/);
    });

    it('a talk request from them is never lost either: "Where is my request?" finds it', async () => {
      t.clock.advance(60_000); // "Where is my request?" shows the latest one
      const r = await raise(t, stranger, { kind: 'talk' });
      const status = await act(t, stranger, 'declaration.status');
      assert.match(text(status), /I need to talk to someone/);
      assert.ok(text(status).includes(r.id));
    });
  });

  describe('with HAVEN_FALLBACK_RESPONDERS=tom.reed', () => {
    let t: TestHaven;
    before(async () => {
      t = await startTestHaven({ env: { HAVEN_FALLBACK_RESPONDERS: 'tom.reed' } });
      await setUpUnit(t, [DEMO.sam!, DEMO.dana!, DEMO.tom!]);
    });
    after(async () => t?.close());

    it('alerts Tom instead of the department head', async () => {
      const r = await raise(t, stranger, { kind: 'talk', note: 'hello?', share: 'supervisor' });
      assert.match(text(r.card), /Haven is telling Tom Reed now, privately/);
      assert.match(text(r.card), /116 123/);
      assert.equal((await declaration(t, r.id)).onCall?.personId, 'tom.reed');
      await t.tick();
      assert.equal(responderAlertsTo(t, DEMO.tom!, r.id).length, 1, 'Tom is alerted');
      assert.equal(responderAlertsTo(t, DEMO.dana!, r.id).length, 0, 'Dana is not');
      assert.equal(responderAlertsTo(t, DEMO.sam!, r.id).length, 0, 'Sam is not');
    });
  });
});
