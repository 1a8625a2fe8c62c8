// A new feature is one folder and one line in FEATURES: a small fixture feature, added to the list,
// is picked up by the same builders main.ts and src/teams use, with nothing else edited.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { z } from 'zod';
import { FEATURES } from '../../../src/main.ts';
import { createLogger } from '../../../src/logging.ts';
import { COMMAND_PRIORITY, type Feature } from '../../../src/kernel/feature.ts';
import { RouteList } from '../../../src/kernel/routes.ts';
import { noticeCard } from '../../../src/kernel/notice-card.ts';
import { collectCardFixtures } from '../../../src/kernel/card-fixtures.ts';
import type { Verb } from '../../../src/kernel/verbs.ts';
import type { UnreachableEvent } from '../../../src/kernel/ports.ts';
import type { Actor } from '../../../src/kernel/context.ts';
import type { HavenDeps } from '../../../src/haven-deps.ts';
import { buildRouteTable } from '../../../src/teams/route-table.ts';
import { answerCommand, buildCommandTable, matchCommands } from '../../../src/teams/command-table.ts';
import { featureJobs } from '../../../src/jobs/feature-jobs.ts';
import { unreachableFollowUps } from '../../../src/delivery/record-unreachable.ts';
import { eraseSubject, exportSubject } from '../../../src/features/subject-requests/index.ts';
import type { OutboxRepository } from '../../../src/kernel/ports.ts';
import { memoryDeps, withRoster } from '../../support/memory-deps.ts';
import { UNIT_CSV } from '../workflows/small-unit.ts';

const quiet = createLogger('error', new Writable({ write: (_c, _e, cb) => cb() }));
const ACTOR: Actor = { teamsUserId: '29:fixture' };

/** A feature takes only its own slice of Haven's dependencies. */
type FixtureDeps = Pick<HavenDeps, 'clock'>;

function fixtureFeature(calls: string[]): Feature<FixtureDeps> {
  // A verb of its own: test-only, so it is not in kernel/verbs.ts.
  const FIXTURE_VERB = 'fixture.ping' as Verb;
  const routes = new RouteList<FixtureDeps>();
  routes.add(FIXTURE_VERB, z.object({}).passthrough(), async () => noticeCard({ title: 'Pong', lines: [], showFooter: true }));
  return {
    name: 'fixture',
    routes: routes.all,
    commands: [
      {
        name: 'ping',
        priority: COMMAND_PRIORITY.normal,
        pattern: /\bping\b/,
        words: 'ping',
        description: 'Pong',
        roles: ['officer'],
        run: async () => noticeCard({ title: 'Pong', lines: [], showFooter: false }),
      },
    ],
    jobs: [
      { name: 'fixture-urgent', cadence: 'everyTick', run: async () => void calls.push('urgent') },
      { name: 'fixture-daily', cadence: 'scheduled', run: async (deps) => void calls.push(`daily ${deps.clock.now().toISOString()}`) },
    ],
    onUnreachable: async (_deps, event) => void calls.push(`unreachable ${event.purpose}`),
    cardFixtures: async () => [
      { template: 'notice', state: 'fixture feature', card: () => noticeCard({ title: 'Pong', lines: [], showFooter: true }) },
    ],
    subjectData: {
      gather: async (_deps, subject) => ({
        own: [
          {
            kind: 'fixtureNotes',
            describe: 'fixture note(s) of theirs',
            records: [{ id: `note-${subject.person.id}`, data: { text: 'a fixture note' } }],
            erase: async () => void calls.push(`erased notes of ${subject.person.id}`),
          },
        ],
        naming: [],
        blockers: [],
        references: [],
      }),
    },
  };
}

