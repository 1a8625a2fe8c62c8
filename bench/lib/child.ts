// Benchmark servers run in their own Node processes (tsx, IPC), so the load generator and the
// server under test never share an event loop. Every child exits on its own when the parent goes.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';

export interface ChildServer {
  url: string;
  process: ChildProcess;
  /** Sends a request over IPC (with an optional payload for the handler) and waits for the reply of the same type. */
  ask<T>(type: string, timeoutMs?: number, payload?: unknown): Promise<T>;
  stop(timeoutMs?: number): Promise<void>;
}

export async function startChild(
  script: string,
  logFile: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
  startTimeoutMs = 60_000,
): Promise<ChildServer> {
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    stdio: ['ignore', log, log, 'ipc'],
    env: { ...process.env, ...env },
  });
  closeSync(log);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start within ${startTimeoutMs} ms (see ${logFile})`));
    }, startTimeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with code ${code} before it was ready (see ${logFile})`));
    });
    child.on('message', function onReady(message: { type?: string; url?: string }) {
      if (message?.type !== 'ready' || !message.url) return;
      clearTimeout(timer);
      child.off('message', onReady);
      resolve(message.url);
    });
  });
  return {
    url,
    process: child,
    ask<T>(type: string, timeoutMs = 120_000, payload?: unknown) {
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          child.off('message', onReply);
          reject(new Error(`${script}: no answer to "${type}" within ${timeoutMs} ms`));
        }, timeoutMs);
        function onReply(message: { type?: string; value?: T }) {
          if (message?.type !== type) return;
          clearTimeout(timer);
          child.off('message', onReply);
          resolve(message.value as T);
        }
        child.on('message', onReply);
        child.send({ type, payload });
      });
    },
    async stop(timeoutMs = 30_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
        }, timeoutMs);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        if (child.connected) child.send({ type: 'close' });
        else child.kill('SIGTERM');
      });
    },
  };
}

/**
 * The child side: reports its URL, answers requests by type, and leaves when told, when the parent
 * disconnects, or after `maxLifetimeMs` whatever happens, so no load target outlives its benchmark.
 */
export function serveParent(
  url: string,
  handlers: Record<string, (payload?: unknown) => Promise<unknown>>,
  close: () => Promise<void>,
  maxLifetimeMs = 45 * 60_000,
): void {
  let closing = false;
  const leave = async (code: number) => {
    if (closing) return;
    closing = true;
    try {
      await close();
    } finally {
      process.exit(code);
    }
  };
  setTimeout(() => void leave(3), maxLifetimeMs).unref();
  process.on('disconnect', () => void leave(0));
  const all: Record<string, (payload?: unknown) => Promise<unknown>> = {
    async memory() {
      return { ...process.memoryUsage(), maxRssBytes: process.resourceUsage().maxRSS * 1024 };
    },
    /** CPU time this process has used so far (user + system), in ms. */
    async cpu() {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    },
    ...handlers,
  };
  process.on('message', (message: { type?: string; payload?: unknown }) => {
    const type = message?.type;
    if (type === 'close') {
      void leave(0);
      return;
    }
    const handler = type ? all[type] : undefined;
    if (!handler) return;
    handler(message.payload).then(
      (value) => process.send?.({ type, value }),
      (error: Error) => process.send?.({ type, value: { error: error.message } }),
    );
  });
  process.send?.({ type: 'ready', url });
}
