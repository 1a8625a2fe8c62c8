// Entry point for a Haven run as its own process by test/support/haven-process.ts: the composition
// root as `npm run serve` runs it (real job loop, real clock), configured only by the environment.
// Prints one JSON line on stdout when it is listening; logs go to stderr.
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logging.ts';
import { startHaven } from '../../src/main.ts';

const config = loadConfig();
const haven = await startHaven(config, { log: createLogger(config.logLevel, process.stderr) });
process.stdout.write(`${JSON.stringify({ havenReady: haven.url, pid: process.pid })}\n`);
const stop = () => void haven.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
