// Issue 14: a grading tool's export into the exposure and workload log (`npm run workload -- import`).
// The whole file is checked first (encoding, header, column count, then every value) and every
// problem is listed in one pass; nothing is written unless all of it is valid. A cell that looks like
// a formula (=, +, -, @) is text: it is never evaluated, so "=1+2" as hours is simply not a number.
// Problems name the line and the column, never a cell's content (it may hold anything). Pure parse;
// the import itself stores each week with its ETag, runs the rules on each person's latest week in the
// file and writes one audit row with counts only.
import { parseCsv } from '../../kernel/csv.ts';
import type { Person, Roster } from '../../kernel/types.ts';
import { receivesCheckIns } from './check-in.ts';
import { bandOf, CATEGORIES, isoWeekOf, mondayOf, type Category, type WorkloadFigures } from './workload.ts';
import type { CheckInDeps } from './deps.ts';
import { evaluateWeek, recordWeek } from './record-workload.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import { VersionConflict } from '../../kernel/ports.ts';
import { localMoment } from '../../kernel/working-time.ts';

export const IMPORT_COLUMNS = ['person', 'week', 'hours', 'categories', 'violent'] as const;
const REQUIRED = ['person', 'week', 'hours'] as const;

export interface ImportRow {
  line: number;
  person: Person;
  week: string;
  hours: number;
  categories: Category[];
  violent: boolean;
}

export type ImportParse = { ok: true; rows: ImportRow[] } | { ok: false; problems: { line: number; reason: string }[] };

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0', '']);
const FORMULA = /^[=+\-@\t\r]/;

/** Decodes the file as UTF-8 (a BOM is allowed); answers undefined when it is not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Every problem in the file, or its rows. `person` is a roster id or an Entra object id of someone who
 * is asked for check-ins; `week` an ISO week (2026-W49) or any date in it, not after the current week;
 * `hours` a number of hours from 0 to 168; `categories` any of A, B, C (separated by ; or spaces);
 * `violent` yes or no (empty: no).
 */
