// The Microsoft 365 Agents Playground as a child process, forced onto loopback (it has no host
// option and would otherwise listen on every interface; its connector endpoints are unauthenticated).
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
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
      stdio: options.quiet ? 'ignore' : ['ignore', 'inherit', 'inherit'],
    },
  );
}
