// Issue 16 part 4, the authorisation sweep of reports and the audit viewer: every demo user and
// strangers × every report button and every audit verb about several people, against a model written
// here from the README ("Reports in Teams", "Audit viewer"), not from the code. Entitled: the card (and a
// file offer through the outbox). Not: a refusal that names nobody, a `denied` audit row, no offer.
import assert from 'node:assert/strict';
import { DEMO, actionExecute, message, personalChatId, type DemoUser } from '../support/activities.ts';
import { startTestHaven, type TestHaven } from '../support/harness.ts';
import { setUpUnit } from '../support/haven-steps.ts';
import { VERBS } from '../../src/kernel/verbs.ts';

const STRANGER: DemoUser = { id: '29:haven-test-stranger', aadObjectId: '00000000-0000-4000-8000-0000000000f1', name: 'Sid Stranger' };
const ACTORS: DemoUser[] = [...Object.values(DEMO), STRANGER];
const HEAD = 'Dana Hughes';
const TRAINER = 'Tom Reed';
/** Roster ids of people to read the trail of, and one that is nobody. */
const SUBJECTS = ['alex.moreno', 'sam.okafor', 'dana.hughes', 'gus.novak', 'nobody.here'];
const NAMES: Record<string, string> = {
  'alex.moreno': 'Alex Moreno',
  'sam.okafor': 'Sam Okafor',
  'dana.hughes': 'Dana Hughes',
  'gus.novak': 'Gus Novak',
};

/** The model: the department head of unit-2 (Dana) gets both reports and the audit; its trainer (Tom) the process review. */
function mayDownload(user: DemoUser, report: string): boolean {
  return user.name === HEAD || (user.name === TRAINER && report === 'predeployment');
}
const mayAudit = (user: DemoUser, subject: string) => user.name === HEAD && subject in NAMES;

describe('authorisation sweep: reports and the audit viewer', function () {
  this.timeout(180_000);
  let t: TestHaven;
  before(async () => {
    t = await startTestHaven();
    await setUpUnit(t);
  });
  after(async () => t?.close());

  const click = async (user: DemoUser, verb: string, data: Record<string, unknown>) => {
    const r = await t.post(actionExecute(t.connector.url, user, verb, data));
    assert.equal(r.status, 200);
    return JSON.stringify(r.body);
  };
  const offers = async () => (await t.haven.outbox.list()).filter((m) => m.value.purpose === 'file.offer');
  const denied = async () =>
    (await t.haven.deps.audit.list('2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z')).filter((e) => e.outcome === 'denied').length;

  it('every actor × every report button: entitled people get an offer in their own chat, everyone else a refusal', async () => {
    let expectedOffers = (await offers()).length;
    let refusals = 0;
    for (const user of ACTORS)
      for (const report of ['predeployment', 'unit'])
        for (const format of ['csv', 'html'])
          for (const unitId of ['unit-2', 'unit-9']) {
            if (report === 'unit' && format === 'html') continue;
            const before = await denied();
            const known = new Set((await offers()).map((m) => m.value.id));
            const body = await click(user, VERBS.reportsDownload, { report, unitId, format });
            const entitled = unitId === 'unit-2' && mayDownload(user, report);
            const where = `${user.name} ${report} ${format} ${unitId}`;
            if (entitled) {
              assert.match(body, /on its way/, where);
              expectedOffers++;
              const fresh = (await offers()).filter((m) => !known.has(m.value.id));
              assert.equal(fresh.length, 1, where);
              const last = fresh[0]!.value;
              assert.equal(last.target.kind === 'person' && last.target.personId, user.name === HEAD ? 'dana.hughes' : 'tom.reed', where);
            } else {
              assert.match(body, /not yours to download/, where);
              assert.equal(await denied(), before + 1, `${where}: the refusal is audited`);
              refusals++;
            }
          }
    assert.equal((await offers()).length, expectedOffers, 'an offer for each entitled click, none for the others');
    assert.ok(refusals > 40);
  });

  it('every actor × audit pages and exports about several people: only the department head, only her unit', async () => {
    let expectedOffers = (await offers()).length;
    for (const user of ACTORS)
      for (const subject of SUBJECTS) {
        const where = `${user.name} → ${subject}`;
        const before = await denied();
        const page = await click(user, VERBS.auditMore, { personId: subject, page: 0 });
        const exported = await click(user, VERBS.auditExport, { personId: subject });
        if (mayAudit(user, subject)) {
          assert.match(page, new RegExp(`Audit trail: ${NAMES[subject]}`), where);
          assert.match(exported, /on its way/, where);
          expectedOffers++;
        } else {
          for (const body of [page, exported]) {
            assert.match(body, /not yours to read/, where);
            for (const name of Object.values(NAMES)) assert.ok(!body.includes(name), `${where}: a refusal names nobody (${name})`);
          }
          assert.equal(await denied(), before + 2, `${where}: both refusals audited`);
        }
      }
    assert.equal((await offers()).length, expectedOffers);
    // Every offer went to the chat of the person who clicked.
    for (const m of await offers()) assert.ok(m.value.target.kind === 'person');
    await t.tick();
    const consent = t.connector.sentActivities().filter((c) => JSON.stringify(c.body).includes('file.consent'));
    assert.ok(consent.every((c) => c.conversationId === personalChatId(DEMO.dana!) || c.conversationId === personalChatId(DEMO.tom!)));
  });

  it('typed "audit alex": a refusal naming nobody for everyone but the department head; "reports": nothing for them', async () => {
    for (const user of ACTORS.filter((u) => u.name !== HEAD)) {
      for (const [words, refusal] of [
        ['audit alex', /not yours to read/],
        ['reports', /no reports for you to download|can ask/],
      ] as const) {
        const before = t.connector.calls.length;
        assert.equal((await t.post(message(t.connector.url, user, words))).status, 200);
        const calls = await t.connector.waitFor((all) => all.slice(before).some((c) => c.conversationId === personalChatId(user)));
        const answer = JSON.stringify(
          (calls.slice(before).find((c) => c.conversationId === personalChatId(user))!.body as any).attachments[0].content,
        );
        if (user.name === TRAINER && words === 'reports') {
          assert.match(answer, /Annual process review/);
          continue;
        }
        assert.match(answer, refusal, `${user.name}: ${words}`);
        assert.ok(!answer.includes('Alex Moreno') && !answer.includes('check-in-figures'), `${user.name}: ${words}`);
      }
    }
  });
});
