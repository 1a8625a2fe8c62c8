// The "I'm not okay" workflow on in-memory ports: no Azurite, no Teams, milliseconds.
import assert from 'node:assert/strict';
import { raiseDeclaration } from '../../../src/features/declarations/raise-declaration.ts';
import { VersionConflict } from '../../../src/kernel/ports.ts';
import { createLogger } from '../../../src/logging.ts';
import { memoryDeps, withRoster, type MemoryDeps } from '../../support/memory-deps.ts';
import { UNIT_CSV, actor } from './small-unit.ts';

const log = createLogger('silent');
// Monday 23 November 2026, 10:00 in London: Sam is at work.
const NOW = '2026-11-23T10:00:00Z';

describe('workflow (in memory): raising a declaration', () => {
  let deps: MemoryDeps;
  beforeEach(async () => {
    deps = await withRoster(memoryDeps({ now: NOW }), UNIT_CSV);
  });

  it('stores it, takes the person off viewing and enqueues one private alert to their supervisor', async () => {
    const { declaration, duplicate } = await raiseDeclaration(
      deps,
      actor('alex'),
      { kind: 'break', share: 'supervisor', requestId: 'activity-1' },
      log,
    );
    assert.equal(duplicate, false);
    assert.equal((await deps.declarations.get(declaration.id))?.value.personId, 'alex');

    const alerts = deps.notifier.withPurpose('declaration.alert');
    assert.deepEqual(
      alerts.map((m) => m.target),
      [{ kind: 'person', personId: 'sam' }],
    );
    assert.equal(alerts[0]?.lane, 'alert');
    assert.equal(alerts[0]?.activity.text, 'Haven has an update for you', 'the lock-screen text is neutral');
    assert.equal(deps.notifier.to('alex').length, 0, 'the person is answered in the turn, not by a message');

    const alex = (await deps.people.get('alex'))?.value;
    assert.equal(alex?.viewingStatus, 'notViewing');
    assert.equal(alex?.viewingStatusSince, NOW.replace('Z', '.000Z'));
    assert.ok(deps.audit.withAction('declaration.raised').some((e) => e.actor === 'alex' && e.subject === `declaration:${declaration.id}`));
  });

  it('a request to talk leaves viewing alone', async () => {
    await raiseDeclaration(deps, actor('bea'), { kind: 'talk', share: 'supervisor', requestId: 'activity-2' }, log);
    assert.notEqual((await deps.people.get('bea'))?.value.viewingStatus, 'notViewing');
    assert.deepEqual(
      deps.notifier.withPurpose('declaration.alert').map((m) => m.target),
      [{ kind: 'person', personId: 'sam' }],
    );
  });

  it('the same click delivered twice counts once: one declaration, one alert', async () => {
    const first = await raiseDeclaration(deps, actor('alex'), { kind: 'break', share: 'supervisor', requestId: 'activity-3' }, log);
    const again = await raiseDeclaration(deps, actor('alex'), { kind: 'break', share: 'supervisor', requestId: 'activity-3' }, log);
    assert.equal(again.duplicate, true);
    assert.equal(again.declaration.id, first.declaration.id);
    assert.equal((await deps.declarations.list()).length, 1);
    assert.equal(deps.notifier.withPurpose('declaration.alert').length, 1);
  });

  it("a save with the version read before someone else's save throws VersionConflict", async () => {
    const { declaration } = await raiseDeclaration(
      deps,
      actor('alex'),
      { kind: 'leave', share: 'supervisor', requestId: 'activity-4' },
      log,
    );
    const read = (await deps.declarations.get(declaration.id))!;
    await deps.declarations.save({ ...read.value, status: 'acknowledged' }, read.version);
    await assert.rejects(deps.declarations.save({ ...read.value, status: 'withdrawn' }, read.version), VersionConflict);
    assert.equal((await deps.declarations.get(declaration.id))?.value.status, 'acknowledged');
  });
});
