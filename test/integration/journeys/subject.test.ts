// A journey is the candidate's data: a subject access export carries it (answers decrypted); an
// erasure is refused while it is in progress, then deletes it and the messages about it.
import assert from 'node:assert/strict';
import { eraseSubject, exportSubject, plannedIds } from '../../../src/features/subject-requests/index.ts';
import type { Journey } from '../../../src/features/journeys/index.ts';
import { FEATURES } from '../../../src/main.ts';
import { DEMO } from '../../support/activities.ts';
import { startTestHaven, type TestHaven } from '../../support/harness.ts';
import { ANSWERS, CANARY, act, install, openForGus, toQuestionnaire } from './helpers.ts';

describe('journeys: subject access and erasure', () => {
  let t: TestHaven;
  before(async () => {
    t = await startTestHaven();
    await install(t);
  });
  after(async () => t?.close());

  const deps = () => ({ ...t.haven.deps, outbox: t.haven.outbox });

  it("exports the candidate's journey with their answers; the trainer's export does not carry them", async () => {
    const id = await openForGus(t);
    await toQuestionnaire(t, id);
    await act(t, DEMO.gus!, 'questionnaire.submit', { journeyId: id, ...ANSWERS });
    const gus = await exportSubject(deps(), FEATURES, 'gus.novak');
    assert.ok(gus.ok);
    const journeys = gus.export.journeys as Journey[];
    assert.equal(journeys.length, 1);
    assert.equal(journeys[0]!.questionnaire?.answers?.feelings, CANARY.feelings);
    const tom = await exportSubject(deps(), FEATURES, 'tom.reed');
    assert.ok(tom.ok);
    assert.ok(!JSON.stringify(tom.export).includes(CANARY.feelings));
  });

  it('erasure is refused while the journey is in progress; once withdrawn it deletes the journey and the messages about it', async () => {
    const refused = await eraseSubject(deps(), FEATURES, 'gus.novak', { confirm: true });
    assert.ok(!refused.ok);
    assert.match(refused.message, /pre-deployment journey\(s\) still in progress/);
    const [j] = await t.haven.deps.journeys.listForCandidate('gus.novak');
    await act(t, DEMO.gus!, 'journey.withdraw', { journeyId: j!.value.id, confirm: true });
    await t.tick();
    const done = await eraseSubject(deps(), FEATURES, 'gus.novak', { confirm: true });
    assert.ok(done.ok && !done.dryRun, JSON.stringify(done));
    assert.deepEqual(plannedIds(done.plan.remove.records, 'journeys'), [j!.value.id]);
    assert.equal(await t.haven.deps.journeys.get(j!.value.id), undefined);
    const left = (await t.haven.outbox.list()).filter((m) => m.value.id.startsWith(`journey:${j!.value.id}:`));
    assert.deepEqual(left, [], 'messages to the trainer, head and HR about it are gone too');
  });
});
