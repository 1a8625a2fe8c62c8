// Issue 16 part 4: files in the personal chat through Teams' file consent card, end to end: a whole
// Haven, the fake Bot Connector, and a fake OneDrive upload endpoint on loopback (the uploadUrl Teams
// would give). Reports from Teams and the audit viewer's CSV export arrive byte for byte as built; a
// decline, an expired or reused offer, another person's click and a bad upload address upload nothing;
// a failed upload is offered again and can be retried.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { DEMO, message, personalChatId, type DemoUser } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { act, auditSince, setUpUnit } from '../../support/haven-steps.ts';
import { actionsOf, cardIn, text } from '../../support/sent-cards.ts';
import type { RecordedCall } from '../../support/fake-connector.ts';
import { exportProcessReview } from '../../../src/features/process-review/process-review.ts';
import { lastTwelveMonths } from '../../../src/features/process-review/rules.ts';
import { processReviewCsv } from '../../../src/reports/process-review-csv.ts';
import { processReviewHtml } from '../../../src/reports/process-review-html.ts';
import { overviewFor } from '../../../src/features/care/unit-overview.ts';
import { monthsBetween, overviewCsv } from '../../../src/features/check-ins/unit-aggregates.ts';

const CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
const INFO = 'application/vnd.microsoft.teams.card.file.info';

