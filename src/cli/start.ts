// `npm start`: Azurite (embedded), Haven in local mode, and the Microsoft 365 Agents Playground, all
// on loopback. Ctrl-C stops all three.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigWith, type Config } from '../config.ts';
import { createLogger } from '../logging.ts';
import { loadConfigOrExit, startHaven } from '../main.ts';
import { playgroundListening, startPlayground, waitForHttp } from './playground.ts';
import { readPlaygroundSetup, recordDemoInstallations } from './demo-installations.ts';
import type { ChildProcess } from 'node:child_process';

/**
 * The demo counts scheduled care from the day it was first started (kept in the data folder), unless
 * HAVEN_CARE_FROM says otherwise: the demo roster has people who joined years ago and no care on
 * record, and a first look at Haven should not be a pile of "overdue" cards.
 */
function withDemoCareStart(config: Readonly<Config>): Readonly<Config> {
  if (config.care.schedule.countFrom) return config;
  const file = join(config.dataDir, 'care-from');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, new Date().toISOString().slice(0, 10));
  }
  return loadConfigWith({ HAVEN_CARE_FROM: readFileSync(file, 'utf8').trim() });
}

async function main(): Promise<void> {
  const loaded = loadConfigOrExit();
  if (loaded.mode !== 'local') {
    process.stderr.write('npm start is for local development; in production run: node --import tsx src/main.ts\n');
    process.exit(1);
  }
  const config = withDemoCareStart(loaded);
  const log = createLogger(config.logLevel);
  let playground: ChildProcess | undefined;
  // What the Playground itself says it bound: it moves to the next free port when HAVEN_PLAYGROUND_PORT
  // is taken (by another instance, say), so the port asked for is not necessarily ours.
  let listening = { error: 'the Playground was not started' } as { url: string; port: number } | { error: string };
  let up = false;
  // The Playground starts before Haven's jobs first run, so that the demo people's installations are
  // recorded before anything is sent to them (see demo-installations.ts).
  const haven = await startHaven(config, {
    log,
    async beforeJobs({ url, deps }) {
      playground = startPlayground(url, config.playgroundPort);
      listening = await playgroundListening(playground, 60_000);
      if ('error' in listening) return;
      up = await waitForHttp(`${listening.url}/_debug/ping`, 60_000);
      if (!up) return;
      const installed = await recordDemoInstallations(config, deps, await readPlaygroundSetup(listening.url));
      log.info({ ...installed }, 'demo people reachable in the Playground');
    },
  });
  if (!playground) throw new Error('the Playground was not started');
  if ('error' in listening) {
    process.stderr.write(`Haven failed to start: ${listening.error}; see its output above.\n`);
    playground.kill('SIGTERM');
    await haven.close();
    process.exit(1);
  }
  const moved =
    listening.port !== config.playgroundPort ? ` (port ${config.playgroundPort} was taken; set HAVEN_PLAYGROUND_PORT to choose)` : '';
  const azurite = haven.localAzurite;
  process.stdout.write(
    `\n  Haven bot:            ${haven.url}/api/messages (local mode, no authentication, loopback only)\n` +
      `  Agents Playground:    ${listening.url}${moved}${up ? '' : ' (not answering yet; see its output above)'}\n` +
      `  Azurite (tables):     ${azurite ? `${azurite.url}${azurite.shared ? ' (already running on that port: shared)' : ''}` : 'not used'}\n` +
      `  Data:                 ${config.dataDir}/azurite\n\n  Open the Playground in a browser to chat with Haven. Ctrl-C stops everything.\n\n`,
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    playground?.kill('SIGTERM');
    await haven.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  playground.on('exit', (code) => {
    if (!stopping) {
      log.error({ code }, 'the Playground stopped; stopping Haven too');
      void stop();
    }
  });
}

main().catch((error: Error) => {
  process.stderr.write(`Haven failed to start: ${error.message}\n`);
  process.exit(1);
});
