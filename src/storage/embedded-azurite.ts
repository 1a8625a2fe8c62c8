// Azurite's table server, started as a child process on loopback. It must not run inside the bot's
// process: restify patches http.IncomingMessage so Azurite would ignore every query filter (see
// azurite-server.mjs). This is a development store: it flushes to disk about every 5 s, so a kill can
// lose the last writes. Production uses Azure Table Storage.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

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

/** Starts Azurite; without a location it keeps everything in memory. Rejects with code EADDRINUSE when the port is taken. */
export async function startEmbeddedAzurite(options: { location?: string; port?: number } = {}): Promise<EmbeddedAzurite> {
  const script = fileURLToPath(new URL('./azurite-server.mjs', import.meta.url));
  const child = spawn(process.execPath, [script, options.location ?? '', String(options.port ?? 0)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<{ address?: string; error?: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Azurite did not start within 30 s')), 30_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`Azurite said: ${line.slice(0, 200)}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited with code ${code}`));
    });
  });
  if (!first.address) {
    child.kill();
    const error = new Error(`Azurite could not start: ${first.error}`) as NodeJS.ErrnoException;
    error.code = first.error;
    throw error;
  }
  const url = `${first.address}/${ACCOUNT}`;
  return {
    url,
    connectionString: connectionStringFor(url),
    async close() {
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}
