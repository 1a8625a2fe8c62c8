// A whole Haven's dependencies on in-memory ports (test/support/memory-ports.ts), with the default
// configuration and the data files in data/, for fast workflow tests. Nothing listens, nothing is
// delivered: what workflows enqueue is in `notifier.messages`.
import { noAppInstaller, noDirectory, noRosterSync } from '../../src/kernel/go-live-defaults.ts';
import { loadConfig } from '../../src/config.ts';
import { loadDataFiles } from '../../src/data-files.ts';
import { settingsFrom } from '../../src/main.ts';
import { bringClinicalSupervisionForward } from '../../src/features/care/index.ts';
import { noViewingAccess } from '../../src/graph/viewing-access.ts';
import type { HavenDeps } from '../../src/haven-deps.ts';
import { importRoster } from '../../src/kernel/import-roster.ts';
import {
  FakeClock,
  MemoryAbsenceRepository,
  MemoryAuditLog,
  MemoryCareRepository,
  MemoryCheckInRepository,
  MemoryConversationRefRepository,
  MemoryDeclarationRepository,
  MemoryDigestRepository,
  MemoryFlagRepository,
  MemoryWorkloadRepository,
  MemoryJourneyRepository,
  MemoryNotifier,
  MemoryPeopleRepository,
  MemoryRosterVersion,
  MemoryStagedExposureRepository,
  MemorySuitabilityRepository,
  MemoryTrayRepository,
  MemoryTrimRepository,
  MemoryUnitRepository,
  MemoryConcernRepository,
  MemoryStepAwayRepository,
  MemoryFileOfferRepository,
} from './memory-ports.ts';
import { OutboxFileOffers } from '../../src/kernel/file-offers.ts';
import { RosterView } from '../../src/kernel/roster-view.ts';

export interface MemoryDeps extends HavenDeps {
  people: MemoryPeopleRepository;
  notifier: MemoryNotifier;
  tray: MemoryTrayRepository;
  digests: MemoryDigestRepository;
  audit: MemoryAuditLog;
  clock: FakeClock;
  declarations: MemoryDeclarationRepository;
  checkIns: MemoryCheckInRepository;
  flags: MemoryFlagRepository;
  workloadWeeks: MemoryWorkloadRepository;
  journeys: MemoryJourneyRepository;
  care: MemoryCareRepository;
  stages: MemoryStagedExposureRepository;
  suitability: MemorySuitabilityRepository;
  concerns: MemoryConcernRepository;
  trimFollowUps: MemoryTrimRepository;
  fileOfferRecords: MemoryFileOfferRepository;
}

/** `env` as configuration would read it (defaults otherwise); `now` starts the fake clock. */
export function memoryDeps(options: { env?: Record<string, string>; now?: string } = {}): MemoryDeps {
  const config = loadConfig({ HAVEN_MODE: 'local', ...options.env });
  const dataFiles = loadDataFiles(config);
  const notifier = new MemoryNotifier();
  const clock = new FakeClock(options.now);
  const fileOfferRecords = new MemoryFileOfferRepository();
  // Issue 15: one roster version for the three roster repositories, and the roster view main.ts wires too.
  const rosterVersion = new MemoryRosterVersion();
  const people = new MemoryPeopleRepository(rosterVersion);
  const units = new MemoryUnitRepository(rosterVersion);
  const absences = new MemoryAbsenceRepository(rosterVersion);
  const deps: MemoryDeps = {
    people,
    units,
    absences,
    rosterView: new RosterView({ people, units, absences, rosterVersion }),
    conversations: new MemoryConversationRefRepository(),
    notifier,
    tray: new MemoryTrayRepository(),
    digests: new MemoryDigestRepository(),
    audit: new MemoryAuditLog(),
    clock,
    declarations: new MemoryDeclarationRepository(),
    stepAways: new MemoryStepAwayRepository(),
    journeys: new MemoryJourneyRepository(),
    flags: new MemoryFlagRepository(),
    workloadWeeks: new MemoryWorkloadRepository(),
    stages: new MemoryStagedExposureRepository(),
    care: new MemoryCareRepository(),
    suitability: new MemorySuitabilityRepository(),
    checkIns: new MemoryCheckInRepository(),
    concerns: new MemoryConcernRepository(),
    viewingAccess: noViewingAccess,
    trimFollowUps: new MemoryTrimRepository(),
    ...settingsFrom(config, dataFiles),
    // As main.ts wires it (issue #14 part 4).
    bringClinicalSupervisionForward: (personId, reason) => bringClinicalSupervisionForward(deps, personId, reason),
    // Issue 16: nothing configured, as in main.ts without Graph.
    directory: noDirectory,
    appInstaller: noAppInstaller,
    rosterSync: noRosterSync(() => deps.clock.now()),
    // Issue 16 part 4: files in the personal chat, as main.ts wires them.
    fileOfferRecords,
    fileOffers: new OutboxFileOffers(fileOfferRecords, notifier, clock),
    // Issue 16 part 4 (the admin card): no outbox here (the notifier records what is enqueued), no job loop.
    deliveryQueue: {
      waiting: async () => [],
      endedSince: async () => [],
      message: async () => undefined,
      requeue: async () => {
        throw new Error('the in-memory deps hold no outbox to requeue');
      },
      endedBefore: async () => [],
      remove: async () => undefined,
    },
    retention: { off: true, problems: [], sources: [] },
    oncePer: { claim: async () => false },
    jobLoop: { current: async () => undefined },
  };
  return deps;
}

/** Imports a roster CSV (the real import, validated whole); throws listing the problems of a bad one. */
export async function withRoster<D extends MemoryDeps>(deps: D, csv: string): Promise<D> {
  const result = await importRoster(deps, csv, 'test');
  if (!result.ok) throw new Error(`roster problems:\n${result.problems.map((p) => JSON.stringify(p)).join('\n')}`);
  return deps;
}
