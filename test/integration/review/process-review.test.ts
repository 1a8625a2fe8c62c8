// The annual process review in Teams: department head and trainer see it, everyone else is refused
// and audited; a journey's detail is for the department head only and every read is audited. Canary
// strings planted in every free-text field of stored (encrypted) journeys never reach a card or an
// exported file.
import assert from 'node:assert/strict';
import { DEMO, actionExecute, message, personalChatId, type DemoUser } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { NEUTRAL, auditSince } from '../../support/haven-steps.ts';
import { cardIn, text, actionsOf } from '../../support/sent-cards.ts';
import { canariesOf, canaryJourney } from '../../fixtures/journey-canaries.ts';
import { exportProcessReview } from '../../../src/features/process-review/process-review.ts';
import { processReviewCsv } from '../../../src/reports/process-review-csv.ts';
import { processReviewHtml } from '../../../src/reports/process-review-html.ts';

const CANARY_IDS = ['canary-withdrawn', 'canary-cancelled', 'canary-ready'];

async function typed(t: TestHaven, user: DemoUser, words: string): Promise<any> {
  const before = t.connector.calls.length;
  assert.equal((await t.post(message(t.connector.url, user, words))).status, 200);
  const calls = await t.connector.waitFor((all) => all.slice(before).some((c) => c.conversationId === personalChatId(user)));
  return cardIn(calls.slice(before).find((c) => c.conversationId === personalChatId(user))!);
}

async function click(t: TestHaven, user: DemoUser, verb: string, data: Record<string, unknown> = {}): Promise<any> {
  const r = await t.post(actionExecute(t.connector.url, user, verb, data));
  assert.equal(r.status, 200);
  assert.equal(r.body?.type, 'application/vnd.microsoft.card.adaptive', JSON.stringify(r.body).slice(0, 300));
  return r.body.value;
}

function assertNoCanary(what: string, s: string): void {
  for (const id of CANARY_IDS) for (const c of canariesOf(id)) assert.ok(!s.includes(c), `${c} leaked into ${what}`);
  assert.doesNotMatch(s, /Demo (answer|note|draft|rationale|reason) \(fictional\)/, `a demo answer leaked into ${what}`);
}

