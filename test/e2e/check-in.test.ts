// End to end in the Agents Playground (Chromium): Alex types "check in", answers with a low WHO-5
// score in the card, sees the private confirmation; Sam's flag is a line in his tray (his daily
// digest), naming Alex and the reason, with none of the answers.
import assert from 'node:assert/strict';
import { DEMO_TENANT } from '../support/activities.ts';
import { WORKING_WEDNESDAY, card, openPlayground, waitUntil, type PlaygroundSession } from '../support/playground.ts';

const PERSONAL = 'a:haven-demo-personal-chat';
const SAM = { id: '29:haven-demo-sam', aadObjectId: '00000000-0000-4000-8000-000000000002', name: 'Sam Okafor' };
const CANARY = 'CANARY-E2E-NOTE-51c9';

describe('check-in in the Agents Playground (Chromium)', function () {
  this.timeout(180_000);
  let s: PlaygroundSession;

  before(async () => {
    // Sam's flag reaches him only inside his working hours: pin the clock to a working morning.
    s = await openPlayground({}, { at: WORKING_WEDNESDAY });
  });
  after(async () => {
    await s?.close();
  });

  it('a low score gives Alex a private confirmation and Sam a flag with no answers', async () => {
    await s.page.goto(s.url);
    await s.page.getByText('Welcome to Haven, Alex').first().waitFor({ timeout: 60_000 });
    await s.customActivity({
      type: 'installationUpdate',
      action: 'add',
      from: SAM,
      conversation: { id: PERSONAL, conversationType: 'personal', tenantId: DEMO_TENANT },
    });
    await waitUntil(async () => !!(await s.haven.deps.conversations.get({ kind: 'person', personId: 'sam.okafor' })));

    const box = s.page.locator('div[role="textbox"][contenteditable="true"]').last();
    await box.click();
    await box.fill('check in');
    await box.press('Enter');
    const form = card(s, 'Over the last two weeks');
    await form.waitFor({ timeout: 30_000 });
    // The Playground renders compact choice sets as Fluent comboboxes: open one, pick the option.
    const boxes = form.getByRole('combobox');
    await waitUntil(async () => (await boxes.count()) >= 8);
    const choose = async (i: number, option: string) => {
      await boxes.nth(i).click();
      await s.page.getByRole('option', { name: option, exact: true }).click();
    };
    for (let i = 0; i < 5; i++) await choose(i, i % 2 ? 'At no time' : 'Some of the time');
    await choose(5, 'Too much');
    await form.getByRole('textbox').last().fill(CANARY);
    await s.screenshot('check-in-01-form');
    await form.getByRole('button', { name: 'Send my check-in' }).click();

    await s.page.getByText('Thank you: your check-in is in').first().waitFor({ timeout: 20_000 });
    await s.page.getByText('They do not see your answers').first().waitFor();
    await s.screenshot('check-in-02-confirmation');

    const stored = (await s.haven.deps.checkIns.listForPerson('alex.moreno')).map((c) => c.value).find((c) => c.status === 'answered');
    assert.ok(stored, 'stored');
    assert.equal(stored.score?.raw, 3);
    assert.equal(stored.shared, false);

    // Sam's flag is a line in his tray, for his daily digest (a card of its own no longer): it names
    // Alex and the reason, with none of the answers; "Open" shows the flag card, answers still private.
    const open = async () =>
      (await s.haven.deps.tray.listOpenFor('sam.okafor')).map((r) => r.value).filter((i) => i.key.startsWith('flag:'));
    await waitUntil(async () => (await open()).length === 1, 30_000);
    const [line] = await open();
    assert.match(line!.line, /Consider a welfare conversation with Alex Moreno: a low wellbeing score/);
    for (const secret of [CANARY, 'At no time', 'Some of the time', 'Too much', 'cheerful'])
      assert.ok(!JSON.stringify(line).includes(secret), `the flag line shows no answers (${secret})`);
    assert.ok(!(await s.haven.outbox.list()).some((m) => m.value.purpose === 'flag.notice'), 'no flag card of its own');
  });
});
