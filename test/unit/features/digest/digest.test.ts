// The daily digest on in-memory ports: one card at most per working day at the recipient's first
// working moment, nothing for someone with nothing due, repeats collapsed ("overdue since …"), the card
// updated in place as lines are done, the weekly day, and the clicker re-checked.
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { composeDigests } from '../../../../src/features/digest/compose-digest.ts';
import { dismissLine, showDigest, afterDigestAction } from '../../../../src/features/digest/show-digest.ts';
import { tickCare } from '../../../../src/features/care/tick-care.ts';
import { goLiveWeekOf } from '../../../../src/features/care/care-schedule.ts';
import { addDays } from '../../../../src/kernel/working-time.ts';
import { postToTray, resolveInTray, type NewTrayItem } from '../../../../src/kernel/tray.ts';
import { memoryDeps, withRoster, type MemoryDeps } from '../../../support/memory-deps.ts';
import { UNIT_CSV, actor } from '../../workflows/small-unit.ts';
import { text } from '../../../support/sent-cards.ts';

const log = pino({ level: 'silent' });

function careLine(recipientId: string, about: string, item: string, overdue = false): NewTrayItem {
  return {
    recipientId,
    key: `care:${about}:${item}:2026-11-20`,
    feature: 'care',
    aboutPersonId: about,
    line: `${item === 'oneToOne' ? 'One-to-one with supervisor' : 'Clinical supervision'}${overdue ? '' : ', due by 20 Nov 2026'}`,
    since: overdue ? '2026-03-03' : '2026-11-20',
    ...(overdue ? { overdue: true } : {}),
    actions: [{ title: 'Done', verb: 'care.done', data: { personId: about, item } }],
  };
}

/** Every text a person reads on a card (TextBlock texts, labels, button titles), not the action data. */
function textsOf(card: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      for (const [k, v] of Object.entries(n)) {
        if (k === 'data') continue;
        if ((k === 'text' || k === 'title' || k === 'label') && typeof v === 'string') out.push(v);
        else walk(v);
      }
    }
  };
  walk(card);
  return out;
}

const digests = (deps: MemoryDeps, to: string) => deps.notifier.to(to).filter((m) => m.purpose === 'digest');

