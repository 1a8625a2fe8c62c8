import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config.ts';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const TENANT_ID = '99999999-8888-4777-8666-555555555555';
// A fixed key that is not one repeated byte (production refuses those).
const DATA_KEY_BYTES = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256));
const DATA_KEY = DATA_KEY_BYTES.toString('base64');
const ACCOUNT_URL = 'https://havenprod.table.core.windows.net';

type Env = Record<string, string | undefined>;
const singleTenant: Env = {
  HAVEN_MODE: 'production',
  MicrosoftAppId: APP_ID,
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: TENANT_ID,
  MicrosoftAppPassword: 'client-secret',
  HAVEN_STORAGE_ACCOUNT_URL: ACCOUNT_URL,
  HAVEN_DATA_KEY: DATA_KEY,
};
const userAssignedMsi: Env = {
  MicrosoftAppId: APP_ID,
  MicrosoftAppType: 'UserAssignedMSI',
  MicrosoftAppTenantId: TENANT_ID,
  HAVEN_STORAGE_ACCOUNT_URL: ACCOUNT_URL,
  HAVEN_DATA_KEY: DATA_KEY,
};
const without = (env: Env, ...keys: string[]): Env => Object.fromEntries(Object.entries(env).filter(([k]) => !keys.includes(k)));

function problemsOf(env: Env): string[] {
  let caught: unknown;
  try {
    loadConfig(env);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ConfigError, `expected a ConfigError, got ${String(caught)}`);
  assert.equal(caught.name, 'ConfigError');
  for (const p of caught.problems) assert.ok(caught.message.includes(p), 'the message lists every problem');
  return caught.problems;
}

const PROBLEM = {
  appId: /production needs MicrosoftAppId/,
  appType: /production needs MicrosoftAppType=SingleTenant or UserAssignedMSI/,
  tenant: /production needs MicrosoftAppTenantId/,
  password: /MicrosoftAppType=SingleTenant needs MicrosoftAppPassword/,
  storage: /production needs storage: HAVEN_STORAGE_ACCOUNT_URL .* or HAVEN_STORAGE_CONNECTION_STRING/,
  dataKey: /production needs HAVEN_DATA_KEY/,
};
const hasProblem = (problems: string[], re: RegExp) =>
  assert.ok(
    problems.some((p) => re.test(p)),
    `no problem matching ${re} in ${JSON.stringify(problems)}`,
  );

