// What a supervisor, cover or trainer must act on that is not urgent is a line in their tray (their
// daily digest), not a card each (issue 13): stage confirmations and check-in flags, on in-memory ports.
import assert from 'node:assert/strict';
import { actOnStage } from '../../../src/features/care/act-on-stage.ts';
import { notifyFlag } from '../../../src/features/check-ins/tick-flags.ts';
import type { Flag } from '../../../src/features/check-ins/flag.ts';
import { loadRoster } from '../../../src/kernel/load-roster.ts';
import { memoryDeps, withRoster, type MemoryDeps } from '../../support/memory-deps.ts';
import { actor } from './small-unit.ts';

// Alex joined recently (staged exposure); Tom trains the unit; Priya covers for Sam while he is away.
const CSV = `kind,id,name,roles,unit,supervisor,teams_user_id,aad_object_id,joined_unit,working_pattern,channel_id,head,above,from,to,cover
unit,unit-1,Team One,,,,,,,,19:team-one@thread.tacv2,dana,,,,
person,dana,Dana Head,departmentHead,unit-1,,29:dana,00000000-0000-4000-8000-000000000001,2021-09-06,Mon-Fri 08:00-17:00,,,,,,
person,sam,Sam Supervisor,supervisor,unit-1,dana,29:sam,00000000-0000-4000-8000-000000000002,2022-01-10,Mon-Fri 07:00-16:00,,,,,,
person,priya,Priya Supervisor,supervisor,unit-1,dana,29:priya,00000000-0000-4000-8000-000000000003,2023-04-03,Mon-Fri 07:00-16:00,,,,,,
person,tom,Tom Trainer,trainer,unit-1,dana,29:tom,00000000-0000-4000-8000-000000000004,2020-06-01,Mon-Fri 07:00-16:00,,,,,,
person,alex,Alex Officer,officer,unit-1,sam,29:alex,00000000-0000-4000-8000-000000000005,2026-11-02,Mon-Fri 08:00-16:00,,,,,,
`;

const open = async (deps: MemoryDeps, who: string, prefix: string) =>
  (await deps.tray.listOpenFor(who)).map((r) => r.value).filter((l) => l.key.startsWith(prefix));

describe('workflow (in memory): non-urgent things to act on are tray lines', () => {
  let deps: MemoryDeps;
  beforeEach(async () => {
    deps = await withRoster(memoryDeps({ now: '2026-11-23T10:00:00Z' }), CSV);
  });

  it('a stage confirmation is one line per confirmer; the officer pausing closes it for all, and asking again reopens it', async () => {
    assert.ok((await actOnStage(deps, actor('alex'), { type: 'sayReady' })).ok);
    for (const who of ['sam', 'tom'])
      assert.deepEqual(
        (await open(deps, who, 'stage:')).map((l) => l.key),
        ['stage:alex:C'],
        who,
      );
    assert.ok(!deps.notifier.messages.some((m) => m.purpose === 'stage.askConfirmation'), 'no card of its own');
    assert.ok((await actOnStage(deps, actor('alex'), { type: 'pause' })).ok);
    for (const who of ['sam', 'tom']) assert.deepEqual(await open(deps, who, 'stage:'), [], `${who}: nothing left to confirm`);
    assert.ok(
      deps.notifier.messages.some((m) => m.purpose === 'stage.changed'),
      'the pause itself is still told at once',
    );
    await actOnStage(deps, actor('alex'), { type: 'resume' });
    await actOnStage(deps, actor('alex'), { type: 'sayReady' });
    assert.equal((await open(deps, 'sam', 'stage:')).length, 1, 'ready again: the line is open again');
    assert.ok((await actOnStage(deps, actor('tom'), { type: 'confirm' }, 'alex')).ok);
    for (const who of ['sam', 'tom'])
      assert.deepEqual(
        (await open(deps, who, 'stage:')).map((l) => l.key),
        who === 'sam' ? ['stage:alex:C:discussion'] : [],
        `${who}: confirmed; the person responsible for Alex is asked to hold a discussion about stage C`,
      );
  });

  it("a flag told to a cover leaves the cover's tray when the cover ends, and stays with whoever may still act", async () => {
    await deps.absences.create({ id: 'sam-away', personId: 'sam', from: '2026-11-23', to: '2026-11-24', coverId: 'priya' });
    const flag: Flag = {
      id: 'flag-alex-lowScore-2026-11-23',
      personId: 'alex',
      unitId: 'unit-1',
      reason: 'lowScore',
      checkInDueAt: '2026-11-23T09:00:00Z',
      openedAt: '2026-11-23T10:00:00Z',
      notices: [],
    };
    await deps.flags.add(flag);
    await notifyFlag(deps, (await deps.flags.get(flag.id))!, await loadRoster(deps));
    const [line] = await open(deps, 'priya', 'flag:');
    assert.equal(line?.line, 'Consider a welfare conversation with Alex Officer: a low wellbeing score (flagged 23 Nov 2026)');
    assert.deepEqual(await open(deps, 'sam', 'flag:'), [], 'never the absent supervisor');
    // Sam is back and nobody acknowledged: the next level is told; Priya, no longer covering, has nothing to act on.
    deps.clock.set('2026-11-25T10:00:00Z');
    await notifyFlag(deps, (await deps.flags.get(flag.id))!, await loadRoster(deps));
    const told = (await deps.flags.get(flag.id))!.value.notices.map((n) => n.personId);
    assert.equal(told.length, 2, told.join(' '));
    assert.deepEqual(await open(deps, 'priya', 'flag:'), [], 'the cover ended: her line is resolved');
    assert.equal((await open(deps, told[1]!, 'flag:')).length, 1, `${told[1]} holds it now`);
  });
});
