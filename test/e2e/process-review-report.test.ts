// The annual process review exported for the seeded demo data (data/demo-journeys.json), opened in
// Debian Chromium: both charts render with the expected bars, nothing is loaded from anywhere and
// nothing is logged as an error. A screenshot is kept in test-results/e2e/.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { writeProcessReview } from '../../src/cli/report-predeployment.ts';
import { exportProcessReview } from '../../src/features/process-review/process-review.ts';
import { launchChromium } from '../support/chromium.ts';
import { startTestHaven } from '../support/harness.ts';

const OUT = 'test-results/e2e';

describe('Annual process review report in Chromium (seeded demo data)', function () {
  this.timeout(120_000);
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  let htmlPath: string;
  const problems: string[] = [];
  const requests: string[] = [];

  before(async () => {
    const t = await startTestHaven({ demoJourneys: true });
    try {
      const review = await exportProcessReview(t.haven.deps, { from: '2025-11-01', to: '2026-10-31' }, undefined);
      htmlPath = resolve(writeProcessReview(review, join(OUT, 'process-review')).html);
    } finally {
      await t.close();
    }
    userDataDir = mkdtempSync(join(tmpdir(), 'haven-review-chromium-'));
    context = await launchChromium(userDataDir, { width: 1280, height: 900 });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
  });

  after(async () => {
    await context?.close().catch(() => undefined);
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('opens with its title, period and privacy note', async () => {
    assert.equal(await page.title(), 'Pre-deployment process review, 1 Nov 2025 to 31 Oct 2026');
    assert.equal(await page.locator('#period').textContent(), '2025-11-01 to 2026-10-31');
    assert.match((await page.locator('#privacy-note').textContent()) ?? '', /^No answers or free text are in this report/);
  });

  it('draws the outcomes chart: four bars with a size, titled, numbers also in a table', async () => {
    const svg = page.locator('#outcomes-svg');
    const box = await svg.boundingBox();
    assert.ok(box && box.width > 100 && box.height > 50, `svg is ${JSON.stringify(box)}`);
    assert.equal(await svg.locator('title').textContent(), 'Journeys by outcome');
    const bars = await svg.locator('rect.bar').evaluateAll((els) =>
      els.map((e) => {
        const r = (e as SVGRectElement).getBoundingClientRect();
        return { outcome: e.getAttribute('data-outcome'), width: r.width, height: r.height };
      }),
    );
    assert.deepEqual(
      bars.map((b) => b.outcome),
      ['readyToStart', 'withdrawn', 'cancelled', 'inProgress'],
    );
    for (const b of bars) assert.ok(b.width > 0 && b.height > 0, JSON.stringify(b));
    // The widest bar is the largest count (withdrawn: 4).
    assert.equal(Math.max(...bars.map((b) => b.width)), bars[1]!.width);
    const table = await page.locator('#outcomes-chart table.chart-data tbody tr').allTextContents();
    assert.deepEqual(table, ['Ready to start3', 'Withdrawn4', 'Cancelled1', 'In progress2']);
  });

  it('draws the time-to-start chart: one bar per agreed journey', async () => {
    const svg = page.locator('#time-to-start-svg');
    const box = await svg.boundingBox();
    assert.ok(box && box.width > 100 && box.height > 100, `svg is ${JSON.stringify(box)}`);
    assert.equal(await svg.locator('title').textContent(), 'Days from agreement to start, per journey');
    const sizes = await svg.locator('rect.bar').evaluateAll((els) => els.map((e) => (e as SVGRectElement).getBoundingClientRect().width));
    assert.equal(sizes.length, 10);
    assert.ok(
      sizes.every((w) => w > 0),
      JSON.stringify(sizes),
    );
    assert.equal(await page.locator('#time-to-start-chart table.chart-data tbody tr').count(), 10);
  });

  it('lists every journey, with no answer text anywhere on the page', async () => {
    assert.equal(await page.locator('#journeys tbody tr').count(), 10);
    const all = (await page.locator('body').textContent()) ?? '';
    assert.doesNotMatch(all, /fictional|Demo answer|Demo note|Demo rationale|Demo reason/);
    assert.doesNotMatch(readFileSync(htmlPath, 'utf8'), /fictional/);
  });

  it('loads nothing from the network and logs no error; screenshot kept', async () => {
    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: join(OUT, 'process-review-report.png'), fullPage: true });
    assert.deepEqual(requests, [pathToFileURL(htmlPath).href], 'the page itself is the only request');
    assert.deepEqual(problems, []);
  });
});
