// `.env` is read at start-up, as .env.sample promises, and a real environment variable wins over it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyEnvFile, ConfigError, loadConfig } from '../../src/config.ts';

const require = createRequire(import.meta.url);

describe('config: .env at start-up', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'haven-envfile-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sets what the environment lacks; a variable already set (even empty) wins', () => {
    writeFileSync(
      join(dir, '.env'),
      '# a comment\nHAVEN_LOG_LEVEL=debug\nHAVEN_SPAN_OF_CONTROL=12\nPORT=4000\nHAVEN_TEAM_CARD_DAY="fri"\nHAVEN_MODE=\n',
    );
    const env: NodeJS.ProcessEnv = { PORT: '5000', HAVEN_SPAN_OF_CONTROL: '' };
    const set = applyEnvFile(dir, env);
    assert.deepEqual(set.sort(), ['HAVEN_LOG_LEVEL', 'HAVEN_MODE', 'HAVEN_TEAM_CARD_DAY']);
    const config = loadConfig(env);
    assert.equal(config.logLevel, 'debug');
    assert.equal(config.team.weeklyCardDay, 'fri');
    assert.equal(config.port, 5000, 'the real environment wins');
    assert.equal(config.team.spanOfControl, 8, 'an empty real variable wins too (its default applies)');
  });

  it('no .env changes nothing; an unreadable one is a configuration problem', () => {
    const env: NodeJS.ProcessEnv = { PORT: '1' };
    assert.deepEqual(applyEnvFile(dir, env), []);
    assert.deepEqual(env, { PORT: '1' });
    mkdirSync(join(dir, '.env'));
    assert.throws(
      () => applyEnvFile(dir, env),
      (e: unknown) => e instanceof ConfigError && /\.env cannot be read \(EISDIR\)/.test(e.message),
    );
  });

  /** The real entry point (`npm run serve`) run in `cwd`: a bad PORT stops it before anything is opened. */
  function serve(cwd: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
    const tsx = pathToFileURL(require.resolve('tsx')).href;
    const child = spawn(process.execPath, ['--import', tsx, resolve('src/main.ts')], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    return new Promise((done) => child.once('exit', (code) => done({ code, stderr })));
  }

  it('npm run serve reads .env from its working directory, and the environment overrides it', async function () {
    this.timeout(60_000);
    writeFileSync(join(dir, '.env'), 'PORT=99999\nHAVEN_DATA_DIR=./data-from-env-file\n');
    const [fromFile, fromEnv] = await Promise.all([serve(dir, {}), serve(dir, { PORT: '88888' })]);
    assert.equal(fromFile.code, 1);
    assert.match(fromFile.stderr, /PORT must be a whole number from 0 to 65535 \(got "99999"\)/);
    assert.equal(fromEnv.code, 1);
    assert.match(fromEnv.stderr, /PORT must be a whole number from 0 to 65535 \(got "88888"\)/);
    assert.doesNotMatch(fromEnv.stderr, /99999/);
  });
});
