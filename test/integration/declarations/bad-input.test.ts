// Bad input gets a clear message and changes nothing: no declaration, no outbox message, no audit
// row (except the 'denied' row that records an attempt on someone else's request).
import assert from 'node:assert/strict';
import { DEMO, actionExecute, type DemoUser } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { act, auditSince, setUpUnit } from '../../support/haven-steps.ts';
import { declaration, raise, snapshot } from '../../support/declaration-steps.ts';
import { text, actionsOf, inputsOf } from '../../support/sent-cards.ts';

describe('declarations: bad input', () => {
  let t: TestHaven;
  let alexs: string;
  let beas: string;
  before(async () => {
    t = await startTestHaven();
    await setUpUnit(t);
    alexs = (await raise(t, DEMO.alex!, { kind: 'break', note: 'alex note', share: 'supervisor' })).id;
    beas = (await raise(t, DEMO.bea!, { kind: 'talk' })).id;
    await t.tick(); // the alerts go out
    await t.tick(); // and the confirmations are updated: they have got through
  });
  after(async () => t?.close());

  /** Runs a bad click and checks that nothing but (optionally) one denied audit row changed. */
  async function changesNothing(
    user: DemoUser,
    verb: string,
    data: Record<string, unknown>,
    expect: { message: RegExp; deniedAuditRow?: boolean },
  ): Promise<any> {
    const before = await snapshot(t, [alexs, beas]);
    const forAlex = (await t.haven.deps.declarations.listForPerson('alex.moreno')).length;
    const card = await act(t, user, verb, data);
    assert.match(text(card), expect.message);
    const after = await snapshot(t, [alexs, beas]);
    assert.equal(after.declarations, before.declarations, 'declarations unchanged');
    assert.equal(after.outbox, before.outbox, 'nothing queued');
    assert.equal((await t.haven.deps.declarations.listForPerson('alex.moreno')).length, forAlex, 'no new declaration');
    // The audit list is ordered by time, and these rows share one: compare as multisets.
    const added = [...after.audit];
    for (const row of before.audit) {
      const i = added.findIndex((a) => JSON.stringify(a) === JSON.stringify(row));
      assert.ok(i >= 0, `audit row kept: ${JSON.stringify(row)}`);
      added.splice(i, 1);
    }
    if (expect.deniedAuditRow) {
      assert.equal(added.length, 1, `one audit row: ${JSON.stringify(added)}`);
      assert.equal(added[0]!.outcome, 'denied');
    } else assert.deepEqual(added, [], 'no audit row');
    await t.tick();
    assert.equal((await snapshot(t, [alexs, beas])).outbox, before.outbox, 'and nothing was sent afterwards');
    return card;
  }

  it('a raise with an unknown kind', async () => {
    const card = await changesNothing(
      DEMO.alex!,
      'declaration.raise',
      { kind: 'explode', note: 'boom' },
      { message: /Something in that card was not right/ },
    );
    assert.match(text(card), /Choose what you need: talk to someone, a break from viewing, or to leave the unit/);
    assert.match(text(card), /Nothing was changed/);
    assert.ok(
      actionsOf(card).some((a: any) => a.verb === 'declaration.open'),
      'the way to ask for help is still one tap away',
    );
  });

  it('a raise with no kind, a note that is too long, or a share choice that does not exist', async () => {
    await changesNothing(DEMO.alex!, 'declaration.raise', {}, { message: /Choose what you need/ });
    await changesNothing(
      DEMO.alex!,
      'declaration.raise',
      { kind: 'talk', share: 'everyone' },
      { message: /Something in that card was not right/ },
    );
  });

  it('a note that is too long comes back on the form with everything typed and by how much (issue 12)', async () => {
    const note = '我'.repeat(600) + ' I keep seeing them [call me](https://example.invalid) ' + '夜'.repeat(100);
    const card = await changesNothing(
      DEMO.alex!,
      'declaration.raise',
      { kind: 'leave', note, share: 'supervisorAndHead' },
      { message: /Your note is too long by about 60 characters \(written as you write it, the limit is about 700 characters\)/ },
    );
    const inputs = new Map<string, any>();
    const walk = (x: any): void => {
      if (x && typeof x === 'object') {
        if (typeof x.id === 'string' && String(x.type).startsWith('Input.')) inputs.set(x.id, x);
        Object.values(x).forEach(walk);
      }
    };
    walk(card);
    assert.equal(inputs.get('note')?.value, note, 'the note is still in the form');
    assert.equal(inputs.get('kind')?.value, 'leave');
    assert.equal(inputs.get('share')?.value, 'supervisorAndHead');
    assert.ok(
      actionsOf(card).some((a: any) => a.verb === 'declaration.raise'),
      'and can be sent again',
    );
  });

  it('a card action with no declarationId, or one Haven could never have made', async () => {
    for (const verb of [
      'alert.acknowledge',
      'alert.escalate',
      'declaration.withdraw',
      'redeployment.record',
      'alert.view',
      'redeployment.move',
      'redeployment.moveDone',
    ]) {
      const card = await changesNothing(DEMO.sam!, verb, {}, { message: /That card does not say which request it is about\./ });
      assert.match(text(card), /Nothing was changed/);
    }
    await changesNothing(
      DEMO.sam!,
      'alert.acknowledge',
      { declarationId: 'decl-nope' },
      { message: /That card refers to a request Haven does not know/ },
    );
    await changesNothing(
      DEMO.sam!,
      'alert.acknowledge',
      { declarationId: 42 },
      { message: /That card refers to a request Haven does not know/ },
    );
  });

  it('a well-formed declarationId that does not exist: refused, and the attempt audited', async () => {
    await changesNothing(
      DEMO.sam!,
      'alert.acknowledge',
      { declarationId: `decl-${'0'.repeat(24)}` },
      { message: /This is not yours to open/, deniedAuditRow: true },
    );
  });

  it("a declarationId for someone else's request: refused, nothing shown, the attempt audited", async () => {
    // A colleague trying to withdraw, acknowledge or read Alex's request.
    for (const verb of ['declaration.withdraw', 'alert.acknowledge', 'alert.escalate', 'alert.view']) {
      const card = await changesNothing(
        DEMO.bea!,
        verb,
        { declarationId: alexs },
        { message: /This is not yours to open/, deniedAuditRow: true },
      );
      assert.ok(!text(card).includes('alex note') && !text(card).includes('Alex'), `${verb}: nothing of Alex's request`);
    }
    // A supervisor of another team, and Alex on Bea's request.
    await changesNothing(
      DEMO.priya!,
      'alert.assess',
      { declarationId: alexs, adjustments: 'offViewing' },
      { message: /This is not yours to open/, deniedAuditRow: true },
    );
    await changesNothing(
      DEMO.alex!,
      'declaration.withdraw',
      { declarationId: beas },
      { message: /This is not yours to open/, deniedAuditRow: true },
    );
    // Asking for the status of someone else's request shows nothing of it.
    const peek = await changesNothing(
      DEMO.bea!,
      'declaration.status',
      { declarationId: alexs },
      { message: /You have no requests|not yours/, deniedAuditRow: true },
    );
    assert.ok(!text(peek).includes('alex note'));
    const denied = (await auditSince(t)).filter((a) => a.outcome === 'denied' && a.subject === `declaration:${alexs}`);
    assert.ok(denied.some((a) => a.actor === 'bea.clarke' && a.action === 'declaration.withdraw'));
    assert.ok(denied.some((a) => a.actor === 'priya.shah' && a.action === 'declaration.recordRiskAssessment'));
  });

  it('an adjustment that is not in the list', async () => {
    const card = await changesNothing(
      DEMO.sam!,
      'alert.assess',
      { declarationId: alexs, adjustments: 'offViewing,sackThem', notes: 'n' },
      { message: /An adjustment was not recognised\. Nothing was changed\./ },
    );
    assert.ok(!text(card).includes('alex note'));
    assert.equal((await declaration(t, alexs)).riskAssessment, undefined);
  });

  it('a risk assessment with neither an adjustment nor a note: told what is missing (the refusal is audited)', async () => {
    const card = await changesNothing(
      DEMO.sam!,
      'alert.assess',
      { declarationId: alexs, adjustments: '', notes: '   ' },
      { message: /Record at least one supportive adjustment or a note\. Nothing was changed\./, deniedAuditRow: true },
    );
    assert.ok(
      actionsOf(card).some((a: any) => a.verb === 'alert.assess'),
      'Sam can try again from the same card',
    );
  });

  it('risk-assessment notes that are too long, or that storage cannot take, come back on the alert card as typed (issue 12)', async () => {
    const notes = '評估'.repeat(666) + '評' + '多出來的字'; // the limit is 4,000 bytes: 1,333 characters of Chinese
    const card = await changesNothing(
      DEMO.sam!,
      'alert.assess',
      { declarationId: alexs, adjustments: 'offViewing,referTrim', notes },
      { message: /Your assessment note is too long by 5 characters/, deniedAuditRow: true },
    );
    assert.equal(inputsOf(card).get('notes'), notes);
    assert.equal(inputsOf(card).get('adjustments'), 'offViewing,referTrim');
    const repo = t.haven.deps.declarations as any;
    const save = repo.save;
    repo.save = async () => {
      throw Object.assign(new Error('storage unreachable'), { statusCode: 503 });
    };
    try {
      const down = await act(t, DEMO.sam!, 'alert.assess', {
        declarationId: alexs,
        adjustments: 'offViewing',
        notes: 'Spoke at 10:00 — **follow up** Friday',
      });
      assert.match(text(down), /could not save this just now.*everything you typed is still here/);
      assert.equal(inputsOf(down).get('notes'), 'Spoke at 10:00 — **follow up** Friday');
      assert.equal(inputsOf(down).get('adjustments'), 'offViewing');
    } finally {
      repo.save = save;
    }
    assert.equal((await declaration(t, alexs)).riskAssessment, undefined);
  });

  it('a redeployment date that is not a date', async () => {
    const leave = (await raise(t, DEMO.dev!, { kind: 'leave' })).id;
    await t.tick();
    const before = await declaration(t, leave);
    const card = await act(t, DEMO.dana!, 'redeployment.book', { declarationId: leave, on: 'next tuesday' });
    assert.match(text(card), /Choose the date of the discussion/);
    assert.deepEqual(await declaration(t, leave), before);
  });

  it('the same bad click through the Action.Submit fallback gets the same clear message', async () => {
    const before = await snapshot(t, [alexs, beas]);
    const submit = {
      ...actionExecute(t.connector.url, DEMO.alex!, 'x'),
      type: 'message',
      name: undefined,
      value: { verb: 'declaration.raise', kind: 'explode' },
    };
    const sentBefore = t.connector.calls.length;
    assert.equal((await t.post(submit)).status, 200);
    const calls = await t.connector.waitFor((all) => all.length > sentBefore);
    assert.match(text(calls.slice(sentBefore).map((c) => c.body)), /Choose what you need/);
    const after = await snapshot(t, [alexs, beas]);
    assert.equal(after.declarations, before.declarations);
    assert.equal(after.outbox, before.outbox);
    assert.equal(after.audit.length, before.audit.length);
  });
});