describe('digest (in-memory)', () => {
  let deps: MemoryDeps;
  // Tuesday 24 November 2026, 06:00 UK: before anyone works. The weekly day is Friday here.
  beforeEach(async () => {
    deps = await withRoster(memoryDeps({ now: '2026-11-24T06:00:00Z', env: { HAVEN_TEAM_CARD_DAY: 'fri' } }), UNIT_CSV);
  });

  it('nothing before the first working moment; then ONE card, however often the job runs and whatever arrives later that day', async () => {
    await postToTray(deps, careLine('sam', 'alex', 'oneToOne'));
    await composeDigests(deps, log);
    assert.deepEqual(digests(deps, 'sam'), [], 'Sam starts at 07:00');
    deps.clock.set('2026-11-24T07:00:00Z');
    await composeDigests(deps, log);
    await composeDigests(deps, log);
    await postToTray(deps, careLine('sam', 'bea', 'clinicalSupervision'));
    deps.clock.set('2026-11-24T11:00:00Z');
    await composeDigests(deps, log);
    const sent = digests(deps, 'sam');
    assert.deepEqual(
      sent.map((m) => [m.id, m.operation, m.lane]),
      [['digest:sam:2026-11-24', 'send', 'bulk']],
    );
    assert.equal(sent[0]!.activity.text, 'Haven has an update for you');
    const card = text(sent[0]!.activity.card);
    assert.match(card, /Alex Officer/);
    assert.doesNotMatch(card, /Bea Officer/, 'what arrived after the first working moment waits for tomorrow');
    const words = textsOf(sent[0]!.activity.card).join(' ');
    assert.match(words, /Alex Officer/);
    assert.doesNotMatch(words, /care:|\balex\b|\bsam\b/, 'no internal id in what Sam reads');
    // Next working day: the new line is new, so a card; it holds both lines, grouped by person.
    deps.clock.set('2026-11-25T07:05:00Z');
    await composeDigests(deps, log);
    const next = digests(deps, 'sam').find((m) => m.id === 'digest:sam:2026-11-25');
    assert.match(text(next?.activity.card), /Alex Officer.*Bea Officer/);
  });

  it('a person with nothing due gets nothing, every day', async () => {
    for (const day of ['24', '25', '26', '27']) {
      deps.clock.set(`2026-11-${day}T10:00:00Z`);
      await composeDigests(deps, log);
    }
    assert.deepEqual(deps.notifier.withPurpose('digest'), []);
  });

  it('repeats collapse: an unchanged overdue line is one line "overdue since …", with no new card until the weekly day', async () => {
    await postToTray(deps, careLine('dana', 'alex', 'oneToOne', true));
    deps.clock.set('2026-11-24T08:00:00Z');
    await composeDigests(deps, log);
    assert.match(text(digests(deps, 'dana')[0]?.activity.card), /One-to-one with supervisor — overdue since 3 Mar 2026/);
    // The chain is walked again every day: the same post changes nothing.
    for (const day of ['25', '26']) {
      deps.clock.set(`2026-11-${day}T08:00:00Z`);
      assert.equal(await postToTray(deps, careLine('dana', 'alex', 'oneToOne', true)), 'unchanged');
      await composeDigests(deps, log);
    }
    assert.equal(digests(deps, 'dana').length, 1, 'no card on Wednesday or Thursday');
    assert.equal((await deps.tray.listFor('dana')).length, 1, 'one line');
    // Friday is the weekly day: the open line is in the weekly digest.
    deps.clock.set('2026-11-27T08:00:00Z');
    await composeDigests(deps, log);
    const weekly = digests(deps, 'dana').find((m) => m.id === 'digest:dana:2026-11-27');
    assert.match(text(weekly?.activity.card), /Your week: 1 to act on/);
    // Monday: a new week, but its weekly day (Friday) is to come and nothing is new: no card.
    deps.clock.set('2026-11-30T08:00:00Z');
    await composeDigests(deps, log);
    assert.ok(!digests(deps, 'dana').some((m) => m.id === 'digest:dana:2026-11-30'));
  });

  it('done lines update the card in place (an outbox update of the digest), for every recipient holding them', async () => {
    await postToTray(deps, careLine('sam', 'alex', 'oneToOne', true));
    await postToTray(deps, careLine('dana', 'alex', 'oneToOne', true));
    await postToTray(deps, careLine('sam', 'bea', 'clinicalSupervision'));
    deps.clock.set('2026-11-24T09:00:00Z');
    await composeDigests(deps, log);
    assert.equal(await resolveInTray(deps, 'care:alex:oneToOne:2026-11-20'), 2);
    await composeDigests(deps, log);
    await composeDigests(deps, log);
    for (const who of ['sam', 'dana']) {
      const updates = digests(deps, who).filter((m) => m.operation === 'update');
      assert.deepEqual(
        updates.map((m) => [m.id, m.updateOf]),
        [[`digest:${who}:2026-11-24:u1`, `digest:${who}:2026-11-24`]],
      );
      assert.match(text(updates[0]!.activity.card), /Done: One-to-one with supervisor/);
    }
    assert.match(text(digests(deps, 'sam').at(-1)!.activity.card), /Today: 1 to act on/);
    assert.match(text(digests(deps, 'dana').at(-1)!.activity.card), /All done/);
  });

  it("the clicker is re-checked: each sees only their own list; nobody can put aside another person's line", async () => {
    await postToTray(deps, careLine('sam', 'alex', 'oneToOne'));
    await postToTray(deps, {
      recipientId: 'sam',
      key: 'span:sam:3',
      feature: 'care',
      line: 'You have 3 direct reports in Haven.',
      since: '2026-11-24',
      actions: [{ title: 'Got it', verb: 'digest.dismiss', data: { trayKey: 'span:sam:3' } }],
    });
    deps.clock.set('2026-11-24T09:00:00Z');
    assert.match(text(await showDigest(deps, actor('sam'))), /Alex Officer/);
    assert.doesNotMatch(text(await showDigest(deps, actor('priya'))), /Alex Officer/);
    assert.match(text(await showDigest(deps, actor('stranger'))), /not on Haven's roster/);
    assert.match(text(await dismissLine(deps, actor('priya'), 'span:sam:3')), /cannot be put aside/);
    assert.match(text(await dismissLine(deps, actor('sam'), 'care:alex:oneToOne:2026-11-20')), /cannot be put aside/);
    assert.ok(!(await deps.tray.get('sam', 'span:sam:3'))?.value.resolvedAt);
    assert.match(text(await dismissLine(deps, actor('sam'), 'span:sam:3')), /Put aside: You have 3 direct reports/);
    assert.ok((await deps.tray.get('sam', 'span:sam:3'))?.value.resolvedAt);
    // After another feature's button: someone else's click on Sam's line shows only their answer and a way back to their own list.
    const request = {
      actor: actor('priya'),
      requestId: 'r1',
      log,
      data: { digest: '2026-11-24', trayKey: 'care:alex:oneToOne:2026-11-20' },
      conversation: { kind: 'personal' as const, id: 'c' },
    };
    const answer = { type: 'AdaptiveCard', body: [], actions: [] };
    const shown = await afterDigestAction(deps, request, answer, 'care.done');
    assert.doesNotMatch(text(shown), /Alex Officer/);
    assert.match(text(shown), /Back to today's list/);
  });

  it('care: absent supervisor → the cover gets the line in their digest; the absent one gets nothing', async () => {
    await deps.absences.create({ id: 'sam-away', personId: 'sam', from: '2026-11-23', to: '2026-11-27', coverId: 'priya' });
    deps.clock.set('2026-11-24T09:00:00Z');
    await tickCare(deps, log);
    await composeDigests(deps, log);
    assert.deepEqual(digests(deps, 'sam'), []);
    const priyas = digests(deps, 'priya');
    assert.equal(priyas.length, 1);
    assert.match(text(priyas[0]!.activity.card), /Alex Officer/);
    assert.match(text(priyas[0]!.activity.card), /you are covering for Sam Supervisor/);
    // No card per item to anyone responsible.
    assert.deepEqual(
      deps.notifier.messages.filter((m) => m.purpose === 'care.reminder' && !m.id.endsWith(':person')).map((m) => m.id),
      [],
    );
  });

  it('care at go-live: the backlog is spread over the first weeks, not handed over on day one', async () => {
    const goLive = await withRoster(
      memoryDeps({ now: '2026-11-23T09:30:00Z', env: { HAVEN_CARE_FROM: '2026-11-23', HAVEN_TEAM_CARD_DAY: 'fri' } }),
      UNIT_CSV,
    );
    const aboutOnDay = async (date: string) => {
      goLive.clock.set(`${date}T09:30:00Z`);
      await tickCare(goLive, log);
      await composeDigests(goLive, log);
      return new Set((await goLive.tray.listOpenFor('sam')).map((i) => i.value.aboutPersonId));
    };
    // Each officer's backlog comes due in their own go-live week (a stable hash of their id), a
    // notice period before its due date; Sam's tray holds a person only from their week on.
    const weekStarts = ['2026-11-23', '2026-11-30', '2026-12-07', '2026-12-14'];
    for (const [w, date] of weekStarts.entries()) {
      const about = await aboutOnDay(date);
      for (const p of ['alex', 'bea']) assert.equal(about.has(p), goLiveWeekOf(p, 4) <= w, `${p} in week ${w}`);
    }
    for (const i of await goLive.tray.listFor('sam')) {
      const p = i.value.aboutPersonId!;
      assert.equal(
        i.value.since,
        addDays('2026-11-23', 7 * goLiveWeekOf(p, 4) + 7),
        `${i.value.key} is due a notice period into ${p}'s week`,
      );
    }
    const overdueOnDayOne = goLive.notifier
      .withPurpose('digest')
      .filter((m) => m.id.endsWith('2026-11-23') && /overdue since/.test(text(m.activity.card)));
    assert.deepEqual(overdueOnDayOne, [], 'nothing is overdue on go-live day');
  });
});