describe('config: loadConfig', () => {
  describe('local mode', () => {
    it('has safe defaults with an empty environment', () => {
      const c = loadConfig({});
      assert.equal(c.mode, 'local');
      assert.equal(c.host, '127.0.0.1');
      assert.equal(c.port, 3978);
      assert.equal(c.storage.kind, 'embedded');
      assert.ok(c.storage.kind === 'embedded' && c.storage.dataDir === '.data');
      assert.equal(c.dataKey, undefined);
      assert.equal(c.logLevel, 'info');
      assert.equal(c.demoRoster, 'data/demo-roster.csv');
      assert.deepEqual(c.bot, { appId: '', appType: '', tenantId: '', password: '' });
      assert.deepEqual(c.outbox, { maxAttempts: 8, pollMs: 1000 });
      assert.equal(c.jobs.tickMs, 5000);
      assert.equal(c.jobs.leaseMs, 15_000);
      assert.equal(c.tablePrefix, '');
    });

    it('treats empty and blank values as unset', () => {
      const c = loadConfig({ PORT: '', HOST: '  ', HAVEN_LOG_LEVEL: '', HAVEN_MODE: '' });
      assert.equal(c.mode, 'local');
      assert.equal(c.host, '127.0.0.1');
      assert.equal(c.port, 3978);
    });

    const loopback: Array<[string, string]> = [
      ['127.0.0.1', '127.0.0.1'],
      ['localhost', '127.0.0.1'],
      ['::1', '::1'],
    ];
    for (const [host, expected] of loopback) {
      it(`accepts loopback HOST=${host}`, () => assert.equal(loadConfig({ HOST: host }).host, expected));
    }

    for (const host of ['0.0.0.0', '192.168.1.20', '::', 'haven.example.org']) {
      it(`refuses a non-loopback HOST=${host}`, () => {
        const problems = problemsOf({ HOST: host });
        assert.equal(problems.length, 1);
        assert.match(
          problems[0]!,
          new RegExp(
            `local mode has no authentication, so it listens on loopback only; HOST must be 127\\.0\\.0\\.1 \\(got "${host.replace(/\./g, '\\.')}"\\)`,
          ),
        );
      });
    }

    it('an explicit HAVEN_MODE=local wins over an app id', () => {
      const c = loadConfig({ HAVEN_MODE: 'local', MicrosoftAppId: APP_ID });
      assert.equal(c.mode, 'local');
      assert.equal(c.bot.appId, APP_ID);
    });

    it('refuses a client secret in local mode', () => {
      hasProblem(problemsOf({ MicrosoftAppPassword: 'secret' }), /MicrosoftAppPassword is set but HAVEN_MODE is local/);
    });

    it('reads numbers and the log level', () => {
      const c = loadConfig({
        PORT: '4000',
        HAVEN_OUTBOX_MAX_ATTEMPTS: '3',
        HAVEN_OUTBOX_POLL_MS: '250',
        HAVEN_JOB_TICK_MS: '10000',
        HAVEN_LOG_LEVEL: 'debug',
      });
      assert.equal(c.port, 4000);
      assert.deepEqual(c.outbox, { maxAttempts: 3, pollMs: 250 });
      assert.deepEqual(c.jobs, { tickMs: 10_000, leaseMs: 30_000, scheduleEveryMs: 60_000 });
      assert.equal(c.logLevel, 'debug');
    });
  });

  describe('production refuses to start without what it needs', () => {
    it('an empty production environment lists every missing item in one ConfigError', () => {
      const problems = problemsOf({ HAVEN_MODE: 'production' });
      for (const re of [PROBLEM.appId, PROBLEM.appType, PROBLEM.tenant, PROBLEM.storage, PROBLEM.dataKey]) hasProblem(problems, re);
      assert.equal(problems.length, 5, JSON.stringify(problems));
    });

    it('SingleTenant with nothing else also lists the missing password', () => {
      const problems = problemsOf({ HAVEN_MODE: 'production', MicrosoftAppType: 'SingleTenant' });
      for (const re of [PROBLEM.appId, PROBLEM.tenant, PROBLEM.password, PROBLEM.storage, PROBLEM.dataKey]) hasProblem(problems, re);
      assert.equal(problems.length, 5, JSON.stringify(problems));
    });

    const missing: Array<{ name: string; env: Env; problem: RegExp }> = [
      { name: 'app id', env: without(singleTenant, 'MicrosoftAppId'), problem: PROBLEM.appId },
      { name: 'app type', env: without(singleTenant, 'MicrosoftAppType'), problem: PROBLEM.appType },
      {
        name: 'a single-tenant or managed-identity app type (MultiTenant)',
        env: { ...singleTenant, MicrosoftAppType: 'MultiTenant' },
        problem: /multi-tenant bots are not allowed/,
      },
      { name: 'tenant id', env: without(singleTenant, 'MicrosoftAppTenantId'), problem: PROBLEM.tenant },
      { name: 'password for SingleTenant', env: without(singleTenant, 'MicrosoftAppPassword'), problem: PROBLEM.password },
      { name: 'storage', env: without(singleTenant, 'HAVEN_STORAGE_ACCOUNT_URL'), problem: PROBLEM.storage },
      { name: 'data key', env: without(singleTenant, 'HAVEN_DATA_KEY'), problem: PROBLEM.dataKey },
      { name: 'tenant id (managed identity)', env: without(userAssignedMsi, 'MicrosoftAppTenantId'), problem: PROBLEM.tenant },
      { name: 'storage (managed identity)', env: without(userAssignedMsi, 'HAVEN_STORAGE_ACCOUNT_URL'), problem: PROBLEM.storage },
      { name: 'data key (managed identity)', env: without(userAssignedMsi, 'HAVEN_DATA_KEY'), problem: PROBLEM.dataKey },
    ];
    for (const c of missing) {
      it(`without ${c.name}`, () => {
        const problems = problemsOf(c.env);
        assert.equal(problems.length, 1, JSON.stringify(problems));
        assert.match(problems[0]!, c.problem);
      });
    }

    it('an app id without HAVEN_MODE means production (fail closed)', () => {
      const problems = problemsOf({ MicrosoftAppId: APP_ID });
      for (const re of [PROBLEM.appType, PROBLEM.tenant, PROBLEM.storage, PROBLEM.dataKey]) hasProblem(problems, re);
      assert.equal(loadConfig(userAssignedMsi).mode, 'production');
    });
  });

  describe('bad values are reported', () => {
    const cases: Array<{ name: string; env: Env; problem: RegExp }> = [
      { name: 'PORT not a number', env: { PORT: 'abc' }, problem: /^PORT must be a whole number from 0 to 65535 \(got "abc"\)$/ },
      { name: 'PORT out of range', env: { PORT: '70000' }, problem: /^PORT must be a whole number from 0 to 65535 \(got "70000"\)$/ },
      { name: 'PORT negative', env: { PORT: '-1' }, problem: /^PORT must be a whole number/ },
      { name: 'PORT with a fraction', env: { PORT: '3978.5' }, problem: /^PORT must be a whole number/ },
      {
        name: 'outbox attempts zero',
        env: { HAVEN_OUTBOX_MAX_ATTEMPTS: '0' },
        problem: /^HAVEN_OUTBOX_MAX_ATTEMPTS must be a whole number from 1 to 50 \(got "0"\)$/,
      },
      {
        name: 'outbox poll too fast',
        env: { HAVEN_OUTBOX_POLL_MS: '10' },
        problem: /^HAVEN_OUTBOX_POLL_MS must be a whole number from 50 to 60000/,
      },
      { name: 'job tick not a number', env: { HAVEN_JOB_TICK_MS: '5s' }, problem: /^HAVEN_JOB_TICK_MS must be a whole number/ },
      {
        name: 'playground port zero',
        env: { HAVEN_PLAYGROUND_PORT: '0' },
        problem: /^HAVEN_PLAYGROUND_PORT must be a whole number from 1 to 65535/,
      },
      {
        name: 'log level',
        env: { HAVEN_LOG_LEVEL: 'verbose' },
        problem: /^HAVEN_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent$/,
      },
      { name: 'log level in the wrong case', env: { HAVEN_LOG_LEVEL: 'INFO' }, problem: /^HAVEN_LOG_LEVEL must be one of/ },
      { name: 'mode', env: { HAVEN_MODE: 'prod' }, problem: /^HAVEN_MODE must be "local" or "production" \(got "prod"\)$/ },
      {
        name: 'app type',
        env: { MicrosoftAppType: 'Single' },
        problem: /^MicrosoftAppType must be SingleTenant or UserAssignedMSI \(got "Single"\)$/,
      },
      {
        name: 'data key too short (16 bytes)',
        env: { HAVEN_DATA_KEY: Buffer.alloc(16, 1).toString('base64') },
        problem: /^HAVEN_DATA_KEY must be 32 random bytes in base64 \(make one with: openssl rand -base64 32\)$/,
      },
      {
        name: 'data key too long (33 bytes)',
        env: { HAVEN_DATA_KEY: Buffer.alloc(33, 1).toString('base64') },
        problem: /^HAVEN_DATA_KEY must be 32 random bytes/,
      },
      {
        name: 'data key as hex',
        env: { HAVEN_DATA_KEY: Buffer.alloc(32, 1).toString('hex') },
        problem: /^HAVEN_DATA_KEY must be 32 random bytes/,
      },
      {
        name: 'data key not base64',
        env: { HAVEN_DATA_KEY: 'this is not a key at all!!!!!!!!!!!!!!!!!!!' },
        problem: /^HAVEN_DATA_KEY must be 32 random bytes/,
      },
      { name: 'table prefix', env: { HAVEN_TABLE_PREFIX: '1bad-prefix' }, problem: /^HAVEN_TABLE_PREFIX must be letters and digits/ },
      {
        name: 'both kinds of storage',
        env: { HAVEN_STORAGE_CONNECTION_STRING: 'AccountName=x;AccountKey=y', HAVEN_STORAGE_ACCOUNT_URL: ACCOUNT_URL },
        problem: /^set only one of HAVEN_STORAGE_CONNECTION_STRING and HAVEN_STORAGE_ACCOUNT_URL$/,
      },
      {
        name: 'development storage in production (UseDevelopmentStorage)',
        env: { ...without(singleTenant, 'HAVEN_STORAGE_ACCOUNT_URL'), HAVEN_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' },
        problem: /^production cannot use the development storage emulator$/,
      },
      {
        name: 'development storage in production (devstoreaccount1)',
        env: {
          ...without(singleTenant, 'HAVEN_STORAGE_ACCOUNT_URL'),
          HAVEN_STORAGE_CONNECTION_STRING:
            'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=abc;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;',
        },
        problem: /^production cannot use the development storage emulator$/,
      },
      {
        name: 'account URL in production',
        env: { ...singleTenant, HAVEN_STORAGE_ACCOUNT_URL: 'http://havenprod.table.core.windows.net' },
        problem: /^HAVEN_STORAGE_ACCOUNT_URL must look like https:\/\/ACCOUNT\.table\.core\.windows\.net$/,
      },
      { name: 'app id not a GUID', env: { ...singleTenant, MicrosoftAppId: 'haven-bot' }, problem: /^MicrosoftAppId must be a GUID$/ },
      {
        name: 'tenant id not a GUID',
        env: { ...singleTenant, MicrosoftAppTenantId: 'force.onmicrosoft.com' },
        problem: /^MicrosoftAppTenantId must be a GUID$/,
      },
      {
        name: 'demo roster in production',
        env: { ...singleTenant, HAVEN_DEMO_ROSTER: 'data/demo-roster.csv' },
        problem: /^HAVEN_DEMO_ROSTER is for local mode only/,
      },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const problems = problemsOf(c.env);
        assert.equal(problems.length, 1, JSON.stringify(problems));
        assert.match(problems[0]!, c.problem);
      });
    }

    it('bad numbers are reported together with every other problem', () => {
      const problems = problemsOf({
        HAVEN_MODE: 'production',
        PORT: 'abc',
        HAVEN_OUTBOX_MAX_ATTEMPTS: '0',
        HAVEN_LOG_LEVEL: 'loud',
        HAVEN_DATA_KEY: 'short',
      });
      hasProblem(problems, /^PORT must be a whole number/);
      hasProblem(problems, /^HAVEN_OUTBOX_MAX_ATTEMPTS must be a whole number/);
      hasProblem(problems, /^HAVEN_LOG_LEVEL must be one of/);
      hasProblem(problems, /^HAVEN_DATA_KEY must be 32 random bytes/);
      for (const re of [PROBLEM.appId, PROBLEM.appType, PROBLEM.tenant, PROBLEM.storage]) hasProblem(problems, re);
    });
  });

  describe('a valid production environment', () => {
    it('SingleTenant with managed-identity storage loads', () => {
      const c = loadConfig(singleTenant);
      assert.equal(c.mode, 'production');
      assert.equal(c.host, '0.0.0.0');
      assert.equal(c.port, 3978);
      assert.deepEqual(c.bot, { appId: APP_ID, appType: 'SingleTenant', tenantId: TENANT_ID, password: 'client-secret' });
      assert.deepEqual(c.storage, { kind: 'managedIdentity', accountUrl: ACCOUNT_URL, clientId: undefined });
      assert.ok(c.dataKey);
      assert.ok(c.dataKey.equals(DATA_KEY_BYTES));
      assert.equal(c.demoRoster, undefined);
    });

    it('UserAssignedMSI loads, without a password, and storage uses the same identity', () => {
      const c = loadConfig(userAssignedMsi);
      assert.equal(c.mode, 'production');
      assert.deepEqual(c.bot, { appId: APP_ID, appType: 'UserAssignedMSI', tenantId: TENANT_ID, password: '' });
      assert.deepEqual(c.storage, { kind: 'managedIdentity', accountUrl: ACCOUNT_URL, clientId: APP_ID });
    });

    it('a storage connection string loads', () => {
      const connectionString = 'DefaultEndpointsProtocol=https;AccountName=havenprod;AccountKey=abc==;EndpointSuffix=core.windows.net';
      const c = loadConfig({
        ...without(singleTenant, 'HAVEN_STORAGE_ACCOUNT_URL'),
        HAVEN_STORAGE_CONNECTION_STRING: connectionString,
        HOST: '10.0.0.4',
        PORT: '8080',
      });
      assert.deepEqual(c.storage, { kind: 'connectionString', connectionString });
      assert.equal(c.host, '10.0.0.4');
      assert.equal(c.port, 8080);
    });

    for (const [name, env] of [
      ['SingleTenant', singleTenant],
      ['UserAssignedMSI', userAssignedMsi],
      ['local', {}],
    ] as const) {
      it(`the ${name} result is frozen, nested objects included`, () => {
        const c = loadConfig(env);
        assert.ok(Object.isFrozen(c));
        for (const part of [c.bot, c.storage, c.outbox, c.jobs]) assert.ok(Object.isFrozen(part));
        assert.throws(() => {
          (c as { port: number }).port = 1;
        }, TypeError);
        assert.throws(() => {
          (c.bot as { password: string }).password = 'stolen';
        }, TypeError);
        assert.throws(() => {
          (c.outbox as { maxAttempts: number }).maxAttempts = 1000;
        }, TypeError);
      });
    }
  });
});