describe('features: one folder and one line in FEATURES', () => {
  const calls: string[] = [];
  const fixture = fixtureFeature(calls);
  const withFixture: readonly Feature<HavenDeps>[] = [...FEATURES, fixture];
  const deps = { clock: { now: () => new Date('2026-11-23T09:00:00Z') } } as HavenDeps;

  beforeEach(() => void calls.splice(0));

  it('its card verbs reach the route table, and no verb has two handlers', () => {
    const table = buildRouteTable(withFixture);
    assert.equal(table.routeFor('fixture.ping'), fixture.routes[0]);
    assert.equal(new Set(table.verbs()).size, table.verbs().length);
    assert.equal(table.verbs().length, buildRouteTable(FEATURES).verbs().length + 1);
    const twice: Feature<HavenDeps> = { name: 'twice', routes: [{ ...FEATURES[0]!.routes[0]! }] };
    assert.throws(() => buildRouteTable([...FEATURES, twice]), /has two handlers \(the second in twice\)/);
  });

  it('its commands reach the command table, below the words of distress', async () => {
    const table = buildCommandTable(withFixture);
    assert.deepEqual(matchCommands(table, 'ping'), ['ping']);
    assert.ok(await answerCommand(table, deps, 'Ping!', ACTOR));
    assert.equal(matchCommands(table, "ping: I'm not okay")[0], 'notOkay');
    // No one types past the declaration words: nothing outside declarations reaches their priority.
    const top = Math.max(...table.commands.map((c) => c.priority));
    assert.equal(top, COMMAND_PRIORITY.distress);
    assert.deepEqual(
      table.commands.filter((c) => c.priority === top).map((c) => `${c.feature}/${c.name}`),
      ['declarations/notOkay', 'declarations/leave', 'declarations/break', 'declarations/talk'],
    );
    assert.equal(table.commands[0]!.name, 'notOkay');
  });

  it('its jobs join the loop after the existing ones, on their cadence', async () => {
    const jobs = featureJobs(withFixture, deps, quiet, 60_000);
    assert.deepEqual(
      jobs.map((j) => [j.name, j.everyMs]),
      [
        ['declarations', undefined],
        // A break that ends (issue 14, part 1): the restore after an agreed return runs every tick, like escalation.
        ['off-viewing', undefined],
        ['check-ins', 60_000],
        ['flags', 60_000],
        ['workload', 60_000],
        ['care', 60_000],
        ['journeys', 60_000],
        // Issue 14 part 3: concerns escalate every tick (a safety concern pages in minutes).
        ['concerns', undefined],
        ['trim', 60_000],
        // Issue 16: the roster sync from Entra ID (it decides itself whether today's run is due).
        ['roster-sync', 60_000],
        // Issue 16 part 4: retention (once a day; it checks the audit trail for today's run).
        ['retention', 60_000],
        // Last of Haven's own: the digest composes from what every other job put in the tray this tick.
        ['digest', 60_000],
        ['fixture-urgent', undefined],
        ['fixture-daily', 60_000],
      ],
    );
    for (const job of jobs.slice(-2)) await job.run();
    assert.deepEqual(calls, ['urgent', 'daily 2026-11-23T09:00:00.000Z']);
    const again: Feature<HavenDeps> = {
      name: 'again',
      routes: [],
      jobs: [{ name: 'care', cadence: 'everyTick', run: async () => undefined }],
    };
    assert.throws(() => featureJobs([...FEATURES, again], deps, quiet, 60_000), /job care is listed twice/);
  });

  it('its unreachable follow-up is registered after the existing ones', async () => {
    const followUps = unreachableFollowUps(withFixture, deps, quiet);
    assert.equal(followUps.length, unreachableFollowUps(FEATURES, deps, quiet).length + 1);
    await followUps.at(-1)!({ purpose: 'fixture' } as unknown as UnreachableEvent);
    assert.deepEqual(calls, ['unreachable fixture']);
  });

  it('its card fixtures reach the card tests and the gallery', async () => {
    const all = await collectCardFixtures(withFixture);
    assert.equal(all.length, (await collectCardFixtures(FEATURES)).length + 1);
    assert.ok(all.some((f) => f.template === 'notice' && f.state === 'fixture feature'));
  });

  it('every feature in FEATURES has a kebab-case name of its own', () => {
    const names = FEATURES.map((f) => f.name);
    assert.equal(new Set(names).size, names.length);
    for (const name of names) assert.match(name, /^[a-z]+(-[a-z]+)*$/);
  });
});

describe('features: subject data is picked up from FEATURES too', () => {
  it("a fixture feature's records are in the subject export and the erasure plan, and erasure deletes them", async () => {
    const calls: string[] = [];
    const fixture = fixtureFeature(calls);
    // Only the kernel's own ports and the fixture: the subject request needs nothing else to find it.
    const outbox = { list: async () => [], get: async () => undefined } as unknown as OutboxRepository;
    const deps = Object.assign(await withRoster(memoryDeps(), UNIT_CSV), { outbox });
    const exported = await exportSubject(deps, [fixture], 'alex');
    assert.ok(exported.ok);
    assert.deepEqual(exported.export.fixtureNotes, [{ text: 'a fixture note' }]);
    const plan = await eraseSubject(deps, [fixture], 'alex', { confirm: false });
    assert.match(JSON.stringify(plan), /fixtureNotes/);
    assert.deepEqual(calls, []);
    await eraseSubject(deps, [fixture], 'alex', { confirm: true });
    assert.deepEqual(calls, ['erased notes of alex']);
  });
});
