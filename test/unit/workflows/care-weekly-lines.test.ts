// Issue 15: the care job's weekly "my team" lines. Once every supervisor of the week has theirs, the
// minutes after read one mark instead of one per supervisor; a supervisor added mid-week still gets
// their line that week. In-memory ports.
import assert from 'node:assert/strict';
import { tickCare } from '../../../src/features/care/tick-care.ts';
import { createLogger } from '../../../src/logging.ts';
import { memoryDeps, withRoster } from '../../support/memory-deps.ts';

const log = createLogger('silent');
const HEAD = `kind,id,name,roles,unit,supervisor,teams_user_id,aad_object_id,joined_unit,working_pattern,channel_id,head,above,from,to,cover,part_time
unit,unit-1,Team One,,,,,,,,19:team-one@thread.tacv2,dana,,,,,
person,dana,Dana Head,departmentHead,unit-1,,29:dana,00000000-0000-4000-8000-000000000001,2021-09-06,Mon-Fri 08:00-17:00,,,,,,,
person,rhys,Rhys Sergeant,supervisor,unit-1,dana,29:rhys,00000000-0000-4000-8000-000000000002,2022-01-10,Mon-Fri 08:00-17:00,,,,,,,
person,cyd,Cyd Officer,officer,unit-1,rhys,29:cyd,00000000-0000-4000-8000-000000000005,2024-05-18,Mon-Fri 08:00-17:00,,,,,,,
`;
const NEW_SERGEANT = `person,tal,Tal Sergeant,supervisor,unit-1,dana,29:tal,00000000-0000-4000-8000-000000000009,2022-01-10,Mon-Fri 08:00-17:00,,,,,,,
person,nia,Nia Officer,officer,unit-1,tal,29:nia,00000000-0000-4000-8000-000000000006,2024-02-12,Mon-Fri 08:00-17:00,,,,,,,
`;

const teamLine = async (deps: Awaited<ReturnType<typeof withRoster>>, id: string) =>
  (await deps.tray.listOpenFor(id)).some((i) => i.value.key.startsWith(`team:${id}:`));

describe('workflow (in memory): the weekly team lines each minute (issue 15)', () => {
  it('one read of the week once all lines are out; a supervisor added mid-week still gets theirs', async () => {
    const deps = await withRoster(memoryDeps({ now: '2026-11-23T10:30:00Z', env: { HAVEN_CARE_FROM: '2099-01-01' } }), HEAD);
    await tickCare(deps, log);
    assert.ok(await teamLine(deps, 'rhys'), 'the sergeant has the week’s line');
    let reads = 0;
    const hasMark = deps.care.hasMark.bind(deps.care);
    deps.care.hasMark = async (key) => {
      reads++;
      return hasMark(key);
    };
    deps.clock.advance(60_000);
    await tickCare(deps, log);
    assert.equal(reads, 1, 'a quiet minute reads one mark for the week, not one per supervisor');

    const more = await withRoster(deps, HEAD + NEW_SERGEANT);
    more.clock.advance(60_000);
    await tickCare(more, log);
    assert.ok(await teamLine(more, 'tal'), 'the new sergeant gets their line the same week');
    const rhysLines = (await more.tray.listFor('rhys')).filter((i) => i.value.key.startsWith('team:rhys:'));
    assert.equal(rhysLines.length, 1, 'nobody already told gets a second line');
  });
});