describe('check-in and flag configuration', () => {
  it('defaults: fortnightly WHO-5, raw ≤ 12, fall 10, baseline 3, two misses, two "too much", 24 h per level, groups of 5', () => {
    const c = loadConfig({});
    assert.deepEqual(c.checkIns, {
      intervalDays: 14,
      defaultQuestionSet: 'who5',
      questionSetDir: 'data/question-sets',
      scheduleDir: 'data/check-in-schedules',
      flags: { lowRawMax: 12, fallPoints: 10, baselineCheckIns: 3, missedInARow: 2, workloadTooMuchInARow: 2, escalationHours: 24 },
      minGroupSize: 5,
      // Issue 14, exposure and workload log.
      workload: { heavyHours: 15, heavyWeeks: 3, heavyWindowWeeks: 4, violentWeeksInARow: 2, fullTimeHours: 37, fullTimeViewingHours: 15 },
    });
  });

  it('workload thresholds: every bad one listed at once; heavy weeks never exceed the window', () => {
    const problems = problemsOf({
      HAVEN_WORKLOAD_HEAVY_HOURS: '0',
      HAVEN_WORKLOAD_FULL_TIME_HOURS: 'full',
      HAVEN_WORKLOAD_VIOLENT_WEEKS_IN_A_ROW: '-2',
    });
    for (const name of ['HAVEN_WORKLOAD_HEAVY_HOURS', 'HAVEN_WORKLOAD_FULL_TIME_HOURS', 'HAVEN_WORKLOAD_VIOLENT_WEEKS_IN_A_ROW'])
      assert.ok(
        problems.some((p) => p.includes(name)),
        `${name}: ${problems.join(' | ')}`,
      );
    const c = loadConfig({ HAVEN_WORKLOAD_HEAVY_WEEKS: '6', HAVEN_WORKLOAD_HEAVY_WINDOW_WEEKS: '4' });
    assert.equal(c.checkIns.workload.heavyWeeks, 4);
  });

  it('every bad threshold is listed at once, and the group size cannot go below 5', () => {
    const problems = problemsOf({
      HAVEN_CHECKIN_INTERVAL_DAYS: '3',
      HAVEN_FLAG_WHO5_RAW_MAX: '-1',
      HAVEN_FLAG_FALL_POINTS: 'ten',
      HAVEN_FLAG_MISSED_IN_A_ROW: '0',
      HAVEN_MIN_GROUP_SIZE: '4',
      HAVEN_CHECKIN_QUESTION_SET: '../etc',
    });
    for (const name of [
      'HAVEN_CHECKIN_INTERVAL_DAYS',
      'HAVEN_FLAG_WHO5_RAW_MAX',
      'HAVEN_FLAG_FALL_POINTS',
      'HAVEN_FLAG_MISSED_IN_A_ROW',
      'HAVEN_MIN_GROUP_SIZE',
      'HAVEN_CHECKIN_QUESTION_SET',
    ]) {
      assert.ok(
        problems.some((p) => p.includes(name)),
        `${name} in ${problems.join(' | ')}`,
      );
    }
  });

  it('thresholds are read from the environment', () => {
    const c = loadConfig({
      HAVEN_FLAG_WHO5_RAW_MAX: '10',
      HAVEN_FLAG_BASELINE_CHECKINS: '4',
      HAVEN_FLAG_ESCALATION_HOURS: '8',
      HAVEN_MIN_GROUP_SIZE: '7',
    });
    assert.equal(c.checkIns.flags.lowRawMax, 10);
    assert.equal(c.checkIns.flags.baselineCheckIns, 4);
    assert.equal(c.checkIns.flags.escalationHours, 8);
    assert.equal(c.checkIns.minGroupSize, 7);
  });
});

