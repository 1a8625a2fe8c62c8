// Azurite's package entry is the VS Code extension, so the table server is loaded from its dist
// folder directly. This is a development store: it flushes to disk about every 5 s, so a kill can
// lose the last writes. Production uses Azure Table Storage.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

export interface EmbeddedAzurite {
  connectionString: string;
  url: string;
  close(): Promise<void>;
}

const ACCOUNT = 'devstoreaccount1';
// The well-known development storage key published by Microsoft for the emulator; not a secret.
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

function connectionStringFor(url: string): string {
  return `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${DEV_KEY};TableEndpoint=${url};`;
}

export function developmentConnectionString(port: number): string {
  return connectionStringFor(`http://127.0.0.1:${port}/${ACCOUNT}`);
}

export async function startEmbeddedAzurite(options: { location?: string; port?: number } = {}): Promise<EmbeddedAzurite> {
  const { default: TableServer } = require('azurite/dist/src/table/TableServer') as { default: new (c: unknown) => AzuriteServer };
  const { default: TableConfiguration } = require('azurite/dist/src/table/TableConfiguration') as { default: new (...a: unknown[]) => unknown };
  const inMemory = !options.location;
  let dbPath = '';
  if (options.location) {
    mkdirSync(options.location, { recursive: true });
    dbPath = join(options.location, '__azurite_db_table__.json');
  }
  // Positional arguments of TableConfiguration (azurite 3.35): host, port, keepAlive, dbPath, debugLog,
  // accessLog, accessLogStream, debugLogPath, loose, skipApiVersionCheck, cert, key, pwd, oauth,
  // disableProductStyleUrl, inMemoryPersistence.
  const config = new TableConfiguration('127.0.0.1', options.port ?? 0, undefined, dbPath || undefined, false, false, undefined, undefined, false, true, '', '', '', undefined, false, inMemory);
  const server = new TableServer(config);
  await server.start();
  const address = server.getHttpServerAddress();
  const url = `${address}/${ACCOUNT}`;
  return {
    url,
    connectionString: connectionStringFor(url),
    async close() {
      await server.close();
    },
  };
}

interface AzuriteServer {
  start(): Promise<void>;
  close(): Promise<void>;
  getHttpServerAddress(): string;
}
