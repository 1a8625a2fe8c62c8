// Data files named by configuration (support directory, escalation policies), read and validated
// once at start-up; every problem is listed, like configuration.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, type Config } from './config.ts';
import { DEFAULT_POLICY, parsePolicy, type EscalationPolicy } from './kernel/escalation.ts';
import { parseQuestionSet, parseSchedule, type CheckInSchedule, type QuestionSet } from './features/check-ins/question-set.ts';
import type { SupportEntry } from './kernel/ports.ts';
import { DEFAULT_CONTACTS, parseContacts, type ContactRule } from './kernel/contacts.ts';
import { parseDutyRota, type DutyRota } from './kernel/duty-rota.ts';

export interface DataFiles {
  supportDirectory: SupportEntry[];
  policyFor(unitId: string | undefined): EscalationPolicy;
  /** The unit's confidential contacts (data/contacts/<unit>.json), else DEFAULT_CONTACTS. */
  contactsFor(unitId: string | undefined): readonly ContactRule[];
  /** The unit's check-in schedule (data/check-in-schedules/<unit>.json), else the configured default. */
  checkInScheduleFor(unitId: string): CheckInSchedule;
  /** A loaded, validated question set (every schedule's set is checked at start-up). */
  questionSet(id: string): QuestionSet | undefined;
  /** Issue 16 (rotas): the unit's duty rota (HAVEN_DUTY_ROTA_DIR/<unit>.json), if it has one. */
  dutyRotaFor(unitId: string | undefined): DutyRota | undefined;
  /** Every duty rota loaded, by unit id (the roster command checks them against the roster). */
  dutyRotas: ReadonlyMap<string, DutyRota>;
}