describe('configuration: ongoing care, staged exposure and teams', () => {
  it('defaults: six-monthly supervision, monthly one-to-ones for 12 months, annual questionnaire, tenure at 4 years, screening every 6 months after 5, 7-day reflection, span 8, Monday team card', () => {
    const c = loadConfig({});
    assert.deepEqual(c.care.schedule, {
      clinicalSupervisionMonths: 6,
      oneToOneMonths: 1,
      oneToOneForMonths: 12,
      oneToOneLaterMonths: 3,
      clinicalSupervisionForwardWorkingDays: 10,
      suitabilityMonths: 12,
      tenureReviewMonths: 48,
      screeningAfterMonths: 60,
      screeningMonths: 6,
      noticeDays: 7,
      overdueGraceDays: 7,
    });
    assert.equal(c.care.escalationLevelHours, 24);
    assert.deepEqual(c.stages, { reflectionDays: 7, newJoinerMonths: 12 });
    assert.deepEqual(c.team, { spanOfControl: 8, weeklyCardDay: 'mon' });
  });

  it('every interval can be changed', () => {
    const c = loadConfig({
      HAVEN_CARE_CLINICAL_SUPERVISION_MONTHS: '3',
      HAVEN_CARE_ONE_TO_ONE_MONTHS: '2',
      HAVEN_STAGE_REFLECTION_DAYS: '0',
      HAVEN_SPAN_OF_CONTROL: '6',
      HAVEN_TEAM_CARD_DAY: 'Friday',
      HAVEN_CARE_ESCALATION_HOURS: '48',
    });
    assert.equal(c.care.schedule.clinicalSupervisionMonths, 3);
    assert.equal(c.care.schedule.oneToOneMonths, 2);
    assert.equal(c.stages.reflectionDays, 0);
    assert.equal(c.team.spanOfControl, 6);
    assert.equal(c.team.weeklyCardDay, 'fri');
    assert.equal(c.care.escalationLevelHours, 48);
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({
      HAVEN_CARE_CLINICAL_SUPERVISION_MONTHS: '0',
      HAVEN_STAGE_REFLECTION_DAYS: 'a week',
      HAVEN_SPAN_OF_CONTROL: '-1',
      HAVEN_TEAM_CARD_DAY: 'someday',
      HAVEN_CARE_TENURE_REVIEW_MONTHS: '60',
      HAVEN_CARE_SCREENING_AFTER_MONTHS: '48',
      HAVEN_CARE_FROM: '2026-02-30',
      HAVEN_CARE_REPEAT_DAYS: '0',
    });
    assert.deepEqual(problems, [
      'HAVEN_CARE_CLINICAL_SUPERVISION_MONTHS must be a whole number from 1 to 24 (got "0")',
      'HAVEN_CARE_REPEAT_DAYS must be a whole number from 1 to 90 (got "0")',
      'HAVEN_STAGE_REFLECTION_DAYS must be a whole number from 0 to 90 (got "a week")',
      'HAVEN_SPAN_OF_CONTROL must be a whole number from 1 to 100 (got "-1")',
      'HAVEN_TEAM_CARD_DAY must be a day of the week: mon, tue, wed, thu, fri, sat, sun (got "someday")',
      'HAVEN_CARE_FROM must be a date, YYYY-MM-DD (got "2026-02-30")',
      'HAVEN_CARE_SCREENING_AFTER_MONTHS must not be before HAVEN_CARE_TENURE_REVIEW_MONTHS (screening is for those who stay beyond their tenure review)',
    ]);
  });

  it('care repeats weekly once the whole chain was told, and counts from HAVEN_CARE_FROM when set', () => {
    assert.equal(loadConfig({}).care.repeatDays, 7);
    assert.equal(loadConfig({}).care.schedule.countFrom, undefined);
    assert.equal(loadConfig({ HAVEN_CARE_FROM: '2027-01-04', HAVEN_CARE_REPEAT_DAYS: '14' }).care.schedule.countFrom, '2027-01-04');
    assert.equal(loadConfig({ HAVEN_CARE_REPEAT_DAYS: '14' }).care.repeatDays, 14);
  });
});

