// A break that ends, on in-memory ports: the return is stored with its effects, and a crash before
// they are carried out (viewing restored, tray lines, the person's card) or before the Graph re-add
// is finished by the next job tick, exactly once. Neither the click nor a rerun calls Graph twice.
import assert from 'node:assert/strict';
import { raiseDeclaration } from '../../../src/features/declarations/raise-declaration.ts';
import { transition } from '../../../src/features/declarations/rules.ts';
import { withEffectIds } from '../../../src/features/declarations/declaration-context.ts';
import { breakContext } from '../../../src/features/declarations/break-effects.ts';
import { tickOffViewing } from '../../../src/features/declarations/break-jobs.ts';
import { tickDeclarations } from '../../../src/features/declarations/jobs.ts';
import { withPendingEffects } from '../../../src/kernel/pending-effects.ts';
import { loadRoster } from '../../../src/kernel/load-roster.ts';
import type { RestoreResult, ViewingAccess } from '../../../src/kernel/ports.ts';
import { createLogger } from '../../../src/logging.ts';
import { memoryDeps, withRoster, type MemoryDeps } from '../../support/memory-deps.ts';
import { UNIT_CSV, actor } from './small-unit.ts';

const log = createLogger('silent');
const NOW = '2026-11-23T10:00:00Z';

function recordingAccess(answers: RestoreResult[] = []): ViewingAccess & { restored: string[] } {
  const restored: string[] = [];
  return {
    configured: true,
    restored,
    async remove() {
      return 'removed';
    },
    async restore(person) {
      restored.push(person.id);
      return answers.shift() ?? { outcome: 'restored' };
    },
  };
}

/** Applies a step as the workflow would store it, without flushing its effects: a crash right after the save. */
async function storeWithoutFlush(deps: MemoryDeps, id: string, personId: string, action: Parameters<typeof transition>[1]) {
  const stored = (await deps.declarations.get(id))!;
  const ctx = await breakContext(deps, stored.value, await loadRoster(deps));
  const r = transition(stored.value, action, { kind: 'person', personId }, ctx);
  assert.ok(r.ok && r.changed, JSON.stringify(r));
  const next = withPendingEffects(stored.value, r.declaration, withEffectIds(r.declaration, r.effects));
  await deps.declarations.save(next, stored.version);
}

describe('workflow (in memory): a break that ends, after a crash', () => {
  let deps: MemoryDeps;
  let access: ReturnType<typeof recordingAccess>;
  beforeEach(async () => {
    deps = await withRoster(memoryDeps({ now: NOW }), UNIT_CSV);
    access = recordingAccess();
    deps.viewingAccess = access;
  });

  it('a return stored but not carried out: the next tick restores viewing, re-adds once, tells the person once', async () => {
    const { declaration } = await raiseDeclaration(deps, actor('alex'), { kind: 'break', share: 'supervisor', requestId: 'a-1' }, log);
    await tickDeclarations(deps, log); // the removal from the group
    await storeWithoutFlush(deps, declaration.id, 'alex', { type: 'readyToReturn' });
    await storeWithoutFlush(deps, declaration.id, 'sam', { type: 'confirmReturn', automatic: true });
    assert.equal((await deps.people.get('alex'))?.value.viewingStatus, 'notViewing', 'the crash left the person record behind');

    await tickOffViewing(deps, log);
    assert.equal((await deps.people.get('alex'))?.value.viewingStatus, 'viewing');
    assert.deepEqual(access.restored, ['alex']);
    assert.equal((await deps.declarations.get(declaration.id))?.value.offViewing?.accessRestore, 'restoredAutomatically');
    const told = deps.notifier.withPurpose('declaration.break.returnAgreed');
    assert.equal(told.length, 1);

    await tickOffViewing(deps, log);
    await tickOffViewing(deps, log);
    assert.deepEqual(access.restored, ['alex'], 'Graph is called once');
    assert.equal(deps.notifier.withPurpose('declaration.break.returnAgreed').length, 1, 'the person is told once');
    assert.equal(deps.audit.withAction('person.viewingStatus').filter((e) => e.reason === 'viewing after an agreed return').length, 1);
    assert.equal((await deps.declarations.listOffViewing()).length, 0, 'nothing left for the job');
  });

  it('a second break still open keeps the person off viewing when the first one ends', async () => {
    const first = (await raiseDeclaration(deps, actor('bea'), { kind: 'break', share: 'supervisor', requestId: 'b-1' }, log)).declaration;
    await raiseDeclaration(deps, actor('bea'), { kind: 'break', share: 'supervisor', requestId: 'b-2' }, log);
    await tickDeclarations(deps, log);
    await storeWithoutFlush(deps, first.id, 'bea', { type: 'readyToReturn' });
    await storeWithoutFlush(deps, first.id, 'sam', { type: 'confirmReturn', automatic: true });
    await tickOffViewing(deps, log);
    assert.equal((await deps.people.get('bea'))?.value.viewingStatus, 'notViewing');
  });

  it('throttled (retry), then gives up after five tries: the step by hand', async () => {
    access = recordingAccess(Array.from({ length: 5 }, () => ({ outcome: 'retry' as const, afterSeconds: 30 })));
    deps.viewingAccess = access;
    const { declaration } = await raiseDeclaration(deps, actor('dev'), { kind: 'break', share: 'supervisor', requestId: 'd-1' }, log);
    await tickDeclarations(deps, log);
    await storeWithoutFlush(deps, declaration.id, 'dev', { type: 'readyToReturn' });
    await storeWithoutFlush(deps, declaration.id, 'priya', { type: 'confirmReturn', automatic: true });
    for (let i = 0; i < 5; i++) {
      await tickOffViewing(deps, log);
      await tickOffViewing(deps, log); // before the Retry-After: no call
      deps.clock.advance(31_000);
    }
    assert.equal(access.restored.length, 5);
    const d = (await deps.declarations.get(declaration.id))!.value;
    assert.equal(d.offViewing?.automaticRestore, 'failed');
    assert.equal(d.offViewing?.accessRestore, 'awaitingConfirmation');
    assert.ok((await deps.tray.listOpenFor('priya')).some((i) => i.value.key === `break:${declaration.id}:restoreAccess`));
  });
});
