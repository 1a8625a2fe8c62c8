// Runs Azurite's table server in its own process. It cannot share a process with restify: restify
// adds `query` to http.IncomingMessage.prototype, which hides the $filter of every table query from
// Azurite (all filters silently match everything). Prints one JSON line with the address, then
// serves until SIGTERM/SIGINT or until its parent goes away.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const [, , location = '', portText = '0'] = process.argv;
const { default: TableServer } = require('azurite/dist/src/table/TableServer');
const { default: TableConfiguration } = require('azurite/dist/src/table/TableConfiguration');

let dbPath;
if (location) {
  mkdirSync(location, { recursive: true });
  dbPath = join(location, '__azurite_db_table__.json');
}
// Positional arguments of TableConfiguration (azurite 3.35): host, port, keepAlive, dbPath, debugLog,
// accessLog, accessLogStream, debugLogPath, loose, skipApiVersionCheck, cert, key, pwd, oauth,
// disableProductStyleUrl, inMemoryPersistence.
const config = new TableConfiguration(
  '127.0.0.1',
  Number(portText),
  undefined,
  dbPath,
  false,
  false,
  undefined,
  undefined,
  false,
  true,
  '',
  '',
  '',
  undefined,
  false,
  !location,
);
const server = new TableServer(config);
try {
  await server.start();
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: error.code ?? error.message })}\n`);
  process.exit(1);
}
process.stdout.write(`${JSON.stringify({ address: server.getHttpServerAddress() })}\n`);

let closing = false;
const stop = async () => {
  if (closing) return;
  closing = true;
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The parent holds our stdin open; when it dies, stdin ends and we flush and exit.
process.stdin.on('end', stop);
process.stdin.resume();