describe('annual process review: cards in Teams', () => {
  let t: TestHaven;
  const shown: string[] = [];
  before(async () => {
    t = await startTestHaven({ demoJourneys: true });
    assert.equal((await t.haven.deps.journeys.list()).length, 12, 'the demo journeys were loaded on first start');
    await t.haven.deps.journeys.create(canaryJourney('canary-withdrawn', 'withdrawn', { openedAt: '2026-08-03T09:00:00.000Z' }));
    await t.haven.deps.journeys.create(canaryJourney('canary-cancelled', 'cancelled', { openedAt: '2026-08-04T09:00:00.000Z' }));
    await t.haven.deps.journeys.create(
      canaryJourney('canary-ready', 'readyToStart', { openedAt: '2026-08-05T09:00:00.000Z', readyAt: '2026-09-01T10:00:00.000Z' }),
    );
  });
  after(async () => t?.close());

  it('the department head types "process review": the last twelve months, summary, chart and a Details button per journey', async () => {
    const card = await typed(t, DEMO.dana!, 'process review');
    shown.push(text(card));
    assert.equal(card.body[0].text, NEUTRAL);
    assert.match(text(card), /Pre-deployment process review/);
    assert.match(text(card), /24 Nov 2025 to 23 Nov 2026/);
    // 10 demo journeys open in the last twelve months (Kai closed on 20 Nov 2025, Yara in Sep 2025) and the three canary journeys.
    const details = actionsOf(card).filter((a) => a.verb === 'review.journey');
    assert.equal(details.length, 13);
    assert.match(text(card), /Wren Castillo/);
    assert.doesNotMatch(text(card), /Yara Bishop|Kai Brennan/);
    assert.match(text(card), /Withdrawn at Controlled exposure booked/);
    const audit = await auditSince(t);
    assert.ok(audit.some((a) => a.actor === 'dana.hughes' && a.action === 'review.read' && a.outcome === 'ok'));
  });

  it('a trainer types "annual review": the same journeys, without Details buttons', async () => {
    const card = await typed(t, DEMO.tom!, 'annual review');
    shown.push(text(card));
    assert.match(text(card), /Marcus Obi/);
    assert.equal(actionsOf(card).filter((a) => a.verb === 'review.journey').length, 0);
  });

  it('the review.show button with a period', async () => {
    const card = await click(t, DEMO.dana!, 'review.show', { from: '2025-11-01', to: '2026-10-31' });
    shown.push(text(card));
    assert.match(text(card), /1 Nov 2025 to 31 Oct 2026/);
    assert.match(text(card), /Victor Hale/);
    assert.match(text(card), /Kai Brennan/);
    assert.doesNotMatch(text(card), /Wren Castillo/);
  });

  it('a bad period gets a clear message and shows nothing', async () => {
    const card = await click(t, DEMO.dana!, 'review.show', { from: '2026-10-31', to: '2025-11-01' });
    assert.match(text(card), /start date must not be after the end date/);
    const card2 = await click(t, DEMO.dana!, 'review.show', { from: '2026-02-30' });
    assert.match(text(card2), /real date/);
    assert.doesNotMatch(text(card) + text(card2), /Kai Brennan/);
  });

  for (const [who, user, rosterId, verb] of [
    ['an officer', DEMO.alex!, 'alex.moreno', 'typed'],
    ['a supervisor', DEMO.sam!, 'sam.okafor', 'review.show'],
    ['a candidate', DEMO.gus!, 'gus.novak', 'review.show'],
  ] as const) {
    it(`${who} is refused politely and the refusal is audited as denied`, async () => {
      const denied = async () =>
        (await auditSince(t)).filter((a) => a.action === 'review.read' && a.outcome === 'denied' && a.actor === rosterId).length;
      const before = await denied();
      const card = verb === 'typed' ? await typed(t, user, 'process review') : await click(t, user, 'review.show');
      shown.push(text(card));
      assert.equal(card.body[0].text, NEUTRAL);
      assert.match(text(card), /for department heads and trainers/);
      assert.doesNotMatch(text(card), /Marcus Obi|review\.journey/);
      assert.equal(await denied(), before + 1);
    });
  }

  it('the department head opens one journey: dates and timeline, no answers or notes, and the read is audited', async () => {
    const reads = async () =>
      (await auditSince(t))
        .filter((a) => a.subject === 'journey:journey-demo-22')
        .map((a) => [a.actor, a.action, a.subject, a.reason, a.outcome]);
    const before = await reads();
    const card = await click(t, DEMO.dana!, 'review.journey', { journeyId: 'journey-demo-22' });
    shown.push(text(card));
    assert.equal(card.body[0].text, NEUTRAL);
    assert.match(text(card), /Pre-deployment journey: Marcus Obi/);
    assert.match(text(card), /Department head review \(Dana Hughes\)/);
    assert.match(text(card), /"Concerns raised","value":"Yes"/);
    assert.deepEqual(await reads(), [...before, ['dana.hughes', 'journey.read', 'journey:journey-demo-22', 'annual process review', 'ok']]);
  });

  it('every canary journey opened by the department head shows none of its free text', async () => {
    for (const id of CANARY_IDS) shown.push(text(await click(t, DEMO.dana!, 'review.journey', { journeyId: id })));
  });

  it('a trainer pressing Details is refused, audited as denied, and sees nothing of the journey', async () => {
    const tomReads = async () =>
      (await auditSince(t))
        .filter((a) => a.actor === 'tom.reed' && a.subject === 'journey:journey-demo-22')
        .map((a) => [a.action, a.outcome]);
    assert.deepEqual(await tomReads(), []);
    const card = await click(t, DEMO.tom!, 'review.journey', { journeyId: 'journey-demo-22' });
    shown.push(text(card));
    assert.match(text(card), /Only the department head can open a journey/);
    assert.doesNotMatch(text(card), /Marcus Obi/);
    assert.deepEqual(await tomReads(), [['journey.read', 'denied']]);
  });

  it('an unknown journey is refused and audited; a malformed payload changes nothing', async () => {
    const before = (await auditSince(t)).length;
    const card = await click(t, DEMO.dana!, 'review.journey', { journeyId: 'journey-nope' });
    assert.match(text(card), /Only the department head can open a journey/);
    const after1 = await auditSince(t);
    assert.equal(after1.length, before + 1);
    assert.ok(after1.some((a) => a.subject === 'journey:journey-nope' && a.outcome === 'denied' && a.actor === 'dana.hughes'));
    const bad = await click(t, DEMO.dana!, 'review.journey', { journeyId: 42 });
    assert.match(text(bad), /Something in that card was not right/);
    assert.equal((await auditSince(t)).length, before + 1, 'a malformed payload records nothing');
  });

  it('the exported CSV and HTML (what npm run report writes) carry no answer text', async () => {
    const review = await exportProcessReview(t.haven.deps, { from: '2025-01-01', to: '2026-12-31' }, undefined);
    assert.ok(review.rows.some((r) => r.journeyId === 'canary-cancelled'));
    assertNoCanary('the CSV', processReviewCsv(review));
    assertNoCanary('the HTML', processReviewHtml(review));
    const audit = await auditSince(t);
    assert.ok(audit.some((a) => a.action === 'report.predeployment' && a.actor === 'admin-cli' && a.outcome === 'ok'));
  });

  it('the canaries are really stored (so the checks above could fail)', async () => {
    const stored = await t.haven.deps.journeys.get('canary-withdrawn');
    assert.ok(JSON.stringify(stored?.value).includes(canariesOf('canary-withdrawn')[0]!));
  });

  it('no card shown in this suite carried answer text (canaries and the demo answers)', () => {
    assert.equal(shown.length, 11);
    for (const [i, s] of shown.entries()) assertNoCanary(`card ${i}`, s);
  });
});
