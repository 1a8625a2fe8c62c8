// The Microsoft 365 Agents Playground as a child process, forced onto loopback (it has no host
// option and would otherwise listen on every interface; its connector endpoints are unauthenticated).
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { playgroundEnvironment } from '../config.ts';

const require = createRequire(import.meta.url);

function playgroundEntry(): string {
  return require.resolve('@microsoft/m365agentsplayground/cli.js');
}

export async function waitForHttp(url: string, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (r.status < 500) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** Whether nothing listens on 127.0.0.1:`port` (so a server started there is ours, not another instance's). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * The address the Playground child itself bound, as loopback-preload.cjs reports it over the IPC
 * channel startPlayground opens, or why there is none (it exited, or said nothing in time). The
 * Playground moves to the next free port when the one asked for is taken, probing with a server it
 * closes at once on the port it then uses: the first address reported is the one it serves on.
 */
export function playgroundListening(child: ChildProcess, timeoutMs: number): Promise<{ url: string; port: number } | { error: string }> {
  return new Promise((resolve) => {
    const done = (result: { url: string; port: number } | { error: string }) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(result);
    };
    const onMessage = (message: unknown) => {
      const m = message as { type?: string; address?: string; port?: number };
      if (m?.type === 'haven:listening' && typeof m.port === 'number') done({ url: `http://${m.address}:${m.port}`, port: m.port });
    };
    const onExit = (code: number | null) => done({ error: `the Playground exited (code ${code}) before it listened` });
    const timer = setTimeout(() => done({ error: `the Playground did not listen within ${timeoutMs / 1000} s` }), timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export function startPlayground(
  botUrl: string,
  port: number,
  options: {
    quiet?: boolean;
    /** Extra environment, e.g. M365_AGENTS_PLAYGROUND_CONFIG_PATH for another person's view. */ env?: NodeJS.ProcessEnv;
  } = {},
): ChildProcess {
  const preload = fileURLToPath(new URL('./loopback-preload.cjs', import.meta.url));
  return spawn(
    process.execPath,
    [
      '--require',
      preload,
      playgroundEntry(),
      'start',
      '-e',
      `${botUrl}/api/messages`,
      '-c',
      'msteams',
      '--disable-telemetry',
      '-p',
      String(port),
    ],
    {
      env: { ...playgroundEnvironment(), ...options.env },
      // The IPC channel carries the address the Playground really bound (see playgroundListening).
      stdio: options.quiet ? ['ignore', 'ignore', 'ignore', 'ipc'] : ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
}
