// "Show all" opens the whole of one shortened answer or note. Each click re-checks who is asking
// through the feature's policy: the entitled reader gets the whole text (and the read is audited);
// anyone else gets a polite refusal that holds none of it, and a 'denied' audit row.
import assert from 'node:assert/strict';
import { DEMO, installPersonal, type DemoUser } from '../../support/activities.ts';
import { FakeClock } from '../../support/clock.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { act, auditSince } from '../../support/haven-steps.ts';
import { declarationIdIn } from '../../support/declaration-steps.ts';

// Long enough to be shortened on the card (about 500 characters), within every field's budget.
const LONG = (marker: string) => `${marker} ${'I keep seeing the same case when I close my eyes. '.repeat(24)}`;

describe('Show all: the whole text for whoever may read it now, a refusal for anyone else', function () {
  this.timeout(120_000);
  let t: TestHaven;

  before(async () => {
    t = await startTestHaven({ clock: new FakeClock('2026-11-23T09:30:00Z'), care: true });
    for (const u of Object.values(DEMO)) assert.equal((await t.post(installPersonal(t.connector.url, u))).status, 200);
    await t.tick();
  });
  after(async () => t?.close());

  async function refused(user: DemoUser, verb: string, data: Record<string, unknown>, marker: string, subject: string): Promise<void> {
    const since = t.clock.now().toISOString();
    const card = await act(t, user, verb, data);
    assert.ok(!JSON.stringify(card).includes(marker), `${user.name} ${verb}: the refusal holds none of the text`);
    const denied = (await auditSince(t, since)).filter((e) => e.outcome === 'denied' && e.subject.includes(subject));
    assert.ok(denied.length >= 1, `${user.name} ${verb}: a 'denied' audit row about ${subject}`);
  }

  it('the note with a request: the supervisor reads it whole; another officer is refused', async () => {
    const card = await act(t, DEMO.alex!, 'declaration.raise', { kind: 'talk', note: LONG('NOTE-7Q'), share: 'supervisor' });
    const id = declarationIdIn(card);
    assert.ok(id);
    await t.tick();
    const view = await act(t, DEMO.sam!, 'alert.view', { declarationId: id });
    assert.ok(JSON.stringify(view).includes('"alert.showNote"'), 'the long note is shortened with Show all');
    const all = await act(t, DEMO.sam!, 'alert.showNote', { declarationId: id });
    assert.ok(JSON.stringify(all).includes('NOTE-7Q') && JSON.stringify(all).length > JSON.stringify(LONG('')).length, 'the whole note');
    await refused(DEMO.bea!, 'alert.showNote', { declarationId: id }, 'NOTE-7Q', id!);
  });

  it('a shared reflection: the supervisor reads it whole; another officer is refused', async () => {
    await act(t, DEMO.alex!, 'stage.ready');
    await act(t, DEMO.sam!, 'stage.confirm', { personId: 'alex.moreno' });
    await act(t, DEMO.alex!, 'stage.reflect', { reflection: LONG('REFL-3K'), share: 'true' });
    const view = await act(t, DEMO.sam!, 'stage.view', { personId: 'alex.moreno' });
    const at = JSON.stringify(view).match(/"verb":"stage.showReflection","personId":"alex.moreno","at":"([^"]+)"/)?.[1];
    assert.ok(at, 'the long reflection is shortened with Show all');
    const all = await act(t, DEMO.sam!, 'stage.showReflection', { personId: 'alex.moreno', at });
    assert.ok(JSON.stringify(all).includes('REFL-3K'), 'the whole reflection');
    await refused(DEMO.bea!, 'stage.showReflection', { personId: 'alex.moreno', at }, 'REFL-3K', 'alex.moreno');
  });

  it('a suitability answer: the supervisor reads it whole; another officer, and the officer for the reviewer note, are refused', async () => {
    const id = 'suitability:bea.clarke:2025-02-12';
    await act(t, DEMO.bea!, 'suitability.submit', {
      questionnaireId: id,
      work: LONG('SUIT-9W'),
      coping: 'Coping, most days.',
      support: 'A quieter week now and then.',
      forSupervisor: '',
      continueInRole: 'unsure',
    });
    await t.tick();
    const all = await act(t, DEMO.sam!, 'suitability.showAll', { questionnaireId: id, field: 'work' });
    assert.ok(JSON.stringify(all).includes('SUIT-9W'), 'the whole answer');
    await refused(DEMO.alex!, 'suitability.showAll', { questionnaireId: id, field: 'work' }, 'SUIT-9W', id);
    // The reviewer's note is the supervisor's working note: never shown to the officer.
    await refused(DEMO.bea!, 'suitability.showAll', { questionnaireId: id, field: 'reviewNote' }, 'SUIT-9W', id);
  });

  it('a journey and a check-in nobody here may read: refused, and audited', async () => {
    await refused(
      DEMO.bea!,
      'journey.showAll',
      { journeyId: 'jrn-000000000000000000000099', field: 'feelings' },
      'feelings',
      'jrn-000000000000000000000099',
    );
    await refused(
      DEMO.bea!,
      'checkIn.showNote',
      { checkInId: 'checkin:alex.moreno:2026-11-16' },
      'alex.moreno:2026-11-16 note',
      'checkin:alex.moreno:2026-11-16',
    );
  });
});
