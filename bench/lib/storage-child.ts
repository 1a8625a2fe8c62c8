// Storage for a benchmark target, in a process of its own: Azurite's table server (a grandchild, so its
// CPU can be read apart from everyone else's) behind the storage proxy of test/support, which counts
// and times every call and can add a fixed delay to each (a storage service farther away than
// loopback). The parent gets the proxy's connection string as the child's "url" and talks over IPC:
//   latency(ms)          delay every forwarded call by ms from now on
//   mark()               the number of calls seen so far (a position in the log)
//   callsSince(from)     the calls after a mark, reduced to what the report needs
//   clear()              forget the log (long load runs would otherwise keep every call)
//   azuriteCpu()         CPU ms used by the Azurite process so far (from /proc/<pid>/stat)
//   direct()             a connection string straight to Azurite (for seeding, past the proxy)
// Usage from the parent: startChild('bench/lib/storage-child.ts', logFile, { HAVEN_BENCH_AZURITE: 'memory' | 'disk' }).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { isTableScan, startStorageFaultProxy } from '../../test/support/storage-fault-proxy.ts';
import { serveParent } from './child.ts';

export interface StorageCall {
  method: string;
  table?: string;
  write: boolean;
  scan: boolean;
  status: number;
  startedAt: number;
  endedAt: number;
}

const disk = process.env.HAVEN_BENCH_AZURITE === 'disk';
const dataDir = mkdtempSync(join(tmpdir(), 'haven-bench-storage-'));
const script = new URL('../../src/storage/azurite-server.mjs', import.meta.url).pathname;
const azurite = spawn(process.execPath, [script, disk ? join(dataDir, 'azurite') : '', '0'], { stdio: ['pipe', 'pipe', 'inherit'] });
const first = await new Promise<{ address?: string; error?: string }>((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('Azurite did not start within 30 s')), 30_000);
  createInterface({ input: azurite.stdout! }).once('line', (line) => {
    clearTimeout(timer);
    resolve(JSON.parse(line) as { address?: string; error?: string });
  });
  azurite.once('exit', (code) => reject(new Error(`Azurite exited with code ${code}`)));
});
if (!first.address) throw new Error(`Azurite could not start: ${first.error}`);
const proxy = await startStorageFaultProxy(`${first.address}/devstoreaccount1`);

// The well-known development storage key published by Microsoft for the emulator; not a secret.
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

// Linux reports process CPU in clock ticks of 1/100 s (CLK_TCK is 100 on every mainstream kernel).
const TICK_MS = 10;
function azuriteCpuMs(): number {
  const stat = readFileSync(`/proc/${azurite.pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces, hence the last ')'): utime is 14th, stime 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

serveParent(
  proxy.connectionString,
  {
    async latency(ms) {
      proxy.setLatency(Number(ms) || 0);
      return true;
    },
    async mark() {
      return proxy.calls.length;
    },
    async callsSince(from) {
      return proxy.calls.slice(Number(from) || 0).map((c): StorageCall => ({
        method: c.method,
        table: c.table,
        write: c.write,
        scan: isTableScan(c),
        status: c.status,
        startedAt: c.startedAt,
        endedAt: c.endedAt,
      }));
    },
    async clear() {
      proxy.calls.splice(0);
      return true;
    },
    async direct() {
      return `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${DEV_KEY};TableEndpoint=${first.address}/devstoreaccount1;`;
    },
    async azuriteCpu() {
      return azuriteCpuMs();
    },
  },
  async () => {
    await proxy.close();
    await new Promise<void>((resolve) => {
      if (azurite.exitCode !== null) return resolve();
      azurite.once('exit', () => resolve());
      azurite.kill('SIGTERM');
    });
    rmSync(dataDir, { recursive: true, force: true });
  },
);
