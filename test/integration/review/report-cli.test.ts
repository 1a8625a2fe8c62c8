// npm run report -- predeployment, as a separate process against the storage of a Haven that loaded
// the demo journeys (the way an administrator runs it next to `npm start`).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv } from '../../../src/kernel/csv.ts';
import { startTestHaven } from '../../support/harness.ts';

function runReport(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/report.ts', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HAVEN_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run report -- predeployment (CLI)', function () {
  this.timeout(120_000);
  let dataDir: string;
  let outRoot: string;
  let env: Record<string, string>;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'haven-report-data-'));
    outRoot = mkdtempSync(join(tmpdir(), 'haven-report-out-'));
    const t = await startTestHaven({ demoJourneys: true, dataDir });
    await t.close();
    env = { HAVEN_DATA_DIR: dataDir, HAVEN_AZURITE_PORT: '0' };
  });
  after(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outRoot, { recursive: true, force: true });
  });

  it('writes the CSV and the HTML for the period and prints their paths', async () => {
    const out = join(outRoot, 'ok');
    const r = await runReport(['predeployment', '--from', '2025-11-01', '--to', '2026-10-31', '--out', out], env);
    assert.equal(r.code, 0, r.stderr);
    const csvPath = join(out, 'predeployment-2025-11-01-2026-10-31.csv');
    const htmlPath = join(out, 'predeployment-2025-11-01-2026-10-31.html');
    assert.match(r.stdout, /10 journey\(s\) from 2025-11-01 to 2026-10-31/);
    assert.ok(r.stdout.includes(csvPath) && r.stdout.includes(htmlPath), r.stdout);
    const csv = parseCsv(readFileSync(csvPath, 'utf8'));
    assert.equal(csv.records.length, 11);
    assert.match(readFileSync(htmlPath, 'utf8'), /<svg id="outcomes-svg"/);
    assert.doesNotMatch(readFileSync(csvPath, 'utf8') + readFileSync(htmlPath, 'utf8'), /fictional/);
  });

  it('--unit limits the report; an unknown unit writes nothing', async () => {
    const out = join(outRoot, 'unit');
    const r = await runReport(['predeployment', '--from', '2025-11-01', '--to', '2026-10-31', '--unit', 'unit-9', '--out', out], env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--unit "unit-9" is not a unit on the roster/);
    assert.equal(existsSync(out), false);
  });

  it('bad arguments: every problem listed, exit 1, nothing written, storage never opened', async () => {
    const out = join(outRoot, 'bad');
    const r = await runReport(['predeployment', '--from', '2026-02-30', '--to', '2025-01-01x', '--verbose', '--out', out], {
      ...env,
      HAVEN_DATA_DIR: join(outRoot, 'never'),
    });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /3 problem\(s\); nothing was written/);
    assert.match(r.stderr, /unknown argument "--verbose"/);
    assert.match(r.stderr, /--from must be a real date/);
    assert.match(r.stderr, /--to must be a real date/);
    assert.equal(existsSync(out), false);
    assert.equal(existsSync(join(outRoot, 'never')), false, 'storage was not opened');
  });

  it('an unknown report names the ones there are', async () => {
    const r = await runReport(['quarterly'], env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Unknown report "quarterly"/);
    assert.match(r.stderr, /npm run report -- predeployment --from YYYY-MM-DD/);
    assert.deepEqual(
      readdirSync(outRoot).filter((f) => f === 'quarterly'),
      [],
    );
  });
});
