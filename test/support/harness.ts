// Starts a whole Haven (restify + teams-ai + workflows + outbox) on loopback port 0, with embedded
// Azurite in a temp folder and a fake Bot Connector. Only the clock is faked, at our own seam.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logging.ts';
import { startHaven, type Haven } from '../../src/main.ts';
import { FakeClock } from './clock.ts';
import { startFakeConnector, type FakeConnector } from './fake-connector.ts';

export interface TestHaven {
  haven: Haven;
  connector: FakeConnector;
  clock: FakeClock;
  /** Every log line Haven wrote, parsed. */
  logs: Record<string, unknown>[];
  /** POSTs an activity to /api/messages; answers status and parsed body. */
  post(activity: unknown): Promise<{ status: number; body: any }>;
  /** Runs the job loop once (dispatcher etc.) — tests move time themselves. */
  tick(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestHaven(
  options: {
    env?: Record<string, string>;
    clock?: FakeClock;
    demoRoster?: boolean;
    /** Load data/demo-journeys.json on start (off by default: most tests want no journeys). */
    demoJourneys?: boolean;
    /** Reuse a data folder (e.g. to restart on the same storage); the caller owns it and removes it. */
    dataDir?: string;
    /** Token Haven presents to Microsoft Graph (with HAVEN_GRAPH_URL pointing at a fake Graph). */
    graphToken?: () => Promise<string>;
    /** Share a fake Bot Connector (e.g. across a restart); the caller owns it and closes it. */
    connector?: FakeConnector;
    /**
     * Run scheduled care as configured (counted from joining dates). Off by default: the demo roster
     * has years of unrecorded care, and a test about something else should not wade through its
     * reminders (care then starts counting in 2099). Tests of care and of the year turn it on.
     */
    care?: boolean;
    /**
     * Issue 16: run the daily retention job with data/retention.json (or the file given). Off by default, as
     * care is: a test about something else should not find its old rows deleted by a year of fake time.
     */
    retention?: boolean | string;
    /** Lowest log level kept (default debug); a long simulation keeps only warnings to stay fast. */
    logLevel?: 'debug' | 'info' | 'warn';
  } = {},
): Promise<TestHaven> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'haven-test-'));
  const connector = options.connector ?? (await startFakeConnector());
  const clock = options.clock ?? new FakeClock();
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      cb();
    },
  });
  const config = loadConfig({
    PORT: '0',
    HAVEN_AZURITE_PORT: '0',
    HAVEN_DATA_DIR: dataDir,
    HAVEN_LOG_LEVEL: options.logLevel ?? 'debug',
    // Tests move the clock themselves and expect every tick to look for due work.
    HAVEN_SCHEDULE_EVERY_SECONDS: '0',
    ...(options.care ? {} : { HAVEN_CARE_FROM: '2099-01-01' }),
    HAVEN_DEMO_ROSTER: options.demoRoster === false ? 'none.csv' : 'data/demo-roster.csv',
    HAVEN_DEMO_JOURNEYS: options.demoJourneys ? 'data/demo-journeys.json' : 'none.json',
    // Issue 16: no roster sync from Entra ID unless a test asks (env HAVEN_ENTRA_DIR=data/demo-entra): a test that
    // points HAVEN_GRAPH_URL at a fake Graph for something else must not see the daily sync's requests.
    HAVEN_ENTRA_DIR: 'none',
    HAVEN_RETENTION_FILE: typeof options.retention === 'string' ? options.retention : options.retention ? 'data/retention.json' : 'off',
    ...options.env,
  });
  const haven = await startHaven(config, {
    log: createLogger(options.logLevel ?? 'debug', sink),
    clock,
    manualJobs: true,
    graphToken: options.graphToken,
  });
  return {
    haven,
    connector,
    clock,
    logs,
    async post(activity) {
      const r = await fetch(`${haven.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      const text = await r.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // keep the text
      }
      // Issue 15: alerts the turn queued are sent at once, in the background (the express path); they
      // land before the test goes on, so they never spill into what a later step counts.
      await haven.dispatcher.expressSettled();
      return { status: r.status, body };
    },
    async tick() {
      await haven.loop.tick();
      await haven.dispatcher.expressSettled();
    },
    async close() {
      await haven.close();
      if (!options.connector) await connector.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
