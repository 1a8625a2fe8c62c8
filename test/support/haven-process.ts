// Runs Haven as a separate process (node --import tsx), so a test can SIGKILL it at any moment and
// start it again on the same storage. Storage must outlive it: give it HAVEN_STORAGE_CONNECTION_STRING
// for an Azurite the test owns (the embedded Azurite is the bot's child and flushes to disk only about
// every 5 s, so killing the pair could lose acknowledged writes, which is not what these tests are about).
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface HavenProcess {
  /** http://127.0.0.1:port */
  readonly url: string;
  readonly pid: number;
  /** The last lines it wrote to stderr (its log), for failure messages. */
  readonly log: string[];
  /** Resolves with the exit code (or signal) once it has exited. */
  readonly exited: Promise<number | string>;
  /** SIGKILL: no drain, no lease release, no flushing; waits until it is gone. */
  kill(): Promise<void>;
  /** SIGTERM: Haven drains and exits; SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const ENTRY = fileURLToPath(new URL('./haven-process-entry.ts', import.meta.url));
const KEEP_LOG_LINES = 200;

export async function startHavenProcess(env: Record<string, string>, options: { startTimeoutMs?: number } = {}): Promise<HavenProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    log.push(line);
    if (log.length > KEEP_LOG_LINES) log.shift();
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const ready = await new Promise<{ havenReady: string; pid: number }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Haven did not start within ${options.startTimeoutMs ?? 60_000} ms:\n${log.slice(-20).join('\n')}`)),
      options.startTimeoutMs ?? 60_000,
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { havenReady?: string; pid?: number };
        if (parsed.havenReady) {
          clearTimeout(timer);
          resolve(parsed as { havenReady: string; pid: number });
        }
      } catch {
        // not our line
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Haven exited (${code}) before it was listening:\n${log.slice(-20).join('\n')}`));
    });
  });
  const gone = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url: ready.havenReady,
    pid: ready.pid,
    log,
    exited,
    kill: () => gone('SIGKILL'),
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await gone('SIGTERM');
      clearTimeout(timer);
    },
  };
}