interface Upload {
  method: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A fake OneDrive upload session: records every request, answers `status`. */
async function startUploadServer(): Promise<{ url: string; uploads: Upload[]; status: number; close(): Promise<void> }> {
  const state = { url: '', uploads: [] as Upload[], status: 201, close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.uploads.push({ method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(state.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'drive-item' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload-session`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

function consentCallsTo(t: TestHaven, user: DemoUser): RecordedCall[] {
  return t.connector
    .sentActivities()
    .filter((c) => c.conversationId === personalChatId(user) && (c.body as any)?.attachments?.[0]?.contentType === CONSENT);
}

function fileConsentInvoke(t: TestHaven, user: DemoUser, action: 'accept' | 'decline', context: unknown, uploadUrl: string) {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: t.connector.url,
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: '28:00000000-0000-4000-8000-0000000000b0', name: 'Haven' },
    conversation: { id: personalChatId(user), conversationType: 'personal', tenantId: '00000000-0000-4000-8000-0000000000a0' },
    channelData: { tenant: { id: '00000000-0000-4000-8000-0000000000a0' } },
    type: 'invoke',
    name: 'fileConsent/invoke',
    value: {
      type: 'fileUpload',
      action,
      context,
      ...(action === 'accept'
        ? {
            uploadInfo: {
              name: 'report.csv',
              uploadUrl,
              contentUrl: 'https://contoso-my.sharepoint.com/personal/dana/Documents/Applications/Haven/report.csv',
              uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C8C',
              fileType: 'csv',
            },
          }
        : {}),
    },
  };
}

/** Posts the invoke; answers the cards Haven replied with in the chat during the turn. */
async function consent(t: TestHaven, user: DemoUser, action: 'accept' | 'decline', context: unknown, uploadUrl: string): Promise<any[]> {
  const before = t.connector.calls.length;
  const r = await t.post(fileConsentInvoke(t, user, action, context, uploadUrl));
  assert.equal(r.status, 200);
  return t.connector.calls
    .slice(before)
    .filter((c) => c.conversationId === personalChatId(user) && c.status < 300)
    .map((c) => c.body as any);
}

async function typed(t: TestHaven, user: DemoUser, words: string): Promise<any> {
  const before = t.connector.calls.length;
  assert.equal((await t.post(message(t.connector.url, user, words))).status, 200);
  const calls = await t.connector.waitFor((all) => all.slice(before).some((c) => c.conversationId === personalChatId(user)));
  return cardIn(calls.slice(before).find((c) => c.conversationId === personalChatId(user))!);
}

/** Offers a report to Dana and answers the consent card's offer id. */
async function offerReport(t: TestHaven, user: DemoUser, report: string, format: string): Promise<string> {
  const before = consentCallsTo(t, user).length;
  const card = await act(t, user, 'reports.download', { report, unitId: 'unit-2', format });
  assert.match(text(card), /on its way/);
  await t.tick();
  const calls = consentCallsTo(t, user);
  assert.equal(calls.length, before + 1, 'one consent card went out through the outbox');
  return (calls.at(-1)!.body as any).attachments[0].content.acceptContext.offerId;
}

describe('files in the personal chat (file consent card)', function () {
  this.timeout(60_000);
  let t: TestHaven;
  let upload: Awaited<ReturnType<typeof startUploadServer>>;

  before(async () => {
    t = await startTestHaven({ demoJourneys: true });
    await setUpUnit(t, [DEMO.alex!, DEMO.bea!, DEMO.sam!, DEMO.dana!, DEMO.tom!, DEMO.hana!]);
    upload = await startUploadServer();
  });
  after(async () => {
    await upload?.close();
    await t?.close();
  });
  beforeEach(() => {
    upload.uploads.length = 0;
    upload.status = 201;
  });

  it('"reports" lists what the department head may download, with no ids on the card', async () => {
    const card = await typed(t, DEMO.dana!, 'reports');
    const buttons = actionsOf(card).filter((a) => a.verb === 'reports.download');
    assert.deepEqual(
      buttons.map((b) => `${b.data.report}/${b.data.format}`),
      ['predeployment/csv', 'predeployment/html', 'unit/csv'],
    );
    const visible = JSON.stringify(card.body.map((b: any) => ({ ...b, items: b.items?.filter((i: any) => i.type === 'TextBlock') })));
    assert.ok(!visible.includes('unit-2'), 'the unit is shown by name, never by id');
    assert.match(visible, /Online Child Abuse Team 2/);
    const trainer = await typed(t, DEMO.tom!, 'reports');
    assert.deepEqual(
      actionsOf(trainer).map((a) => `${a.data.report}/${a.data.format}`),
      ['predeployment/csv', 'predeployment/html'],
      'a trainer gets the process review only',
    );
  });

  it('the consent card carries only an opaque offer id; accepting uploads exactly what the CLI writes, then a file card', async () => {
    const offerId = await offerReport(t, DEMO.dana!, 'predeployment', 'csv');
    const consentCard = (consentCallsTo(t, DEMO.dana!).at(-1)!.body as any).attachments[0];
    assert.deepEqual(Object.keys(consentCard.content.acceptContext), ['offerId']);
    assert.match(consentCard.name, /^predeployment-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const replies = await consent(t, DEMO.dana!, 'accept', { offerId }, upload.url);
    assert.equal(upload.uploads.length, 1);
    const u = upload.uploads[0]!;
    const expected = Buffer.from(processReviewCsv(await exportProcessReview(t.haven.deps, lastTwelveMonths(t.clock.now()), 'unit-2')));
    assert.equal(u.method, 'PUT');
    assert.ok(u.body.equals(expected), 'the bytes that arrived are the CLI report');
    assert.ok(expected.length > 200, 'the demo journeys are in it');
    assert.equal(u.headers['content-range'], `bytes 0-${expected.length - 1}/${expected.length}`);
    assert.equal(u.headers['content-length'], String(expected.length));
    const info = replies.flatMap((b) => b.attachments ?? []).find((a: any) => a.contentType === INFO);
    assert.ok(info, 'a file card follows');
    assert.equal(info.content.uniqueId, '1150D938-8870-4044-9F2C-5BBDEBA70C8C');
    assert.equal(info.content.fileType, 'csv');
    assert.match(info.contentUrl, /^https:\/\/contoso-my\.sharepoint\.com\//);
    const audit = await auditSince(t);
    assert.ok(audit.some((e) => e.action === 'file.download' && e.actor === 'dana.hughes' && e.outcome === 'ok'));
    assert.ok(
      audit.some((e) => e.action === 'report.predeployment' && e.actor === 'dana.hughes'),
      'the export is audited as the CLI audits it',
    );

    // The same card accepted again: a clear message, nothing uploaded.
    const again = await consent(t, DEMO.dana!, 'accept', { offerId }, upload.url);
    assert.equal(upload.uploads.length, 1);
    assert.match(text(again), /already accepted or declined/);
  });

  it('the web page and the check-in figures arrive as the CLI writes them', async () => {
    const html = await offerReport(t, DEMO.dana!, 'predeployment', 'html');
    await consent(t, DEMO.dana!, 'accept', { offerId: html }, upload.url);
    const period = lastTwelveMonths(t.clock.now());
    const review = await exportProcessReview(t.haven.deps, period, 'unit-2');
    // The page carries the moment it was generated; everything else is the same bytes.
    const stamp = (s: string) => s.replace(/\d{1,2} \w{3} \d{4}, \d{2}:\d{2}/g, 'T');
    assert.equal(stamp(upload.uploads[0]!.body.toString('utf8')), stamp(processReviewHtml(review)));

    const unit = await offerReport(t, DEMO.dana!, 'unit', 'csv');
    await consent(t, DEMO.dana!, 'accept', { offerId: unit }, upload.url);
    const overview = await overviewFor(t.haven.deps, 'unit-2', monthsBetween(period.from, period.to));
    assert.equal(upload.uploads[1]!.body.toString('utf8'), overviewCsv('unit-2', overview));
  });

  it('decline: "Not downloaded", nothing uploaded, and the offer cannot be accepted afterwards', async () => {
    const offerId = await offerReport(t, DEMO.dana!, 'predeployment', 'csv');
    const replies = await consent(t, DEMO.dana!, 'decline', { offerId }, upload.url);
    assert.match(text(replies), /Not downloaded/);
    const later = await consent(t, DEMO.dana!, 'accept', { offerId }, upload.url);
    assert.match(text(later), /already accepted or declined/);
    assert.equal(upload.uploads.length, 0);
  });

  it('someone else clicking, an unknown offer, a malformed context or an untrusted upload address: nothing uploaded', async () => {
    const offerId = await offerReport(t, DEMO.dana!, 'predeployment', 'csv');
    assert.match(text(await consent(t, DEMO.bea!, 'accept', { offerId }, upload.url)), /not offered to you/);
    assert.match(text(await consent(t, DEMO.dana!, 'accept', { offerId: randomUUID() }, upload.url)), /not offered to you/);
    assert.match(text(await consent(t, DEMO.dana!, 'accept', { offerId: 'x'.repeat(5000) }, upload.url)), /did not recognise/);
    assert.match(text(await consent(t, DEMO.dana!, 'accept', 'not an object', upload.url)), /did not recognise/);
    for (const bad of ['http://example.com/upload', 'ftp://127.0.0.1/x', 'http://user:pw@127.0.0.1/x', 'not a url'])
      assert.match(text(await consent(t, DEMO.dana!, 'accept', { offerId }, bad)), /does not trust/, bad);
    assert.equal(upload.uploads.length, 0);
    const denied = (await auditSince(t)).filter((e) => e.action === 'file.download' && e.actor === 'bea.clarke');
    assert.equal(denied.at(-1)?.outcome, 'denied');
    // Still open for Dana.
    await consent(t, DEMO.dana!, 'accept', { offerId }, upload.url);
    assert.equal(upload.uploads.length, 1);
  });

  it('a failed upload says so honestly, offers the file again, and the retry arrives', async () => {
    const offerId = await offerReport(t, DEMO.dana!, 'predeployment', 'csv');
    upload.status = 500;
    const replies = await consent(t, DEMO.dana!, 'accept', { offerId }, upload.url);
    assert.match(text(replies), /did not arrive/);
    assert.ok(!replies.flatMap((b) => b.attachments ?? []).some((a: any) => a.contentType === INFO), 'no file card after a failure');
    await t.tick();
    const reoffered = consentCallsTo(t, DEMO.dana!).at(-1)!;
    assert.equal((reoffered.body as any).attachments[0].content.acceptContext.offerId, offerId, 'the same offer, on a fresh card');
    upload.status = 201;
    const retry = await consent(t, DEMO.dana!, 'accept', { offerId }, upload.url);
    assert.ok(retry.flatMap((b) => b.attachments ?? []).some((a: any) => a.contentType === INFO));
    assert.equal(upload.uploads.length, 2);
    assert.ok(upload.uploads[1]!.body.equals(upload.uploads[0]!.body));
  });

  it('an offer accepted after a day has expired: a clear message, nothing uploaded', async () => {
    const offerId = await offerReport(t, DEMO.dana!, 'predeployment', 'csv');
    t.clock.advance(25 * 60 * 60 * 1000);
    assert.match(text(await consent(t, DEMO.dana!, 'accept', { offerId }, upload.url)), /expired/);
    assert.equal(upload.uploads.length, 0);
  });

  it('a report someone may not have is refused at the click and again at the upload', async () => {
    const refused = await act(t, DEMO.tom!, 'reports.download', { report: 'unit', unitId: 'unit-2', format: 'csv' });
    assert.match(text(refused), /not yours to download/);
    assert.match(
      text(await act(t, DEMO.bea!, 'reports.download', { report: 'predeployment', unitId: 'unit-2', format: 'csv' })),
      /not yours/,
    );
    // Entitled when offered, no longer when accepted (Dana is no longer the head): nothing uploaded.
    const offerId = await offerReport(t, DEMO.dana!, 'unit', 'csv');
    const unit = (await t.haven.deps.units.get('unit-2'))!;
    await t.haven.deps.units.save({ ...unit.value, departmentHeadId: 'sam.okafor' }, unit.version);
    try {
      assert.match(text(await consent(t, DEMO.dana!, 'accept', { offerId }, upload.url)), /not available now/);
      assert.equal(upload.uploads.length, 0);
    } finally {
      const now = (await t.haven.deps.units.get('unit-2'))!;
      await t.haven.deps.units.save({ ...now.value, departmentHeadId: 'dana.hughes' }, now.version);
    }
  });

  describe('the audit viewer', () => {
    before(async () => {
      // After everything the unit's set-up audited about Alex (a check-in opened for them is listed under them too).
      const start = t.clock.now().getTime() + 86_400_000;
      const at = (i: number) => new Date(start + i * 60_000).toISOString();
      for (let i = 0; i < 25; i++)
        await t.haven.deps.audit.append({
          at: at(i),
          actor: i === 0 ? 'system' : 'sam.okafor',
          action: i % 2 ? 'declaration.read' : 'care.done',
          subject: 'person:alex.moreno',
          reason: i === 3 ? '=HYPERLINK(evil)' : i === 4 ? 'cover bea.clarke in unit-2 for declaration:abc-123' : 'responding',
          outcome: 'ok',
        });
      await t.haven.deps.audit.append({
        at: at(30),
        actor: 'dana.hughes',
        action: 'care.done',
        subject: 'person:bea.clarke',
        reason: 'someone else',
        outcome: 'ok',
      });
    });

    it('the department head reads a person of her unit: newest first, 20 a page, names not ids, the read audited', async () => {
      const card = await typed(t, DEMO.dana!, 'audit alex');
      const s = text(card.body);
      assert.match(s, /Audit trail: Alex Moreno/);
      assert.match(s, /1 to 20 of 26/, 'the 25 entries above and the check-in opened for Alex in the set-up');
      assert.match(s, /Sam Okafor/);
      assert.ok(!s.includes('someone else'), 'only entries about Alex');
      const containers = card.body.filter((b: any) => b.type === 'Container');
      assert.equal(containers.length, 20);
      assert.match(text(containers[0]), /Care: done/, 'newest first (entry 24)');
      assert.match(text(containers[1]), /Declaration: read/, 'then entry 23');
      const more = actionsOf(card).find((a) => a.title === 'More');
      assert.ok(more);
      const visible = JSON.stringify(card.body.filter((b: any) => b.type !== 'ActionSet'));
      for (const id of ['alex.moreno', 'sam.okafor', 'bea.clarke', 'unit-2', 'declaration:abc']) assert.ok(!visible.includes(id), id);
      const next = await act(t, DEMO.dana!, 'audit.more', more.data);
      assert.match(text(next.body), /21 to 27 of 27/, 'page 2 (the first view is now in the trail too)');
      assert.match(text(next.body), /Bea Clarke in Online Child Abuse Team 2 for a record/);
      const reads = (await t.haven.deps.audit.listBySubject('person:alex.moreno')).filter((e) => e.action === 'audit.read');
      assert.equal(reads.length, 2);
      assert.equal(reads[0]!.actor, 'dana.hughes');
    });

    it('ambiguous or unknown names list only people the reader may audit; others are refused and audited', async () => {
      const unknown = await typed(t, DEMO.dana!, 'audit zed');
      assert.match(text(unknown), /No one by that name/);
      assert.ok(actionsOf(unknown).some((a) => a.title === 'Alex Moreno'));
      const refused = await typed(t, DEMO.bea!, 'audit alex');
      assert.match(text(refused), /not yours to read/);
      assert.match(text(await act(t, DEMO.bea!, 'audit.more', { personId: 'alex.moreno', page: 0 })), /not yours to read/);
      assert.match(text(await act(t, DEMO.bea!, 'audit.export', { personId: 'alex.moreno' })), /not yours to read/);
      const denied = (await auditSince(t)).filter((e) => e.actor === 'bea.clarke' && e.outcome === 'denied');
      assert.ok(denied.some((e) => e.action === 'audit.read'));
      assert.ok(denied.some((e) => e.action === 'file.offer'));
    });

    it('the DPO reads anyone; the export arrives as CSV with formula cells neutralised and the export audited', async () => {
      const hana = (await t.haven.deps.people.get('hana.ito'))!;
      await t.haven.deps.people.save({ ...hana.value, roles: [...hana.value.roles, 'dpo'] }, hana.version);
      const card = await typed(t, DEMO.hana!, 'audit alex.moreno');
      assert.match(text(card.body), /Audit trail: Alex Moreno/);
      const exportButton = actionsOf(card).find((a) => a.title === 'Export as CSV');
      assert.match(text(await act(t, DEMO.hana!, 'audit.export', exportButton.data)), /on its way/);
      await t.tick();
      const offerId = (consentCallsTo(t, DEMO.hana!).at(-1)!.body as any).attachments[0].content.acceptContext.offerId;
      await consent(t, DEMO.hana!, 'accept', { offerId }, upload.url);
      const csv = upload.uploads[0]!.body.toString('utf8');
      assert.match(csv, /^When \(UK time\),Who,What,Why\r\n/);
      assert.match(csv, /,'=HYPERLINK\(evil\)\r\n/, 'a formula cell starts with an apostrophe');
      assert.ok(!/(^|,)=HYPERLINK/m.test(csv));
      assert.ok(!csv.includes('alex.moreno') && !csv.includes('sam.okafor'), 'names, not ids');
      assert.ok(csv.split('\r\n').length > 27);
      const exported = (await auditSince(t)).filter((e) => e.action === 'audit.export' && e.actor === 'hana.ito');
      assert.equal(exported.length, 1);
      assert.equal(exported[0]!.subject, 'person:alex.moreno');
    });
  });
});
