// Drives the Microsoft 365 Agents Playground in Debian's Chromium for end-to-end tests: Haven (local
// mode, temp data) and the Playground both on loopback.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logging.ts';
import { startHaven, type Haven } from '../../src/main.ts';
import type { Clock } from '../../src/kernel/ports.ts';
import { startPlayground, waitForHttp } from '../../src/cli/playground.ts';

export const SCREENSHOT_DIR = 'test-results/e2e';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface PlaygroundSession {
  haven: Haven;
  page: Page;
  url: string;
  /** Sends an activity as any user through the Playground's own connector (its "Mock an Activity"). */
  customActivity(activity: Record<string, unknown>): Promise<void>;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A clock that starts at `at` and runs at real speed. Haven prompts people only inside their working
 * hours, so a browser test that depends on a prompt must not depend on when CI happens to run (a
 * Saturday, the middle of the night): it pins the start to a working weekday morning.
 */
export function clockStartingAt(at: Date): Clock {
  const offset = at.getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

/** A Wednesday, 10:00 in London: inside every demo person's working hours. */
export const WORKING_WEDNESDAY = new Date('2026-11-18T10:00:00Z');

/**
 * A Sunday, 10:00 in London: nobody in the demo unit works, so no scheduled prompt (check-in, care
 * reminder, weekly team card) lands in the Playground's one shared chat in the middle of a test
 * about something else. The default for every browser test.
 */
export const QUIET_SUNDAY = new Date('2026-11-22T10:00:00Z');

export async function openPlayground(env: Record<string, string> = {}, options: { at?: Date } = {}): Promise<PlaygroundSession> {
  const dataDir = mkdtempSync(join(tmpdir(), 'haven-e2e-'));
  const haven = await startHaven(
    loadConfig({
      PORT: '0',
      HAVEN_DATA_DIR: dataDir,
      HAVEN_AZURITE_PORT: '0',
      HAVEN_LOG_LEVEL: 'warn',
      HAVEN_OUTBOX_POLL_MS: '200',
      ...env,
    }),
    { log: createLogger('warn'), clock: clockStartingAt(options.at ?? QUIET_SUNDAY) },
  );
  const port = await freePort();
  const playground: ChildProcess = startPlayground(haven.url, port, { quiet: true });
  const url = `http://127.0.0.1:${port}`;
  if (!(await waitForHttp(url, 90_000))) throw new Error('the Agents Playground did not start');
  const context: BrowserContext = await launchChromium(mkdtempSync(join(tmpdir(), 'haven-chromium-')), { width: 1400, height: 1000 });
  const page = context.pages()[0] ?? (await context.newPage());
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    haven,
    page,
    url,
    async customActivity(activity) {
      const template = (await (
        await fetch(
          `${url}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(String((activity.conversation as { id: string }).id))}`,
        )
      ).json()) as Record<string, unknown>;
      const r = await fetch(`${url}/_internal/v1/customActivities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...template, ...activity }),
      });
      if (!r.ok) throw new Error(`custom activity refused: ${r.status}`);
    },
    async screenshot(name) {
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
    },
    async close() {
      await context.close().catch(() => undefined);
      playground.kill('SIGTERM');
      await haven.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The most recent Adaptive Card containing `text` (the chat keeps every card it has shown). */
export function card(s: Pick<PlaygroundSession, 'page'>, text: string) {
  return s.page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
}

/** Polls `check` until it holds (server-side state the browser cannot see), or fails after `timeoutMs`. */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('condition not met in time');
}
