// `npm start`: Azurite (embedded), Haven in local mode, and the Microsoft 365 Agents Playground, all
// on loopback. Ctrl-C stops all three.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigWith, type Config } from '../config.ts';
import { createLogger } from '../logging.ts';
import { loadConfigOrExit, startHaven } from '../main.ts';
import { startPlayground, waitForHttp } from './playground.ts';

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
  const haven = await startHaven(config, { log });
  const playground = startPlayground(haven.url, config.playgroundPort);
  const playgroundUrl = `http://127.0.0.1:${config.playgroundPort}`;
  const up = await waitForHttp(playgroundUrl, 60_000);
  process.stdout.write(
    `\n  Haven bot:            ${haven.url}/api/messages (local mode, no authentication, loopback only)\n` +
      `  Agents Playground:    ${up ? playgroundUrl : `${playgroundUrl} (not answering yet; see its output above)`}\n` +
      `  Data (Azurite):       ${config.dataDir}/azurite\n\n  Open the Playground in a browser to chat with Haven. Ctrl-C stops everything.\n\n`,
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    playground.kill('SIGTERM');
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
