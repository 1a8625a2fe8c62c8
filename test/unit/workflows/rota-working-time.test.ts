// Issue 16 (rotas), on in-memory ports with the fake clock: check-ins and the daily digest land inside
// a four on, four off cycle's shifts and inside a night worker's nights (after midnight included),
// never on their rest days. The clock walks every 20 minutes across three weeks.
import assert from 'node:assert/strict';
import { sendDueCheckIns } from '../../../src/features/check-ins/send-due-check-ins.ts';
import { composeDigests } from '../../../src/features/digest/compose-digest.ts';
import { postToTray } from '../../../src/kernel/tray.ts';
import { isWorkingMoment, localMoment } from '../../../src/kernel/working-time.ts';
import { createLogger } from '../../../src/logging.ts';
import { memoryDeps, withRoster, type MemoryDeps } from '../../support/memory-deps.ts';

const log = createLogger('silent');
const CSV = `kind,id,name,roles,unit,supervisor,teams_user_id,aad_object_id,joined_unit,working_pattern,channel_id,head,above,from,to,cover,part_time
unit,unit-1,Team One,,,,,,,,19:team-one@thread.tacv2,dana,,,,,
person,dana,Dana Head,departmentHead,unit-1,,29:dana,00000000-0000-4000-8000-000000000001,2021-09-06,Mon-Fri 08:00-17:00,,,,,,,
person,rhys,Rhys Sergeant,supervisor,unit-1,dana,29:rhys,00000000-0000-4000-8000-000000000002,2022-01-10,4on4off from 2026-11-20 19:00-07:00,,,,,,,
person,cyd,Cyd Days,officer,unit-1,rhys,29:cyd,00000000-0000-4000-8000-000000000005,2024-05-18,4on4off from 2026-11-24 07:00-19:00,,,,,,,
person,nia,Nia Nights,officer,unit-1,rhys,29:nia,00000000-0000-4000-8000-000000000006,2024-02-12,4on4off from 2026-11-26 19:00-07:00,,,,,,,
person,wyn,Wyn Weeknights,officer,unit-1,rhys,29:wyn,00000000-0000-4000-8000-000000000007,2024-02-12,Mon-Thu 22:00-06:00,,,,,,,0.8
person,pat,Pat Parttime,officer,unit-1,rhys,29:pat,00000000-0000-4000-8000-000000000008,2024-02-12,Mon-Wed 10:00-14:00,,,,,,,22.5h
`;

describe('workflow (in memory): check-ins and digests inside cycles and nights (issue 16)', () => {
  let deps: MemoryDeps;
  beforeEach(async () => {
    deps = await withRoster(memoryDeps({ now: '2026-11-23T00:00:00Z' }), CSV);
  });

  it('every check-in is sent inside the person’s shift, and each one who works gets one', async () => {
    const firstSent = new Map<string, Date>();
    const roster = { people: (await deps.people.list()).map((p) => p.value), absences: [] };
    for (let i = 0; i < 21 * 72; i++) {
      await sendDueCheckIns(deps, log);
      for (const p of roster.people) {
        const count = deps.notifier.to(p.id).filter((m) => m.purpose === 'checkIn.prompt').length;
        if (count && !firstSent.has(p.id)) {
          firstSent.set(p.id, deps.clock.now());
          assert.ok(isWorkingMoment(p.workingPattern, [], p.id, deps.clock.now()), `${p.id} at ${deps.clock.now().toISOString()}`);
        }
      }
      deps.clock.advance(20 * 60_000);
    }
    for (const id of ['cyd', 'nia', 'wyn', 'pat']) assert.ok(firstSent.has(id), `${id} was sent a check-in`);
    // Nia's first night starts 2026-11-26 19:00: nothing before it (she was resting), and at least half an hour in.
    assert.ok(firstSent.get('nia')! >= new Date('2026-11-26T19:30:00Z'), firstSent.get('nia')!.toISOString());
    // Cyd's first day of the cycle is 2026-11-24 (Monday 23rd is a rest day of the cycle).
    assert.ok(firstSent.get('cyd')! >= new Date('2026-11-24T07:30:00Z'), firstSent.get('cyd')!.toISOString());
  });

  it('the daily digest reaches a sergeant on the night cycle during a night shift, not by day', async () => {
    await postToTray(deps, {
      recipientId: 'rhys',
      key: 'care:test-rota',
      feature: 'care',
      aboutPersonId: 'nia',
      line: 'Nia Nights: clinical supervision is due.',
      since: '2026-11-23T00:00:00Z',
      actions: [],
    });
    const roster = { people: (await deps.people.list()).map((p) => p.value) };
    const rhys = roster.people.find((p) => p.id === 'rhys')!;
    let sentAt: Date | undefined;
    for (let i = 0; i < 10 * 72 && !sentAt; i++) {
      await composeDigests(deps, log);
      if (deps.notifier.to('rhys').length) sentAt = deps.clock.now();
      else deps.clock.advance(20 * 60_000);
    }
    assert.ok(sentAt, 'a digest was sent');
    assert.ok(isWorkingMoment(rhys.workingPattern, [], 'rhys', sentAt), sentAt.toISOString());
    // Rhys's nights: 2026-11-20..23, so the night of the 23rd (19:00) is his next after the clock starts at midnight
    // (still inside the night of the 22nd: 00:00-07:00 counts).
    assert.equal(localMoment(sentAt).date, '2026-11-23');
    assert.ok(localMoment(sentAt).minute < 7 * 60, `in the early hours of the night that began on the 22nd: ${sentAt.toISOString()}`);
  });
});