describe('config: production storage and data key that only look valid', () => {
  const connectionString = (cs: string): Env => ({
    ...without(singleTenant, 'HAVEN_STORAGE_ACCOUNT_URL'),
    HAVEN_STORAGE_CONNECTION_STRING: cs,
  });
  const EMULATOR = /production cannot use the development storage emulator/;
  const HTTP = /HAVEN_STORAGE_CONNECTION_STRING must use https in production/;
  const cases: Array<{ name: string; env: Env; problems: RegExp[] }> = [
    { name: 'UseDevelopmentStorage', env: connectionString('UseDevelopmentStorage=true'), problems: [EMULATOR] },
    {
      name: 'http to a real account',
      env: connectionString('DefaultEndpointsProtocol=http;AccountName=havenprod;AccountKey=a2V5;EndpointSuffix=core.windows.net'),
      problems: [HTTP],
    },
    {
      name: 'an emulator by IP over https',
      env: connectionString('DefaultEndpointsProtocol=https;AccountName=a;AccountKey=a2V5;TableEndpoint=https://127.0.0.1:10002/a'),
      problems: [EMULATOR],
    },
    {
      name: 'an emulator by IPv6 over http',
      env: connectionString('AccountName=a;AccountKey=a2V5;TableEndpoint=http://[::1]:10002/a'),
      problems: [EMULATOR],
    },
    {
      name: 'an endpoint that is not a URL',
      env: connectionString('AccountName=a;AccountKey=a2V5;TableEndpoint=10.0.0.1:10002'),
      problems: [EMULATOR],
    },
    {
      name: 'a data key of zero bytes',
      env: { ...singleTenant, HAVEN_DATA_KEY: Buffer.alloc(32).toString('base64') },
      problems: [/all 32 bytes are zero/],
    },
    {
      name: 'a data key of one repeated byte',
      env: { ...singleTenant, HAVEN_DATA_KEY: Buffer.alloc(32, 7).toString('base64') },
      problems: [/HAVEN_DATA_KEY is not a random key \(all 32 bytes are the same byte\)/],
    },
  ];
  for (const c of cases)
    it(`refuses ${c.name}, and says exactly that`, () => {
      const problems = problemsOf(c.env);
      for (const re of c.problems) hasProblem(problems, re);
      assert.equal(problems.length, c.problems.length, JSON.stringify(problems));
      assert.ok(!problems.join(' ').includes('a2V5'), 'the account key is never quoted back');
    });

  it('every one of them is listed at once with the other problems', () => {
    const problems = problemsOf({
      HAVEN_MODE: 'production',
      HAVEN_STORAGE_CONNECTION_STRING:
        'DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5;TableEndpoint=http://192.168.1.9:10002/a',
      HAVEN_DATA_KEY: Buffer.alloc(32).toString('base64'),
      PORT: 'x',
    });
    for (const re of [EMULATOR, /all 32 bytes are zero/, PROBLEM.appId, PROBLEM.appType, PROBLEM.tenant, /^PORT must be/])
      hasProblem(problems, re);
  });

  it('a real https account by connection string or custom endpoint loads; local mode keeps any well-formed key', () => {
    for (const cs of [
      'DefaultEndpointsProtocol=https;AccountName=havenprod;AccountKey=a2V5;EndpointSuffix=core.windows.net',
      'DefaultEndpointsProtocol=https;AccountName=havenprod;AccountKey=a2V5;TableEndpoint=https://havenprod.table.core.windows.net/',
    ])
      assert.equal(loadConfig(connectionString(cs)).storage.kind, 'connectionString');
    assert.equal(loadConfig({ HAVEN_DATA_KEY: Buffer.alloc(32).toString('base64') }).mode, 'local');
  });
});