function readJson(file: string, problems: string[]): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${file}: ${(error as Error).message}`);
    return undefined;
  }
}

/** Question sets and unit schedules. Start-up refuses a bad file, listing every problem in it. */
function loadCheckInFiles(config: Pick<Config, 'checkIns'>, problems: string[]): Pick<DataFiles, 'checkInScheduleFor' | 'questionSet'> {
  const { questionSetDir, scheduleDir, intervalDays, defaultQuestionSet } = config.checkIns;
  const sets = new Map<string, QuestionSet>();
  if (existsSync(questionSetDir)) {
    for (const name of readdirSync(questionSetDir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const file = join(questionSetDir, name);
      const json = readJson(file, problems);
      if (json === undefined) continue;
      const parsed = parseQuestionSet(json, file);
      if (!parsed.ok) problems.push(...parsed.problems);
      else if (`${parsed.set.id}.json` !== name) problems.push(`${file}: id "${parsed.set.id}" must match the file name`);
      else sets.set(parsed.set.id, parsed.set);
    }
  } else problems.push(`${questionSetDir}: the question-set folder does not exist (HAVEN_QUESTION_SET_DIR)`);
  const fallback: CheckInSchedule = { intervalDays, questionSetId: defaultQuestionSet };
  const perUnit = new Map<string, CheckInSchedule>();
  if (existsSync(scheduleDir)) {
    for (const name of readdirSync(scheduleDir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const file = join(scheduleDir, name);
      const json = readJson(file, problems);
      if (json === undefined) continue;
      const parsed = parseSchedule(json, file, fallback);
      if (!parsed.ok) problems.push(...parsed.problems);
      else perUnit.set(name.replace(/\.json$/, ''), parsed.schedule);
    }
  }
  for (const [where, schedule] of [
    ['HAVEN_CHECKIN_QUESTION_SET', fallback] as const,
    ...[...perUnit].map(([unit, s]) => [join(scheduleDir, `${unit}.json`), s] as const),
  ]) {
    if (!sets.has(schedule.questionSetId) && !problems.some((p) => p.includes(`${schedule.questionSetId}.json`)))
      problems.push(`${where}: no question set "${schedule.questionSetId}" in ${questionSetDir}`);
  }
  return { checkInScheduleFor: (unitId) => perUnit.get(unitId) ?? fallback, questionSet: (id) => sets.get(id) };
}

/** Issue 16 (rotas): every unit's duty rota, shape checked at start-up (the roster is checked by `roster duty-rota`). */
export function loadDutyRotas(dir: string, problems: string[]): Map<string, DutyRota> {
  const rotas = new Map<string, DutyRota>();
  if (!dir) return rotas;
  if (!existsSync(dir)) {
    problems.push(`${dir}: the duty rota folder does not exist (HAVEN_DUTY_ROTA_DIR; leave it empty for no duty rota)`);
    return rotas;
  }
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const file = join(dir, name);
    const json = readJson(file, problems);
    if (json === undefined) continue;
    const parsed = parseDutyRota(json, file);
    if (!parsed.ok) problems.push(...parsed.problems);
    else rotas.set(name.replace(/\.json$/, ''), parsed.rota);
  }
  return rotas;
}

export function loadDataFiles(config: Pick<Config, 'declarations' | 'checkIns'>): DataFiles {
  const problems: string[] = [];
  const { supportDirectoryFile, escalationDir } = config.declarations;

  let supportDirectory: SupportEntry[] = [];
  const raw = readJson(supportDirectoryFile, problems) as { entries?: unknown } | undefined;
  if (raw !== undefined) {
    if (!Array.isArray(raw.entries) || raw.entries.length === 0)
      problems.push(`${supportDirectoryFile}: "entries" must be a non-empty list of { name, detail }`);
    else {
      raw.entries.forEach((e: unknown, i: number) => {
        const entry = (e ?? {}) as Record<string, unknown>;
        if (typeof entry.name !== 'string' || !entry.name.trim() || typeof entry.detail !== 'string' || !entry.detail.trim())
          problems.push(`${supportDirectoryFile}: entries[${i}] needs a name and a detail`);
        else supportDirectory.push({ name: entry.name.trim(), detail: entry.detail.trim() });
      });
      if (!supportDirectory.some((s) => /116 ?123/.test(s.detail)))
        problems.push(`${supportDirectoryFile}: keep Samaritans (116 123, day or night) in the support directory`);
    }
  }

  let defaultPolicy = DEFAULT_POLICY;
  const perUnit = new Map<string, EscalationPolicy>();
  if (existsSync(escalationDir)) {
    for (const name of readdirSync(escalationDir).filter((f) => f.endsWith('.json'))) {
      const file = join(escalationDir, name);
      const json = readJson(file, problems);
      if (json === undefined) continue;
      const parsed = parsePolicy(json, file);
      if (!parsed.ok) problems.push(...parsed.problems);
      else if (name === 'default.json') defaultPolicy = parsed.policy;
      else perUnit.set(name.replace(/\.json$/, ''), parsed.policy);
    }
  } else problems.push(`${escalationDir}: the escalation policy folder does not exist (HAVEN_ESCALATION_DIR)`);

  const checkIns = loadCheckInFiles(config, problems);

  // Contacts are optional: without the folder, or a unit's file, every unit uses the default.
  const contactsByUnit = new Map<string, readonly ContactRule[]>();
  const { contactsDir } = config.declarations;
  if (contactsDir && existsSync(contactsDir)) {
    for (const name of readdirSync(contactsDir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const file = join(contactsDir, name);
      const json = readJson(file, problems);
      if (json === undefined) continue;
      const parsed = parseContacts(json, file);
      if (!parsed.ok) problems.push(...parsed.problems);
      else contactsByUnit.set(name.replace(/\.json$/, ''), Object.freeze(parsed.contacts));
    }
  }

  const dutyRotas = loadDutyRotas(config.declarations.dutyRotaDir, problems);

  if (problems.length) throw new ConfigError(problems);
  supportDirectory = Object.freeze(supportDirectory) as SupportEntry[];
  return {
    supportDirectory,
    policyFor: (unitId) => (unitId && perUnit.get(unitId)) || defaultPolicy,
    contactsFor: (unitId) => (unitId && contactsByUnit.get(unitId)) || DEFAULT_CONTACTS,
    dutyRotaFor: (unitId) => (unitId ? dutyRotas.get(unitId) : undefined),
    dutyRotas,
    ...checkIns,
  };
}
