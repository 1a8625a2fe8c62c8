// `npm start` prints the addresses its own Playground and Azurite listen on: with HAVEN_PLAYGROUND_PORT
// taken by something else, it must not print that port (it belongs to another process) but the one its
// Playground really moved to; with HAVEN_AZURITE_PORT=0, the port Azurite was given.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function listen(port = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer((socket) => socket.end('HTTP/1.1 418 not-the-playground\r\ncontent-length: 0\r\n\r\n'));
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve(s));
  });
}
const portOf = (s: Server) => (s.address() as { port: number }).port;
async function freePort(): Promise<number> {
  const s = await listen();
  const port = portOf(s);
  await new Promise((r) => s.close(r));
  return port;
}

describe('npm start: the addresses it prints are its own', function () {
  this.timeout(240_000);
  let dataDir: string;
  let blocker: Server;
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'haven-start-'));
    blocker = await listen();
  });
  after(async () => {
    await new Promise((r) => blocker?.close(r));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the Playground port it really got (not the taken one) and the Azurite port it really got', async () => {
    const blocked = portOf(blocker);
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        ([k]) => !/^(HAVEN_|MicrosoftApp|M365_AGENTS_PLAYGROUND_|TEAMSAPPTESTER_)/.test(k) && k !== 'PORT',
      ),
    );
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], {
      env: {
        ...env,
        HAVEN_DATA_DIR: dataDir,
        PORT: String(await freePort()),
        HAVEN_AZURITE_PORT: '0',
        HAVEN_PLAYGROUND_PORT: String(blocked),
        HAVEN_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const until = Date.now() + 200_000;
      while (!/Data: /.test(stdout) && child.exitCode === null && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
      assert.match(stdout, /Data: /, `npm start did not print its addresses.\nstdout: ${stdout}\nstderr: ${stderr.slice(-2000)}`);

      const playground = /Agents Playground:\s+http:\/\/127\.0\.0\.1:(\d+)( \(port (\d+) was taken[^)]*\))?/.exec(stdout);
      assert.ok(playground, stdout);
      const port = Number(playground[1]);
      assert.notEqual(port, blocked, 'the taken port belongs to another process; printing it would be a lie');
      assert.equal(Number(playground[3]), blocked, 'it says the port asked for was taken');
      const ping = await fetch(`http://127.0.0.1:${port}/_debug/ping`);
      assert.ok(ping.status < 500, `the printed Playground answers (${ping.status})`);

      const azurite = /Azurite \(tables\):\s+(http:\/\/127\.0\.0\.1:(\d+)\/devstoreaccount1)\n/.exec(stdout);
      assert.ok(azurite, stdout);
      assert.notEqual(Number(azurite[2]), 0);
      const tables = await fetch(`${azurite[1]}/Tables`);
      assert.ok(tables.headers.get('server')?.includes('Azurite') || tables.status === 403, `Azurite answers at ${azurite[1]}`);
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
  });
});
