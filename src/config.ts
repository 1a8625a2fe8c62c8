// The only reader of the environment. Validates once, reports every problem at once, freezes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import type { CareSchedule } from './features/care/care-schedule.ts';
import { WEEKDAYS, type Weekday } from './kernel/types.ts';

export type Mode = 'local' | 'production';

export interface Config {
  mode: Mode;
  host: string;
  port: number;
  bot: {
    appId: string;
    appType: 'SingleTenant' | 'UserAssignedMSI' | 'MultiTenant' | '';
    tenantId: string;
    password: string;
  };
  storage:
    | { kind: 'embedded'; dataDir: string; port: number }
    | { kind: 'connectionString'; connectionString: string }
    | { kind: 'managedIdentity'; accountUrl: string; clientId?: string };
  tablePrefix: string;
  /** 32-byte AES key; undefined only in local mode, where main.ts keeps a development key under dataDir. */
  dataKey?: Buffer;
  dataDir: string;
  demoRoster?: string;
  /** Fictional pre-deployment journeys loaded next to the demo roster (local mode only). */
  demoJourneys?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  outbox: { maxAttempts: number; pollMs: number };
  /** `scheduleEveryMs`: how often the schedule jobs (check-ins, flags, care, journeys) look for due work. */
  jobs: { tickMs: number; leaseMs: number; scheduleEveryMs: number };
  playgroundPort: number;
  declarations: {
    /** Roster ids alerted when nobody else can be (someone off the roster, a unit with no chain). */
    fallbackResponders: string[];
    supportDirectoryFile: string;
    escalationDir: string;
    /** data/contacts/<unit>.json: a unit's confidential contacts (kernel/contacts.ts). */
    contactsDir: string;
    /** Issue 16 (rotas): data/duty-rota/<unit>.json, the unit's duty sergeant and inspector (kernel/duty-rota.ts); '' = none. */
    dutyRotaDir: string;
  };
  /** Issue 16 part 4: data/retention.json, how long each kind of record is kept (HAVEN_RETENTION_FILE). */
  retentionFile: string;
  /** Removal from the Entra ID group that grants access to the grading systems, when configured. */
  viewingGroup?: { groupId: string; graphUrl: string };
  /**
   * Issue 16 (graph): Microsoft Graph for the Entra directory and Teams app installation. Set in production,
   * and in local mode only when HAVEN_GRAPH_URL is a loopback fake (no token; local mode has no identity to
   * call the real Graph with); undefined otherwise.
   * `teamsAppCatalogId`: Haven's id in the org's app catalogue (HAVEN_TEAMS_APP_CATALOG_ID); in local mode it
   * defaults to the demo tenant's (LOCAL_TEAMS_APP_CATALOG_ID).
   */
  graph?: { url: string; teamsAppCatalogId?: string };
  checkIns: {
    /** Default interval; a unit's data/check-in-schedules/<unit>.json may set its own. */
    intervalDays: number;
    defaultQuestionSet: string;
    questionSetDir: string;
    scheduleDir: string;
    flags: {
      lowRawMax: number;
      fallPoints: number;
      baselineCheckIns: number;
      missedInARow: number;
      workloadTooMuchInARow: number;
      /** How long each level of the chain has to acknowledge a flag before the next is told. */
      escalationHours: number;
    };
    /** Unit aggregates are shown only for at least this many people (never fewer than 5). */
    minGroupSize: number;
    /** Issue 14, exposure and workload log: the rules that turn weekly figures into a flag. */
    workload: {
      heavyHours: number;
      heavyWeeks: number;
      heavyWindowWeeks: number;
      violentWeeksInARow: number;
      fullTimeHours: number;
      fullTimeViewingHours: number;
    };
  };
  /** Scheduled care: intervals, and how fast an overdue item walks up the chain. */
  care: { schedule: CareSchedule; escalationLevelHours: number; repeatDays: number };
  /** Staged exposure for new joiners. */
  stages: { reflectionDays: number; newJoinerMonths: number };
  /** Supervisors' "my team" card and span of control. */
  team: { spanOfControl: number; weeklyCardDay: Weekday };
  /** Pre-deployment journeys: questionnaire reminders and the secondary-review deadline. */
  journeys: {
    reminderAfterDays: number;
    trainerToldAfterDays: number;
    headReviewDays: number;
    headReviewLevelDelayMinutes: number;
    debriefGapHours: number;
  };
  /** TRiM follow-ups (issue 14, part 4): the force-wide practitioners after a unit's own, and how fast a wanted one escalates. */
  trim: { practitioners: string[]; escalationHours: number; answerDays: number };
  /** Issue 16, the roster from Entra ID: where the per-unit mapping files are (data/entra/<unit id>.json). */
  entra: { mappingDir: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Haven cannot start; fix the configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));
