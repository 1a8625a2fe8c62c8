// Issue 15: once a day's check-ins went out, the check-in job reads no check-in person by person each
// minute (the day's settled list answers for everyone); what it sends is unchanged. In-memory ports.
import assert from 'node:assert/strict';
import { sendDueCheckIns } from '../../../src/features/check-ins/send-due-check-ins.ts';
import { createLogger } from '../../../src/logging.ts';
import { memoryDeps, withRoster } from '../../support/memory-deps.ts';

const log = createLogger('silent');
const CSV = `kind,id,name,roles,unit,supervisor,teams_user_id,aad_object_id,joined_unit,working_pattern,channel_id,head,above,from,to,cover,part_time
unit,unit-1,Team One,,,,,,,,19:team-one@thread.tacv2,dana,,,,,
person,dana,Dana Head,departmentHead,unit-1,,29:dana,00000000-0000-4000-8000-000000000001,2021-09-06,Mon-Fri 08:00-17:00,,,,,,,
person,rhys,Rhys Sergeant,supervisor,unit-1,dana,29:rhys,00000000-0000-4000-8000-000000000002,2022-01-10,Mon-Fri 08:00-17:00,,,,,,,
person,cyd,Cyd Officer,officer,unit-1,rhys,29:cyd,00000000-0000-4000-8000-000000000005,2024-05-18,Mon-Fri 08:00-17:00,,,,,,,
person,nia,Nia Officer,officer,unit-1,rhys,29:nia,00000000-0000-4000-8000-000000000006,2024-02-12,Mon-Fri 08:00-17:00,,,,,,,
`;

describe('workflow (in memory): the check-in job each minute (issue 15)', () => {
  it('sends each check-in once, then reads no check-in per person on the minutes after', async () => {
    const deps = await withRoster(memoryDeps({ now: '2026-11-23T10:30:00Z' }), CSV);
    let reads = 0;
    const get = deps.checkIns.get.bind(deps.checkIns);
    deps.checkIns.get = async (id) => {
      reads++;
      return get(id);
    };
    await sendDueCheckIns(deps, log);
    const prompts = () => deps.notifier.messages.filter((m) => m.purpose === 'checkIn.prompt').length;
    const sent = prompts();
    assert.ok(sent >= 2, `the officers at work were sent their check-ins (${sent})`);
    assert.ok(reads > 0, 'the first minute reads the records it creates');
    for (let minute = 1; minute <= 5; minute++) {
      reads = 0;
      deps.clock.advance(60_000);
      await sendDueCheckIns(deps, log);
      assert.equal(reads, 0, `minute ${minute}: no check-in read person by person`);
      assert.equal(prompts(), sent, `minute ${minute}: nobody sent a second card`);
    }
  });
});