export function parseWorkloadCsv(text: string, roster: Pick<Roster, 'people'>, today: string): ImportParse {
  const problems: { line: number; reason: string }[] = [];
  const csv = parseCsv(text);
  if (csv.error) return { ok: false, problems: [{ line: csv.errorLine ?? 1, reason: csv.error.replace(/^line \d+: /, '') }] };
  const [header, ...records] = csv.records;
  if (!header)
    return {
      ok: false,
      problems: [{ line: 1, reason: `the file is empty; the first line must name the columns (${IMPORT_COLUMNS.join(',')})` }],
    };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const unknown = names.filter((n) => !(IMPORT_COLUMNS as readonly string[]).includes(n));
  if (unknown.length)
    problems.push({ line: header.line, reason: `unknown column(s) in the header; allowed: ${IMPORT_COLUMNS.join(', ')}` });
  for (const r of REQUIRED) if (!names.includes(r)) problems.push({ line: header.line, reason: `the header has no "${r}" column` });
  if (new Set(names).size !== names.length) problems.push({ line: header.line, reason: 'the header names a column twice' });
  // Rows can still be read with an unknown extra column (it is listed, and the rows' problems with it);
  // not without a required column or with one named twice.
  if (problems.some((p) => !p.reason.startsWith('unknown column'))) return { ok: false, problems };
  if (records.length === 0)
    return { ok: false, problems: [...problems, { line: header.line, reason: 'the file has a header and no rows' }] };

  const col = (fields: string[], name: string) => {
    const i = names.indexOf(name);
    return i < 0 ? '' : (fields[i] ?? '').trim();
  };
  const thisWeek = isoWeekOf(today);
  const byId = new Map(roster.people.map((p) => [p.id, p]));
  const byAad = new Map(roster.people.filter((p) => p.aadObjectId).map((p) => [p.aadObjectId.toLowerCase(), p]));
  const seen = new Map<string, number>();
  const rows: ImportRow[] = [];
  for (const rec of records) {
    const line = rec.line;
    const bad = (reason: string) => problems.push({ line, reason });
    if (rec.fields.length !== names.length) {
      bad(`${rec.fields.length} column(s), the header has ${names.length}`);
      continue;
    }
    const before = problems.length;
    const formula = (name: string, v: string) => {
      if (FORMULA.test(v)) bad(`${name} looks like a spreadsheet formula; it is read as text, and text is not allowed here`);
      return FORMULA.test(v);
    };
    const personText = col(rec.fields, 'person');
    let person: Person | undefined;
    if (!personText) bad('person is empty');
    else if (!formula('person', personText)) {
      person = byId.get(personText) ?? byAad.get(personText.toLowerCase());
      if (!person) bad('person is not on the roster (use the roster id or the Entra object id)');
      else if (!receivesCheckIns(person)) bad('person is not someone Haven keeps a workload log for (officers, staff and supervisors)');
    }
    const weekText = col(rec.fields, 'week');
    let week: string | undefined;
    if (!formula('week', weekText)) {
      if (/^\d{4}-W\d{2}$/.test(weekText) && mondayOf(weekText)) week = weekText;
      else if (/^\d{4}-\d{2}-\d{2}$/.test(weekText) && !Number.isNaN(Date.parse(`${weekText}T00:00:00Z`))) week = isoWeekOf(weekText);
      else bad('week must be an ISO week like 2026-W49, or a date in it (YYYY-MM-DD)');
      if (week && week > thisWeek) {
        bad('week is in the future');
        week = undefined;
      }
    }
    const hoursText = col(rec.fields, 'hours');
    let hours: number | undefined;
    if (!formula('hours', hoursText)) {
      if (/^\d{1,3}(\.\d{1,2})?$/.test(hoursText) && Number(hoursText) <= 168) hours = Number(hoursText);
      else bad('hours must be a number of hours from 0 to 168 (e.g. 12.5)');
    }
    const catText = col(rec.fields, 'categories');
    const cats = catText.split(/[;\s|/]+/).filter(Boolean);
    if (!formula('categories', catText) && cats.some((c) => !(CATEGORIES as readonly string[]).includes(c.toUpperCase())))
      bad(`categories must be any of ${CATEGORIES.join(', ')}, separated by ";"`);
    const violentText = col(rec.fields, 'violent').toLowerCase();
    if (!formula('violent', violentText) && !YES.has(violentText) && !NO.has(violentText)) bad('violent must be yes or no');
    if (hours === 0 && (cats.length || YES.has(violentText))) bad('hours is 0, so categories must be empty and violent no');
    if (person && week) {
      const key = `${person.id}|${week}`;
      const first = seen.get(key);
      if (first !== undefined) bad(`the same person and week are on line ${first} too`);
      else seen.set(key, line);
    }
    if (problems.length === before && person && week && hours !== undefined)
      rows.push({
        line,
        person,
        week,
        hours,
        categories: CATEGORIES.filter((c) => cats.map((x) => x.toUpperCase()).includes(c)),
        violent: YES.has(violentText),
      });
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}

export type ImportResult =
  | { ok: true; rows: number; people: number; weeks: number; flagged: number; dryRun: boolean }
  | { ok: false; problems: { line: number; reason: string }[] };

/** Checks the whole file, then (unless `dryRun`) stores every week, runs the rules, and audits the counts. */
export async function importWorkload(deps: CheckInDeps, bytes: Uint8Array, by: string, dryRun: boolean): Promise<ImportResult> {
  const text = decodeUtf8(bytes);
  if (text === undefined)
    return { ok: false, problems: [{ line: 1, reason: 'the file is not UTF-8 text (save it from the spreadsheet as "CSV UTF-8")' }] };
  if (text.includes('\u0000')) return { ok: false, problems: [{ line: 1, reason: 'the file holds binary data, not CSV text' }] };
  const now = deps.clock.now();
  const roster = await loadRoster(deps);
  const parsed = parseWorkloadCsv(text, roster, localMoment(now).date);
  if (!parsed.ok) return parsed;
  const people = new Set(parsed.rows.map((r) => r.person.id));
  const weeks = new Set(parsed.rows.map((r) => r.week));
  if (dryRun) return { ok: true, rows: parsed.rows.length, people: people.size, weeks: weeks.size, flagged: 0, dryRun: true };
  const at = now.toISOString();
  const latest = new Map<string, Awaited<ReturnType<typeof recordWeek>>>();
  for (const row of [...parsed.rows].sort((a, b) => a.week.localeCompare(b.week))) {
    const existing = (await deps.workloadWeeks.get(`workload:${row.person.id}:${row.week}`))?.value.figures;
    const figures: WorkloadFigures = {
      hours: bandOf(row.hours),
      exactHours: row.hours,
      categories: row.categories,
      violent: row.violent,
      ...(existing?.caseload ? { caseload: existing.caseload } : {}),
      source: 'import',
      recordedAt: at,
    };
    // Imported figures are the tool's, not what the person chose to share: never shared by Haven.
    const stored = await recordWeek(deps, row.person, row.week, figures, false);
    const prev = latest.get(row.person.id);
    if (!prev || prev.value.week < row.week) latest.set(row.person.id, stored);
  }
  // The rules run on each person's latest week in the file; the earlier weeks are its history.
  let flagged = 0;
  for (const row of parsed.rows) {
    const stored = await deps.workloadWeeks.get(`workload:${row.person.id}:${row.week}`);
    if (!stored || latest.get(row.person.id)?.value.week === row.week) continue;
    try {
      await deps.workloadWeeks.save({ ...stored.value, evaluatedAt: at }, stored.version);
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
    }
  }
  for (const stored of latest.values()) {
    const fresh = await deps.workloadWeeks.get(stored.value.id);
    if (fresh && (await evaluateWeek(deps, fresh, roster)).reasons.length) flagged++;
  }
  await deps.audit.append({
    at,
    actor: by,
    action: 'workload.import',
    subject: 'workload:import',
    reason: `${parsed.rows.length} row(s), ${people.size} people, ${weeks.size} week(s), ${flagged} flagged`,
    outcome: 'ok',
  });
  return { ok: true, rows: parsed.rows.length, people: people.size, weeks: weeks.size, flagged, dryRun: false };
}