const intIn = (name: string, min: number, max: number, fallback: number) =>
  optionalText.transform((v, ctx) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${name} must be a whole number from ${min} to ${max} (got "${v}")` });
      return fallback;
    }
    return n;
  });

const schema = z.object({
  HAVEN_MODE: optionalText,
  HOST: optionalText,
  PORT: intIn('PORT', 0, 65535, 3978),
  MicrosoftAppId: optionalText,
  MicrosoftAppType: optionalText,
  MicrosoftAppTenantId: optionalText,
  MicrosoftAppPassword: optionalText,
  HAVEN_STORAGE_CONNECTION_STRING: optionalText,
  HAVEN_STORAGE_ACCOUNT_URL: optionalText,
  HAVEN_DATA_KEY: optionalText,
  HAVEN_DATA_DIR: optionalText,
  HAVEN_TABLE_PREFIX: optionalText,
  HAVEN_DEMO_ROSTER: optionalText,
  HAVEN_DEMO_JOURNEYS: optionalText,
  HAVEN_LOG_LEVEL: optionalText,
  HAVEN_OUTBOX_MAX_ATTEMPTS: intIn('HAVEN_OUTBOX_MAX_ATTEMPTS', 1, 50, 8),
  HAVEN_OUTBOX_POLL_MS: intIn('HAVEN_OUTBOX_POLL_MS', 50, 60_000, 1000),
  HAVEN_JOB_TICK_MS: intIn('HAVEN_JOB_TICK_MS', 100, 60_000, 5000),
  HAVEN_SCHEDULE_EVERY_SECONDS: intIn('HAVEN_SCHEDULE_EVERY_SECONDS', 0, 3600, 60),
  HAVEN_PLAYGROUND_PORT: intIn('HAVEN_PLAYGROUND_PORT', 1, 65535, 56150),
  HAVEN_FALLBACK_RESPONDERS: optionalText,
  HAVEN_SUPPORT_DIRECTORY: optionalText,
  HAVEN_ESCALATION_DIR: optionalText,
  HAVEN_CONTACTS_DIR: optionalText,
  // Issue 16 (rotas): data/duty-rota/<unit id>.json, who is on duty at night; unset: no duty rota.
  HAVEN_DUTY_ROTA_DIR: optionalText,
  // Issue 16 part 4: the retention policy file.
  HAVEN_RETENTION_FILE: optionalText,
  // TRiM follow-ups (issue 14, part 4)
  HAVEN_TRIM_PRACTITIONERS: optionalText,
  HAVEN_TRIM_ESCALATION_HOURS: intIn('HAVEN_TRIM_ESCALATION_HOURS', 1, 336, 48),
  HAVEN_TRIM_ANSWER_DAYS: intIn('HAVEN_TRIM_ANSWER_DAYS', 1, 60, 14),
  HAVEN_VIEWING_GROUP_ID: optionalText,
  HAVEN_GRAPH_URL: optionalText,
  // Issue 16: the roster from Entra ID, one mapping file per unit.
  HAVEN_ENTRA_DIR: optionalText,
  // Issue 16 (graph): Haven's id in the org's Teams app catalogue, for installing it for people.
  HAVEN_TEAMS_APP_CATALOG_ID: optionalText,
  HAVEN_AZURITE_PORT: intIn('HAVEN_AZURITE_PORT', 0, 65535, 10002),
  HAVEN_CHECKIN_INTERVAL_DAYS: intIn('HAVEN_CHECKIN_INTERVAL_DAYS', 7, 91, 14),
  HAVEN_CHECKIN_QUESTION_SET: optionalText,
  HAVEN_QUESTION_SET_DIR: optionalText,
  HAVEN_CHECKIN_SCHEDULE_DIR: optionalText,
  HAVEN_FLAG_WHO5_RAW_MAX: intIn('HAVEN_FLAG_WHO5_RAW_MAX', 0, 100, 12),
  HAVEN_FLAG_FALL_POINTS: intIn('HAVEN_FLAG_FALL_POINTS', 1, 100, 10),
  HAVEN_FLAG_BASELINE_CHECKINS: intIn('HAVEN_FLAG_BASELINE_CHECKINS', 1, 26, 3),
  HAVEN_FLAG_MISSED_IN_A_ROW: intIn('HAVEN_FLAG_MISSED_IN_A_ROW', 1, 10, 2),
  HAVEN_FLAG_WORKLOAD_TOO_MUCH_IN_A_ROW: intIn('HAVEN_FLAG_WORKLOAD_TOO_MUCH_IN_A_ROW', 1, 10, 2),
  HAVEN_FLAG_ESCALATION_HOURS: intIn('HAVEN_FLAG_ESCALATION_HOURS', 1, 168, 24),
  HAVEN_MIN_GROUP_SIZE: intIn('HAVEN_MIN_GROUP_SIZE', 5, 50, 5),
  // Issue 14, exposure and workload log.
  HAVEN_WORKLOAD_HEAVY_HOURS: intIn('HAVEN_WORKLOAD_HEAVY_HOURS', 1, 60, 15),
  HAVEN_WORKLOAD_HEAVY_WEEKS: intIn('HAVEN_WORKLOAD_HEAVY_WEEKS', 1, 12, 3),
  HAVEN_WORKLOAD_HEAVY_WINDOW_WEEKS: intIn('HAVEN_WORKLOAD_HEAVY_WINDOW_WEEKS', 1, 12, 4),
  HAVEN_WORKLOAD_VIOLENT_WEEKS_IN_A_ROW: intIn('HAVEN_WORKLOAD_VIOLENT_WEEKS_IN_A_ROW', 1, 12, 2),
  HAVEN_WORKLOAD_FULL_TIME_HOURS: intIn('HAVEN_WORKLOAD_FULL_TIME_HOURS', 10, 60, 37),
  HAVEN_WORKLOAD_FULL_TIME_VIEWING_HOURS: intIn('HAVEN_WORKLOAD_FULL_TIME_VIEWING_HOURS', 1, 60, 15),
  HAVEN_CARE_CLINICAL_SUPERVISION_MONTHS: intIn('HAVEN_CARE_CLINICAL_SUPERVISION_MONTHS', 1, 24, 6),
  HAVEN_CARE_ONE_TO_ONE_MONTHS: intIn('HAVEN_CARE_ONE_TO_ONE_MONTHS', 1, 12, 1),
  HAVEN_CARE_ONE_TO_ONE_FOR_MONTHS: intIn('HAVEN_CARE_ONE_TO_ONE_FOR_MONTHS', 0, 60, 12),
  HAVEN_CARE_ONE_TO_ONE_LATER_MONTHS: intIn('HAVEN_CARE_ONE_TO_ONE_LATER_MONTHS', 0, 24, 3),
  HAVEN_CARE_FORWARD_WORKING_DAYS: intIn('HAVEN_CARE_FORWARD_WORKING_DAYS', 1, 60, 10),
  HAVEN_CARE_SUITABILITY_MONTHS: intIn('HAVEN_CARE_SUITABILITY_MONTHS', 1, 36, 12),
  HAVEN_CARE_TENURE_REVIEW_MONTHS: intIn('HAVEN_CARE_TENURE_REVIEW_MONTHS', 12, 240, 48),
  HAVEN_CARE_SCREENING_AFTER_MONTHS: intIn('HAVEN_CARE_SCREENING_AFTER_MONTHS', 12, 240, 60),
  HAVEN_CARE_SCREENING_MONTHS: intIn('HAVEN_CARE_SCREENING_MONTHS', 1, 24, 6),
  HAVEN_CARE_NOTICE_DAYS: intIn('HAVEN_CARE_NOTICE_DAYS', 0, 60, 7),
  HAVEN_CARE_OVERDUE_GRACE_DAYS: intIn('HAVEN_CARE_OVERDUE_GRACE_DAYS', 0, 90, 7),
  HAVEN_CARE_ESCALATION_HOURS: intIn('HAVEN_CARE_ESCALATION_HOURS', 1, 720, 24),
  HAVEN_CARE_REPEAT_DAYS: intIn('HAVEN_CARE_REPEAT_DAYS', 1, 90, 7),
  HAVEN_CARE_FROM: optionalText,
  HAVEN_CARE_SPREAD_WEEKS: intIn('HAVEN_CARE_SPREAD_WEEKS', 1, 26, 4),
  HAVEN_STAGE_REFLECTION_DAYS: intIn('HAVEN_STAGE_REFLECTION_DAYS', 0, 90, 7),
  HAVEN_STAGE_NEW_JOINER_MONTHS: intIn('HAVEN_STAGE_NEW_JOINER_MONTHS', 1, 60, 12),
  HAVEN_SPAN_OF_CONTROL: intIn('HAVEN_SPAN_OF_CONTROL', 1, 100, 8),
  HAVEN_TEAM_CARD_DAY: optionalText,
  HAVEN_QUESTIONNAIRE_REMINDER_DAYS: intIn('HAVEN_QUESTIONNAIRE_REMINDER_DAYS', 1, 60, 3),
  HAVEN_QUESTIONNAIRE_TRAINER_DAYS: intIn('HAVEN_QUESTIONNAIRE_TRAINER_DAYS', 1, 90, 7),
  HAVEN_HEAD_REVIEW_DAYS: intIn('HAVEN_HEAD_REVIEW_DAYS', 1, 60, 5),
  HAVEN_HEAD_REVIEW_ESCALATION_HOURS: intIn('HAVEN_HEAD_REVIEW_ESCALATION_HOURS', 1, 24 * 14, 24),
  HAVEN_DEBRIEF_GAP_HOURS: intIn('HAVEN_DEBRIEF_GAP_HOURS', 0, 24 * 14, 24),
});

/** Issue 16 (graph): Haven's catalogue id in the demo tenant (`npm run graph:fake`); local mode's default. */
export const LOCAL_TEAMS_APP_CATALOG_ID = 'a7e0c0de-5a4e-4a11-9e00-00000000beef';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Reads `.env` in `dir` (as .env.sample promises) into `env`, once per process for the process
 * environment. A variable already set in the real environment wins over the file, even when empty.
 * Returns the names the file set. No .env: nothing happens. An unreadable .env is a ConfigError.
 */
export function applyEnvFile(dir: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): string[] {
  const file = join(dir, '.env');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ConfigError([`${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`]);
  }
  const set: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (value === undefined || Object.prototype.hasOwnProperty.call(env, name)) continue;
    env[name] = value;
    set.push(name);
  }
  return set;
}

let envFileApplied = false;

/** The process environment, with `.env` from the working directory applied (once) under it. */
export function processEnvironment(): NodeJS.ProcessEnv {
  if (!envFileApplied) {
    applyEnvFile();
    envFileApplied = true;
  }
  return process.env;
}

/** The process environment with some values set by a launcher (e.g. `npm start`'s demo defaults). */
export function loadConfigWith(overrides: Record<string, string>): Readonly<Config> {
  return loadConfig({ ...processEnvironment(), ...overrides });
}

export function loadConfig(env: Record<string, string | undefined> = processEnvironment()): Readonly<Config> {
  let parsed = schema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    // Keep going so every problem is listed at once: parse again without the bad values (their
    // defaults apply) and check everything else.
    for (const issue of parsed.error.issues) problems.push(issue.message);
    const bad = new Set(parsed.error.issues.map((issue) => issue.path[0]));
    parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([name]) => !bad.has(name))));
    if (!parsed.success) throw new ConfigError(problems);
  }
  const e = parsed.data;

  // Fail closed: an app id means this is meant to be a real deployment unless local is asked for.
  const modeText = e.HAVEN_MODE ?? (e.MicrosoftAppId ? 'production' : 'local');
  if (modeText !== 'local' && modeText !== 'production') problems.push(`HAVEN_MODE must be "local" or "production" (got "${modeText}")`);
  const mode: Mode = modeText === 'production' ? 'production' : 'local';

  const appType = e.MicrosoftAppType ?? (mode === 'production' ? '' : '');
  if (appType && !['SingleTenant', 'UserAssignedMSI', 'MultiTenant'].includes(appType)) {
    problems.push(`MicrosoftAppType must be SingleTenant or UserAssignedMSI (got "${appType}")`);
  }

  let dataKey: Buffer | undefined;
  if (e.HAVEN_DATA_KEY) {
    const key = Buffer.from(e.HAVEN_DATA_KEY, 'base64');
    if (key.length !== 32 || key.toString('base64') !== e.HAVEN_DATA_KEY.replace(/\s/g, ''))
      problems.push('HAVEN_DATA_KEY must be 32 random bytes in base64 (make one with: openssl rand -base64 32)');
    else dataKey = key;
  }
  if (dataKey && mode === 'production' && dataKey.every((byte) => byte === dataKey![0]))
    problems.push(
      `HAVEN_DATA_KEY is not a random key (all 32 bytes are ${dataKey[0] === 0 ? 'zero' : 'the same byte'}); make one with: openssl rand -base64 32`,
    );

  if (e.HAVEN_STORAGE_CONNECTION_STRING && e.HAVEN_STORAGE_ACCOUNT_URL)
    problems.push('set only one of HAVEN_STORAGE_CONNECTION_STRING and HAVEN_STORAGE_ACCOUNT_URL');
  if (
    e.HAVEN_STORAGE_ACCOUNT_URL &&
    !/^https:\/\/[a-z0-9]+\.table\.core\.windows\.net\/?$/.test(e.HAVEN_STORAGE_ACCOUNT_URL) &&
    mode === 'production'
  ) {
    problems.push('HAVEN_STORAGE_ACCOUNT_URL must look like https://ACCOUNT.table.core.windows.net');
  }
  if (e.HAVEN_TABLE_PREFIX && !/^[A-Za-z][A-Za-z0-9]{0,20}$/.test(e.HAVEN_TABLE_PREFIX))
    problems.push('HAVEN_TABLE_PREFIX must be letters and digits, starting with a letter, at most 21 characters');
  const logLevel = (e.HAVEN_LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) problems.push(`HAVEN_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const dataDir = e.HAVEN_DATA_DIR ?? '.data';
  let host = e.HOST ?? (mode === 'production' ? '0.0.0.0' : '127.0.0.1');

  if (mode === 'production') {
    if (!e.MicrosoftAppId) problems.push("production needs MicrosoftAppId (the bot's app registration or managed identity client id)");
    else if (!GUID.test(e.MicrosoftAppId)) problems.push('MicrosoftAppId must be a GUID');
    if (appType !== 'SingleTenant' && appType !== 'UserAssignedMSI')
      problems.push('production needs MicrosoftAppType=SingleTenant or UserAssignedMSI (multi-tenant bots are not allowed for Haven)');
    if (!e.MicrosoftAppTenantId) problems.push("production needs MicrosoftAppTenantId (the force's Entra tenant id)");
    else if (!GUID.test(e.MicrosoftAppTenantId)) problems.push('MicrosoftAppTenantId must be a GUID');
    if (appType === 'SingleTenant' && !e.MicrosoftAppPassword)
      problems.push('MicrosoftAppType=SingleTenant needs MicrosoftAppPassword (the client secret)');
    if (!e.HAVEN_STORAGE_CONNECTION_STRING && !e.HAVEN_STORAGE_ACCOUNT_URL)
      problems.push('production needs storage: HAVEN_STORAGE_ACCOUNT_URL (managed identity) or HAVEN_STORAGE_CONNECTION_STRING');
    if (e.HAVEN_STORAGE_CONNECTION_STRING) problems.push(...unsafeProductionConnectionString(e.HAVEN_STORAGE_CONNECTION_STRING));
    if (!e.HAVEN_DATA_KEY) problems.push('production needs HAVEN_DATA_KEY (the data-encryption key, from Key Vault)');
    if (e.HAVEN_DEMO_ROSTER)
      problems.push('HAVEN_DEMO_ROSTER is for local mode only; import the real roster with npm run roster -- import');
    if (e.HAVEN_DEMO_JOURNEYS) problems.push('HAVEN_DEMO_JOURNEYS is for local mode only (fictional demo data)');
  } else {
    if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1')
      problems.push(`local mode has no authentication, so it listens on loopback only; HOST must be 127.0.0.1 (got "${host}")`);
    host = host === 'localhost' ? '127.0.0.1' : host;
    if (e.MicrosoftAppPassword)
      problems.push('MicrosoftAppPassword is set but HAVEN_MODE is local; remove it or set HAVEN_MODE=production');
  }

  const fallbackResponders = (e.HAVEN_FALLBACK_RESPONDERS ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  if (fallbackResponders.some((id) => !/^[a-z0-9][a-z0-9._-]{0,62}$/.test(id)))
    problems.push('HAVEN_FALLBACK_RESPONDERS must be a comma-separated list of roster person ids');
  const trimPractitioners = (e.HAVEN_TRIM_PRACTITIONERS ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  if (trimPractitioners.some((id) => !/^[a-z0-9][a-z0-9._-]{0,62}$/.test(id)))
    problems.push('HAVEN_TRIM_PRACTITIONERS must be a comma-separated list of roster person ids');
  if (e.HAVEN_VIEWING_GROUP_ID && !GUID.test(e.HAVEN_VIEWING_GROUP_ID))
    problems.push('HAVEN_VIEWING_GROUP_ID must be the object id (a GUID) of the Entra group that grants grading access');
  const graphUrl = (e.HAVEN_GRAPH_URL ?? 'https://graph.microsoft.com').replace(/\/+$/, '');
  if (!/^https:\/\//.test(graphUrl) && !(mode === 'local' && /^http:\/\/127\.0\.0\.1(:\d+)?$/.test(graphUrl)))
    problems.push('HAVEN_GRAPH_URL must be https (or http://127.0.0.1 in local mode, for tests)');
  // Issue 16 (graph): the app catalogue id is a GUID (Graph's teamsApp id, not the manifest id).
  if (e.HAVEN_TEAMS_APP_CATALOG_ID && !GUID.test(e.HAVEN_TEAMS_APP_CATALOG_ID))
    problems.push("HAVEN_TEAMS_APP_CATALOG_ID must be Haven's id (a GUID) in the org's Teams app catalogue (Graph appCatalogs/teamsApps)");

  const defaultQuestionSet = e.HAVEN_CHECKIN_QUESTION_SET ?? 'who5';
  if (!/^[a-z0-9][a-z0-9_-]{0,40}$/.test(defaultQuestionSet))
    problems.push(`HAVEN_CHECKIN_QUESTION_SET must name a file in the question-set folder without .json (got "${defaultQuestionSet}")`);
  const weeklyCardDay = (e.HAVEN_TEAM_CARD_DAY ?? 'mon').toLowerCase().slice(0, 3) as Weekday;
  if (!WEEKDAYS.includes(weeklyCardDay) || (e.HAVEN_TEAM_CARD_DAY && !/^[a-z]+$/i.test(e.HAVEN_TEAM_CARD_DAY)))
    problems.push(`HAVEN_TEAM_CARD_DAY must be a day of the week: ${WEEKDAYS.join(', ')} (got "${e.HAVEN_TEAM_CARD_DAY}")`);
  if (
    e.HAVEN_CARE_FROM &&
    (!/^\d{4}-\d{2}-\d{2}$/.test(e.HAVEN_CARE_FROM) ||
      Number.isNaN(Date.parse(`${e.HAVEN_CARE_FROM}T00:00:00Z`)) ||
      new Date(`${e.HAVEN_CARE_FROM}T00:00:00Z`).toISOString().slice(0, 10) !== e.HAVEN_CARE_FROM)
  )
    problems.push(`HAVEN_CARE_FROM must be a date, YYYY-MM-DD (got "${e.HAVEN_CARE_FROM}")`);
  if (e.HAVEN_CARE_SCREENING_AFTER_MONTHS < e.HAVEN_CARE_TENURE_REVIEW_MONTHS)
    problems.push(
      'HAVEN_CARE_SCREENING_AFTER_MONTHS must not be before HAVEN_CARE_TENURE_REVIEW_MONTHS (screening is for those who stay beyond their tenure review)',
    );

  if (problems.length) throw new ConfigError(problems);

  const storage: Config['storage'] = e.HAVEN_STORAGE_CONNECTION_STRING
    ? { kind: 'connectionString', connectionString: e.HAVEN_STORAGE_CONNECTION_STRING }
    : e.HAVEN_STORAGE_ACCOUNT_URL
      ? {
          kind: 'managedIdentity',
          accountUrl: e.HAVEN_STORAGE_ACCOUNT_URL,
          clientId: appType === 'UserAssignedMSI' ? e.MicrosoftAppId : undefined,
        }
      : { kind: 'embedded', dataDir, port: e.HAVEN_AZURITE_PORT };

  const config: Config = {
    mode,
    host,
    port: e.PORT,
    bot: {
      appId: e.MicrosoftAppId ?? '',
      appType: (appType || '') as Config['bot']['appType'],
      tenantId: e.MicrosoftAppTenantId ?? '',
      password: e.MicrosoftAppPassword ?? '',
    },
    storage,
    tablePrefix: e.HAVEN_TABLE_PREFIX ?? '',
    dataKey,
    dataDir,
    demoRoster: mode === 'local' ? (e.HAVEN_DEMO_ROSTER ?? 'data/demo-roster.csv') : undefined,
    demoJourneys: mode === 'local' ? (e.HAVEN_DEMO_JOURNEYS ?? 'data/demo-journeys.json') : undefined,
    logLevel,
    outbox: { maxAttempts: e.HAVEN_OUTBOX_MAX_ATTEMPTS, pollMs: e.HAVEN_OUTBOX_POLL_MS },
    jobs: {
      tickMs: e.HAVEN_JOB_TICK_MS,
      leaseMs: Math.max(15_000, e.HAVEN_JOB_TICK_MS * 3),
      scheduleEveryMs: e.HAVEN_SCHEDULE_EVERY_SECONDS * 1000,
    },
    playgroundPort: e.HAVEN_PLAYGROUND_PORT,
    declarations: {
      fallbackResponders,
      supportDirectoryFile: e.HAVEN_SUPPORT_DIRECTORY ?? 'data/support-directory.json',
      escalationDir: e.HAVEN_ESCALATION_DIR ?? 'data/escalation',
      contactsDir: e.HAVEN_CONTACTS_DIR ?? 'data/contacts',
      dutyRotaDir: e.HAVEN_DUTY_ROTA_DIR ?? '',
    },
    retentionFile: e.HAVEN_RETENTION_FILE ?? 'data/retention.json',
    viewingGroup: e.HAVEN_VIEWING_GROUP_ID ? { groupId: e.HAVEN_VIEWING_GROUP_ID, graphUrl } : undefined,
    // Issue 16 (graph): the directory and app installation.
    graph:
      mode === 'production' || (e.HAVEN_GRAPH_URL && /^http:\/\/127\.0\.0\.1(:\d+)?$/.test(graphUrl))
        ? {
            url: graphUrl,
            teamsAppCatalogId: e.HAVEN_TEAMS_APP_CATALOG_ID ?? (mode === 'local' ? LOCAL_TEAMS_APP_CATALOG_ID : undefined),
          }
        : undefined,
    checkIns: {
      intervalDays: e.HAVEN_CHECKIN_INTERVAL_DAYS,
      defaultQuestionSet,
      questionSetDir: e.HAVEN_QUESTION_SET_DIR ?? 'data/question-sets',
      scheduleDir: e.HAVEN_CHECKIN_SCHEDULE_DIR ?? 'data/check-in-schedules',
      flags: {
        lowRawMax: e.HAVEN_FLAG_WHO5_RAW_MAX,
        fallPoints: e.HAVEN_FLAG_FALL_POINTS,
        baselineCheckIns: e.HAVEN_FLAG_BASELINE_CHECKINS,
        missedInARow: e.HAVEN_FLAG_MISSED_IN_A_ROW,
        workloadTooMuchInARow: e.HAVEN_FLAG_WORKLOAD_TOO_MUCH_IN_A_ROW,
        escalationHours: e.HAVEN_FLAG_ESCALATION_HOURS,
      },
      minGroupSize: e.HAVEN_MIN_GROUP_SIZE,
      workload: {
        heavyHours: e.HAVEN_WORKLOAD_HEAVY_HOURS,
        heavyWeeks: Math.min(e.HAVEN_WORKLOAD_HEAVY_WEEKS, e.HAVEN_WORKLOAD_HEAVY_WINDOW_WEEKS),
        heavyWindowWeeks: e.HAVEN_WORKLOAD_HEAVY_WINDOW_WEEKS,
        violentWeeksInARow: e.HAVEN_WORKLOAD_VIOLENT_WEEKS_IN_A_ROW,
        fullTimeHours: e.HAVEN_WORKLOAD_FULL_TIME_HOURS,
        fullTimeViewingHours: e.HAVEN_WORKLOAD_FULL_TIME_VIEWING_HOURS,
      },
    },
    care: {
      schedule: {
        clinicalSupervisionMonths: e.HAVEN_CARE_CLINICAL_SUPERVISION_MONTHS,
        oneToOneMonths: e.HAVEN_CARE_ONE_TO_ONE_MONTHS,
        oneToOneForMonths: e.HAVEN_CARE_ONE_TO_ONE_FOR_MONTHS,
        oneToOneLaterMonths: e.HAVEN_CARE_ONE_TO_ONE_LATER_MONTHS,
        clinicalSupervisionForwardWorkingDays: e.HAVEN_CARE_FORWARD_WORKING_DAYS,
        suitabilityMonths: e.HAVEN_CARE_SUITABILITY_MONTHS,
        tenureReviewMonths: e.HAVEN_CARE_TENURE_REVIEW_MONTHS,
        screeningAfterMonths: e.HAVEN_CARE_SCREENING_AFTER_MONTHS,
        screeningMonths: e.HAVEN_CARE_SCREENING_MONTHS,
        noticeDays: e.HAVEN_CARE_NOTICE_DAYS,
        overdueGraceDays: e.HAVEN_CARE_OVERDUE_GRACE_DAYS,
        ...(e.HAVEN_CARE_FROM ? { countFrom: e.HAVEN_CARE_FROM, goLiveSpreadWeeks: e.HAVEN_CARE_SPREAD_WEEKS } : {}),
      },
      escalationLevelHours: e.HAVEN_CARE_ESCALATION_HOURS,
      repeatDays: e.HAVEN_CARE_REPEAT_DAYS,
    },
    stages: { reflectionDays: e.HAVEN_STAGE_REFLECTION_DAYS, newJoinerMonths: e.HAVEN_STAGE_NEW_JOINER_MONTHS },
    team: { spanOfControl: e.HAVEN_SPAN_OF_CONTROL, weeklyCardDay },
    journeys: {
      reminderAfterDays: e.HAVEN_QUESTIONNAIRE_REMINDER_DAYS,
      trainerToldAfterDays: e.HAVEN_QUESTIONNAIRE_TRAINER_DAYS,
      headReviewDays: e.HAVEN_HEAD_REVIEW_DAYS,
      headReviewLevelDelayMinutes: e.HAVEN_HEAD_REVIEW_ESCALATION_HOURS * 60,
      debriefGapHours: e.HAVEN_DEBRIEF_GAP_HOURS,
    },
    trim: { practitioners: trimPractitioners, escalationHours: e.HAVEN_TRIM_ESCALATION_HOURS, answerDays: e.HAVEN_TRIM_ANSWER_DAYS },
    // Issue 16: the roster from Entra ID.
    entra: { mappingDir: e.HAVEN_ENTRA_DIR ?? (mode === 'local' ? 'data/demo-entra' : 'data/entra') },
  };
  return deepFreeze(config);
}

const IP_HOST = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\]|localhost)$/i;

/**
 * Why a production storage connection string is unsafe: the emulator (by name, account or address),
 * or anything over http. Values are never quoted back: a connection string holds the account key.
 */
function unsafeProductionConnectionString(connectionString: string): string[] {
  const problems: string[] = [];
  const parts = new Map<string, string>();
  for (const part of connectionString.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) parts.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  const endpoints = [...parts].filter(([name]) => name.endsWith('endpoint')).map(([, value]) => value);
  const hosts = endpoints.map((value) => {
    try {
      return new URL(value).hostname;
    } catch {
      return '';
    }
  });
  // The emulator is named as such; its http is then no separate problem (it goes with the emulator).
  if (/UseDevelopmentStorage|devstoreaccount1/i.test(connectionString))
    problems.push('production cannot use the development storage emulator');
  else if (hosts.some((host) => host === '' || IP_HOST.test(host)))
    problems.push(
      "production cannot use the development storage emulator: HAVEN_STORAGE_CONNECTION_STRING has an endpoint on an IP address, localhost or not a URL (use the account's https://ACCOUNT.table.core.windows.net endpoint)",
    );
  else if (parts.get('defaultendpointsprotocol')?.toLowerCase() === 'http' || endpoints.some((value) => /^http:/i.test(value)))
    problems.push('HAVEN_STORAGE_CONNECTION_STRING must use https in production (DefaultEndpointsProtocol=https and https:// endpoints)');
  return problems;
}

/** Frozen all the way down, so no caller can change a setting (or a credential) after start-up. */
function deepFreeze<T>(value: T): T {
  // A Buffer (the data key) cannot be frozen; it is the caller's to keep.
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The environment for the Agents Playground child process (local development only). */
export function playgroundEnvironment(): NodeJS.ProcessEnv {
  return { ...processEnvironment(), TEAMSAPPTESTER_BROWSER: 'none' };
}

// ---------------------------------------------------------------------------------------------
// Teams app packaging (npm run package). Separate from the bot's configuration: only the packaging
// command reads it, and the bot never needs these values.

export interface PackagingConfig {
  /** The Teams app's own id (the manifest's "id"): a GUID made once and kept for every version. */
  teamsAppId: string;
  /** The bot's Microsoft App Id (the manifest's bots[0].botId). */
  botId: string;
  /** The bot's host name, without scheme or path (the manifest's validDomains). */
  botDomain: string;
  /** The app's version (x.y.z); raise it for every changed package uploaded. */
  appVersion: string;
  /** The app's short name, shown in notifications: keep it neutral. */
  appName: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
}

export class PackagingConfigError extends ConfigError {
  constructor(problems: string[]) {
    super(problems);
    this.name = 'PackagingConfigError';
    this.message = `Cannot build the Teams app package; fix the configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`;
  }
}

const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;
const MANIFEST_SEMVER = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;

/**
 * The values `npm run package` fills into manifest/manifest.template.json. Every problem is listed
 * at once. `defaults.appVersion` (package.json's version) applies when HAVEN_APP_VERSION is empty.
 */
export function loadPackagingConfig(
  env: Record<string, string | undefined> = processEnvironment(),
  defaults: { appVersion?: string } = {},
): Readonly<PackagingConfig> {
  const text = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const problems: string[] = [];
  const required = (name: string, what: string) => {
    const v = text(name);
    if (!v) problems.push(`${name} is missing: ${what}`);
    return v ?? '';
  };
  const guid = (name: string, what: string) => {
    const v = required(name, what);
    if (v && !GUID.test(v)) problems.push(`${name} must be a GUID like 00000000-0000-0000-0000-000000000000 (got "${v}")`);
    return v.toLowerCase();
  };
  const httpsUrl = (name: string, what: string) => {
    const v = required(name, what);
    if (!v) return v;
    let url: URL | undefined;
    try {
      url = new URL(v);
    } catch {
      url = undefined;
    }
    if (!url || url.protocol !== 'https:' || !url.hostname || /\s/.test(v)) problems.push(`${name} must be an https:// URL (got "${v}")`);
    else if (v.length > 2048) problems.push(`${name} must be at most 2048 characters`);
    return v;
  };

  const teamsAppId = guid('HAVEN_TEAMS_APP_ID', "the Teams app's own id, a GUID made once (uuidgen) and kept for every later version");
  const botId = guid('MicrosoftAppId', "the bot's app id (app registration or managed identity client id)");

  const botDomain = required('HAVEN_BOT_DOMAIN', 'the host name Haven is reached at, e.g. haven-prod.azurewebsites.net');
  if (botDomain && !HOST_NAME.test(botDomain)) {
    const hint = /^[a-z][a-z0-9+.-]*:\/\//i.test(botDomain)
      ? '; leave out the scheme'
      : /[/:?#]/.test(botDomain)
        ? '; leave out any path or port'
        : '';
    problems.push(`HAVEN_BOT_DOMAIN must be a bare host name such as haven-prod.azurewebsites.net (got "${botDomain}"${hint})`);
  }

  const appVersion = text('HAVEN_APP_VERSION') ?? defaults.appVersion ?? '';
  if (!appVersion) problems.push("HAVEN_APP_VERSION is missing: the app's version, x.y.z");
  else if (!MANIFEST_SEMVER.test(appVersion))
    problems.push(`HAVEN_APP_VERSION must be three numbers, x.y.z, without a prefix or suffix (got "${appVersion}")`);

  const appName = text('HAVEN_APP_NAME') ?? 'Haven';
  if (appName.length > 30) problems.push(`HAVEN_APP_NAME must be at most 30 characters (got ${appName.length})`);

  const developerName = required('HAVEN_DEVELOPER_NAME', "who provides the app, e.g. the force's name (at most 32 characters)");
  if (developerName.length > 32) problems.push(`HAVEN_DEVELOPER_NAME must be at most 32 characters (got ${developerName.length})`);
  const websiteUrl = httpsUrl('HAVEN_WEBSITE_URL', 'an https page about the app or its support');
  const privacyUrl = httpsUrl('HAVEN_PRIVACY_URL', 'the https page of the privacy notice');
  const termsOfUseUrl = httpsUrl('HAVEN_TERMS_URL', 'the https page of the terms of use');

  if (problems.length) throw new PackagingConfigError(problems);
  return deepFreeze({
    teamsAppId,
    botId,
    botDomain: botDomain.toLowerCase(),
    appVersion,
    appName,
    developer: { name: developerName, websiteUrl, privacyUrl, termsOfUseUrl },
  });
}

// ---------------------------------------------------------------------------------------------
// Issue 16 (graph): `npm run graph:fake`, the demo tenant on a fake Microsoft Graph (local development only).

export interface FakeGraphConfig {
  /** HAVEN_FAKE_GRAPH_PORT, default 56160; it listens on 127.0.0.1 only. */
  port: number;
  /** The roster the demo tenant mirrors: HAVEN_DEMO_ROSTER, default data/demo-roster.csv. */
  roster: string;
}

export function loadFakeGraphConfig(env: Record<string, string | undefined> = process.env): Readonly<FakeGraphConfig> {
  const raw = env.HAVEN_FAKE_GRAPH_PORT?.trim();
  const port = raw ? Number(raw) : 56160;
  const problems: string[] = [];
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    problems.push(`HAVEN_FAKE_GRAPH_PORT must be a port number, 1-65535 (got "${raw}")`);
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze({ port, roster: env.HAVEN_DEMO_ROSTER?.trim() || 'data/demo-roster.csv' });
}
