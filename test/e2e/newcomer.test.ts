// The README's first demo, the way a newcomer meets it: `npm start` on an empty data folder (nothing
// installed by hand), the Agents Playground in Chromium, `not okay` typed as Alex, and Sam's alert card
// in the Playground. Then `npm run demo -- as sam`: Sam's own Playground, where Sam acknowledges.
// Both commands run as child processes in their own process groups, on the README's fixed ports.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { SCREENSHOT_DIR, card } from '../support/playground.ts';
import { launchChromium } from '../support/chromium.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const ALEX_URL = 'http://127.0.0.1:56150';
const SAM_URL = 'http://127.0.0.1:56151';
/** Haven, Azurite and the Playground as the README lists them, and Sam's Playground next to it. */
const PORTS = [3978, 10002, 56150];
const SAM_PORT = 56151;

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

async function waitForFreePorts(ports: number[], timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const busy: number[] = [];
    for (const p of ports) if (!(await portFree(p))) busy.push(p);
    if (busy.length === 0) return;
    if (Date.now() > until) throw new Error(`port(s) ${busy.join(', ')} on 127.0.0.1 are in use: stop what runs there first`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer in time`);
}

/** A newcomer's environment: none of Haven's settings, only a data folder of its own (it starts empty). */
function newcomerEnv(dataDir: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(HAVEN_|MicrosoftApp|M365_AGENTS_PLAYGROUND_|TEAMSAPPTESTER_)/.test(k) && k !== 'PORT' && k !== 'HOST',
    ),
  );
  return { ...env, HAVEN_DATA_DIR: dataDir };
}

/** `npm <args>` in the repository, as its own process group (so it and its children can be stopped together). */
function npm(args: string[], env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const out = openSync(logFile, 'w');
  const child = spawn('npm', args, { cwd: ROOT, env, detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  return child;
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops only the process group this test started: SIGTERM (each command shuts down cleanly), SIGKILL if it lingers. */
async function stopGroup(child: ChildProcess | undefined): Promise<void> {
  const pid = child?.pid;
  if (!pid || !groupAlive(pid)) return;
  process.kill(-pid, 'SIGTERM');
  const until = Date.now() + 15_000;
  while (groupAlive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
  if (groupAlive(pid)) process.kill(-pid, 'SIGKILL');
}

function messageBox(page: Page) {
  return page.locator('div[role="textbox"][contenteditable="true"]').last();
}

async function say(page: Page, text: string): Promise<void> {
  const box = messageBox(page);
  await box.click();
  await box.pressSequentially(text);
  await box.press('Enter');
}

describe('The README first demo, as a newcomer starts it (npm start, Chromium)', function () {
  this.timeout(240_000);
  const logs = join(SCREENSHOT_DIR, 'newcomer');
  let dataDir: string;
  let start: ChildProcess | undefined;
  let asSam: ChildProcess | undefined;
  let context: BrowserContext;
  let alex: Page;

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });

  before(async () => {
    mkdirSync(logs, { recursive: true });
    await waitForFreePorts([...PORTS, SAM_PORT], 30_000);
    dataDir = mkdtempSync(join(tmpdir(), 'haven-newcomer-'));
    start = npm(['start'], newcomerEnv(dataDir), join(logs, 'npm-start.log'));
    // npm start prints the three addresses once the Playground answers and the demo people are recorded.
    const until = Date.now() + 120_000;
    while (!readFileSync(join(logs, 'npm-start.log'), 'utf8').includes('Agents Playground:')) {
      if (start.exitCode !== null) throw new Error(`npm start exited (${start.exitCode}); see ${logs}/npm-start.log`);
      if (Date.now() > until) throw new Error('npm start did not print its addresses in time');
      await new Promise((r) => setTimeout(r, 250));
    }
    await waitFor(`${ALEX_URL}/_debug/ping`, 30_000);
    context = await launchChromium(mkdtempSync(join(tmpdir(), 'haven-chromium-')), { width: 1400, height: 1000 });
    alex = context.pages()[0] ?? (await context.newPage());
  });

  after(async () => {
    await context?.close().catch(() => undefined);
    await stopGroup(asSam);
    await stopGroup(start);
    await waitForFreePorts([...PORTS, SAM_PORT], 30_000).catch(() => undefined);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('npm start records the demo people in the Playground (nothing installed by hand)', () => {
    const log = readFileSync(join(logs, 'npm-start.log'), 'utf8');
    const line = log.split('\n').find((l) => l.includes('demo people reachable in the Playground'));
    assert.ok(line, 'npm start says the demo people were recorded');
    // Alex and the five yml users (Sam, Priya, Dana, Tom, Gus), and the team's two channels.
    assert.deepEqual((({ recorded, kept, notOnRoster, channels }) => ({ recorded, kept, notOnRoster, channels }))(JSON.parse(line)), {
      recorded: 6,
      kept: 0,
      notOnRoster: 0,
      channels: 2,
    });
  });

  it("Alex types `not okay`, asks to talk, and Sam's alert card is shown in the Playground", async () => {
    await alex.goto(ALEX_URL);
    await alex.getByText('Welcome to Haven, Alex').first().waitFor({ timeout: 60_000 });
    await say(alex, 'not okay');
    const form = card({ page: alex }, 'What do you need?');
    await form.waitFor({ timeout: 60_000 });
    await form.getByText('I need to talk to someone').click();
    await form.getByRole('button', { name: 'Send' }).click();
    const confirmation = card({ page: alex }, 'Someone will be in touch');
    await confirmation.waitFor({ timeout: 60_000 });
    // The confirmation names who has the request, and it is true: Sam's card arrives.
    assert.match(await confirmation.innerText(), /Sam Okafor/);
    const alert = card({ page: alex }, 'Alex Moreno would like to talk to someone');
    await alert.waitFor({ timeout: 60_000 });
    await alert.scrollIntoViewIfNeeded();
    assert.ok(await alert.getByRole('button', { name: 'Acknowledge' }).isVisible(), "Sam's card leads with Acknowledge");
    await shot(alex, 'newcomer-01-sam-alert-in-playground');
    // The card is in Alex's chat, but Haven checks who clicks: Alex cannot acknowledge it.
    await alert.getByRole('button', { name: 'Acknowledge' }).click();
    await alex
      .getByText('Only the people looking after this request now can act on it. Nothing was changed.')
      .first()
      .waitFor({ timeout: 60_000 });
  });

  it("`npm run demo -- as sam` opens Sam's own Playground, where Sam acknowledges a new request from Alex", async () => {
    asSam = npm(['run', 'demo', '--', 'as', 'sam'], newcomerEnv(dataDir), join(logs, 'npm-run-demo-as-sam.log'));
    await waitFor(`${SAM_URL}/_debug/ping`, 60_000);
    const sam = await context.newPage();
    await sam.goto(SAM_URL);
    await sam.getByText('Welcome to Haven, Sam').first().waitFor({ timeout: 60_000 });

    await alex.bringToFront();
    await say(alex, 'break');
    const form = card({ page: alex }, 'What do you need?');
    await form.waitFor({ timeout: 60_000 });
    await form.getByRole('button', { name: 'Send' }).click();
    await alex.getByText('Your break from viewing starts now').first().waitFor({ timeout: 60_000 });

    await sam.bringToFront();
    const alert = card({ page: sam }, 'Alex Moreno needs a break from viewing');
    await alert.waitFor({ timeout: 60_000 });
    await alert.getByRole('button', { name: 'Acknowledge' }).click();
    await card({ page: sam }, 'Alex Moreno needs a break from viewing')
      .getByText('Acknowledged by Sam Okafor')
      .first()
      .waitFor({ timeout: 60_000 });
    await shot(sam, 'newcomer-02-sam-acknowledged');

    // Alex sees who has it now.
    await alex.bringToFront();
    await say(alex, 'status');
    await alex.getByText('Acknowledged by Sam Okafor').first().waitFor({ timeout: 60_000 });
    await shot(alex, 'newcomer-03-alex-status');
  });

  it("Ctrl-C on `npm run demo -- as sam` hands Sam back to the first Playground (Sam's welcome appears there)", async () => {
    await stopGroup(asSam);
    await alex.getByText('Welcome to Haven, Sam').first().waitFor({ timeout: 60_000 });
  });
});
