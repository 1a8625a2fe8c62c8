import { parseCsv, formatCsv, neutraliseFormula, restoreFormulaText } from './csv.ts';
import { ROLES, type Absence, type Person, type Role, type Roster, type Unit } from './types.ts';
import { DEFAULT_WORKING_PATTERN, formatPartTime, formatWorkingPattern, parsePartTime, parseWorkingPattern } from './working-pattern.ts';

/**
 * The roster file is one CSV with a `kind` column, so a whole unit travels as one file:
 *   kind=unit     id, name, channel_id, head, above
 *   kind=person   id, name, roles (a;b), unit, supervisor, teams_user_id (optional), aad_object_id, joined_unit, working_pattern,
 *                 cover (a supervisor's standing cover), part_time (0.6 or 22.5h; empty: full time),
 *                 left_on (issue 16: the day they left; no check-ins or care after it)
 *   kind=absence  id, supervisor (whoever is away: the column keeps its old name), from, to, cover
 */
export const ROSTER_COLUMNS = [
  'kind',
  'id',
  'name',
  'roles',
  'unit',
  'supervisor',
  'teams_user_id',
  'aad_object_id',
  'joined_unit',
  'working_pattern',
  'channel_id',
  'head',
  'above',
  'from',
  'to',
  'cover',
  // Issue 16 (rotas): part-time hours, a fraction of full time ("0.6") or hours a week ("22.5h"); empty: full time.
  'part_time',
  // Issue 16: the day someone left the unit (set by the roster sync from Entra ID; kept through export and import).
  'left_on',
] as const;
type Column = (typeof ROSTER_COLUMNS)[number];

export interface RosterProblem {
  line: number;
  reason: string;
}

export type RosterParse = { ok: true; roster: Roster } | { ok: false; problems: RosterProblem[] };

const ID = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TEAMS_USER = /^29:[A-Za-z0-9_\-.:]{1,200}$/;
const CHANNEL = /^19:[A-Za-z0-9_\-.@]{1,200}$/;

export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

const SUPERVISING_ROLES: Role[] = ['supervisor', 'departmentHead'];

/** Validates a whole roster file. Every problem is reported with its line; nothing is partial. */
export function parseRoster(text: string): RosterParse {
  const { records, error, errorLine } = parseCsv(text);
  const problems: RosterProblem[] = [];
  if (error) return { ok: false, problems: [{ line: errorLine ?? 1, reason: error }] };
  const header = records.shift();
  if (!header) return { ok: false, problems: [{ line: 1, reason: 'the file is empty; the first line must name the columns' }] };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const unknown = names.filter((n) => !(ROSTER_COLUMNS as readonly string[]).includes(n));
  const missing = ['kind', 'id'].filter((n) => !names.includes(n));
  if (unknown.length || missing.length) {
    const parts = [];
    if (missing.length) parts.push(`missing column(s) ${missing.join(', ')}`);
    if (unknown.length) parts.push(`unknown column(s) ${unknown.join(', ')}`);
    return { ok: false, problems: [{ line: header.line, reason: `${parts.join('; ')}. Columns are: ${ROSTER_COLUMNS.join(', ')}` }] };
  }

  const units: Array<Unit & { line: number }> = [];
  const people: Array<Person & { line: number }> = [];
  const absences: Array<Absence & { line: number }> = [];
  const seen = new Map<string, number>();
  // Every row with a usable id, valid or not, so that references are checked in the same pass as formats.
  const refs: RosterReferences = { units: [], people: [], absences: [] };

  for (const rec of records) {
    const get = (c: Column) => {
      const i = names.indexOf(c);
      // An exported cell that would be a spreadsheet formula carries a leading apostrophe (formatRoster).
      return i < 0 ? '' : restoreFormulaText((rec.fields[i] ?? '').trim());
    };
    const bad = (reason: string) => problems.push({ line: rec.line, reason });
    if (rec.fields.length !== names.length) {
      bad(`has ${rec.fields.length} fields but the header has ${names.length}`);
      continue;
    }
    const kind = get('kind').toLowerCase();
    const id = get('id');
    if (!ID.test(id)) {
      bad(`id "${id}" must be 1–63 characters of lower-case letters, digits, dot, dash or underscore`);
      continue;
    }
    const key = `${kind}:${id}`;
    if (seen.has(key)) {
      bad(`${kind} "${id}" appears twice (first on line ${seen.get(key)})`);
      continue;
    }
    seen.set(key, rec.line);
    const before = problems.length;
    if (kind === 'unit') {
      refs.units.push({ line: rec.line, id, head: get('head') || undefined, above: get('above') || undefined });
      const name = get('name');
      if (!name) bad('a unit needs a name');
      const channel = get('channel_id');
      if (channel && !CHANNEL.test(channel)) bad(`channel_id "${channel}" is not a Teams channel id (19:…)`);
      if (problems.length === before) {
        units.push({
          line: rec.line,
          id,
          name,
          supervisorChannelId: channel || undefined,
          departmentHeadId: get('head') || undefined,
          aboveId: get('above') || undefined,
        });
      }
    } else if (kind === 'person') {
      const name = get('name');
      if (!name) bad('a person needs a name');
      const roles = get('roles')
        .split(/[;|]/)
        .map((r) => r.trim())
        .filter(Boolean);
      const badRoles = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (roles.length === 0) bad(`a person needs at least one role (${ROLES.join(', ')})`);
      if (badRoles.length) bad(`unknown role(s) ${badRoles.join(', ')}; roles are ${ROLES.join(', ')}`);
      // Optional (issue 16): Haven learns it from the person's first activity, matched by aad_object_id.
      const teamsUserId = get('teams_user_id') || undefined;
      if (teamsUserId && !TEAMS_USER.test(teamsUserId))
        bad(`teams_user_id "${teamsUserId}" must be a Teams user id starting 29: (or left empty)`);
      const aad = get('aad_object_id').toLowerCase();
      if (!UUID.test(aad)) bad(`aad_object_id "${aad}" must be an Entra object id (a GUID)`);
      const unitId = get('unit');
      if (!unitId) bad('a person needs a unit');
      const leftOn = get('left_on');
      if (leftOn && !isIsoDate(leftOn)) bad(`left_on "${leftOn}" must be a date like 2026-03-01`);
      const joined = get('joined_unit');
      if (joined && !isIsoDate(joined)) bad(`joined_unit "${joined}" must be a date like 2025-03-01`);
      let workingPattern = DEFAULT_WORKING_PATTERN;
      const wp = get('working_pattern');
      if (wp) {
        const parsed = parseWorkingPattern(wp);
        if (parsed.ok) workingPattern = parsed.value;
        else bad(parsed.error);
      }
      const pt = get('part_time');
      const partTime = pt ? parsePartTime(pt) : undefined;
      if (partTime && !partTime.ok) bad(partTime.error);
      refs.people.push({
        line: rec.line,
        id,
        unitId,
        supervisorId: get('supervisor') || undefined,
        coverId: get('cover') || undefined,
        roles: roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
        rolesValid: roles.length > 0 && badRoles.length === 0,
        teamsUserId: teamsUserId && TEAMS_USER.test(teamsUserId) ? teamsUserId : undefined,
        aadObjectId: UUID.test(aad) ? aad : undefined,
      });
      if (problems.length === before) {
        people.push({
          line: rec.line,
          id,
          name,
          roles: roles as Role[],
          unitId,
          teamsUserId,
          aadObjectId: aad,
          supervisorId: get('supervisor') || undefined,
          coverId: get('cover') || undefined,
          joinedUnitOn: joined || undefined,
          workingPattern,
          viewingStatus: 'viewing',
          ...(partTime?.ok ? { partTime: partTime.value } : {}),
          leftOn: leftOn || undefined,
        });
      }
    } else if (kind === 'absence') {
      const from = get('from');
      const to = get('to');
      if (!isIsoDate(from)) bad(`from "${from}" must be a date like 2026-01-31`);
      if (!isIsoDate(to)) bad(`to "${to}" must be a date like 2026-01-31`);
      if (isIsoDate(from) && isIsoDate(to) && to < from) bad(`absence ends (${to}) before it starts (${from})`);
      // The column is `supervisor` for compatibility with existing files; it names whoever is away.
      const personId = get('supervisor');
      if (!personId) bad('an absence needs the supervisor who is absent');
      else refs.absences.push({ line: rec.line, personId, coverId: get('cover') || undefined });
      if (problems.length === before) absences.push({ line: rec.line, id, personId, from, to, coverId: get('cover') || undefined });
    } else {
      bad(`kind "${get('kind')}" must be unit, person or absence`);
    }
  }

  // Cross-references and structure, checked once every row is known, in the same pass as the formats.
  problems.push(...rosterStructureProblems(refs));
  if (problems.length) return { ok: false, problems: problems.sort((x, y) => x.line - y.line) };
  const strip = <T extends { line: number }>({ line: _line, ...rest }: T) => rest;
  return { ok: true, roster: { units: units.map(strip), people: people.map(strip), absences: absences.map(strip) } };
}

/** What the structural checks need from each row whose id could be read, whether or not the rest of it is valid. */
export interface RosterReferences {
  units: Array<{ line: number; id: string; head?: string; above?: string }>;
  people: Array<{
    line: number;
    id: string;
    unitId: string;
    supervisorId?: string;
    coverId?: string;
    /** The known roles on the row; `rolesValid` is false when the roles column itself has a problem. */
    roles: Role[];
    rolesValid: boolean;
    teamsUserId?: string;
    aadObjectId?: string;
  }>;
  absences: Array<{ line: number; personId: string; coverId?: string }>;
}

/**
 * The roster's structure: every reference names a row in the file (unit, supervisor, cover, head,
 * above, absent person); supervisors and covers can supervise; a unit's head is a department head
 * and the person above is a department head too, not the head again; nobody supervises themselves;
 * supervisor chains end (no loops); Teams and Entra ids are not shared. A reference to a row that has
 * its own problems is still known, and a role check is skipped when that row's roles are themselves
 * wrong, so one mistake is reported once.
 */
export function rosterStructureProblems(refs: RosterReferences): RosterProblem[] {
  const problems: RosterProblem[] = [];
  const unitIds = new Set(refs.units.map((u) => u.id));
  const byId = new Map(refs.people.map((p) => [p.id, p]));
  const hasRole = (id: string, roles: Role[]) => {
    const p = byId.get(id);
    return !p || !p.rolesValid || p.roles.some((r) => roles.includes(r));
  };
  /** A supervisor or cover reference: not oneself, a person in the file, with a supervising role. */
  const checkSupervisingRef = (
    line: number,
    column: 'supervisor' | 'cover',
    ref: string | undefined,
    selfId: string,
    selfReason: string,
  ) => {
    if (!ref) return;
    if (ref === selfId) problems.push({ line, reason: selfReason });
    else if (!byId.has(ref)) problems.push({ line, reason: `${column} "${ref}" is not a person in this file` });
    else if (!hasRole(ref, SUPERVISING_ROLES))
      problems.push({ line, reason: `${column} "${ref}" does not have the supervisor or departmentHead role` });
  };
  const aadSeen = new Map<string, number>();
  const teamsSeen = new Map<string, number>();
  for (const p of refs.people) {
    if (p.unitId && !unitIds.has(p.unitId)) problems.push({ line: p.line, reason: `unit "${p.unitId}" is not defined in this file` });
    checkSupervisingRef(p.line, 'supervisor', p.supervisorId, p.id, 'a person cannot supervise themselves');
    checkSupervisingRef(p.line, 'cover', p.coverId, p.id, 'a person cannot be their own cover');
    for (const [seen, value, column] of [
      [aadSeen, p.aadObjectId, 'aad_object_id'],
      [teamsSeen, p.teamsUserId, 'teams_user_id'],
    ] as const) {
      if (!value) continue;
      const first = seen.get(value);
      if (first) problems.push({ line: p.line, reason: `${column} is already used on line ${first}` });
      else seen.set(value, p.line);
    }
  }
  for (const u of refs.units) {
    for (const [column, ref] of [
      ['head', u.head],
      ['above', u.above],
    ] as const) {
      if (!ref) continue;
      if (!byId.has(ref)) problems.push({ line: u.line, reason: `${column} "${ref}" is not a person in this file` });
      else if (column === 'above' && ref === u.head)
        problems.push({ line: u.line, reason: `above "${ref}" is the unit's head; above must be the next rank up, someone else` });
      else if (!hasRole(ref, ['departmentHead']))
        problems.push({
          line: u.line,
          reason:
            column === 'head'
              ? `head "${ref}" does not have the departmentHead role`
              : `above "${ref}" is not senior enough: the next rank up needs the departmentHead role`,
        });
    }
  }
  for (const a of refs.absences) {
    if (!byId.has(a.personId)) problems.push({ line: a.line, reason: `supervisor "${a.personId}" is not a person in this file` });
    checkSupervisingRef(a.line, 'cover', a.coverId, a.personId, 'a supervisor cannot cover their own absence');
  }
  problems.push(...supervisorLoops(refs.people));
  return problems;
}

/** Each loop in the supervisor chains once, on the line of its first row: "a → b → a". Self-supervision is reported elsewhere. */
function supervisorLoops(people: RosterReferences['people']): RosterProblem[] {
  const byId = new Map(people.map((p) => [p.id, p]));
  const next = (id: string) => {
    const s = byId.get(id)?.supervisorId;
    return s && s !== id && byId.has(s) ? s : undefined;
  };
  const done = new Set<string>();
  const problems: RosterProblem[] = [];
  for (const start of people) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let id: string | undefined = start.id;
    while (id && !done.has(id) && !onPath.has(id)) {
      onPath.set(id, path.length);
      path.push(id);
      id = next(id);
    }
    if (id && onPath.has(id)) {
      const loop = path.slice(onPath.get(id));
      const first = loop.reduce((a, b) => (byId.get(a)!.line <= byId.get(b)!.line ? a : b));
      const from = loop.indexOf(first);
      const ordered = [...loop.slice(from), ...loop.slice(0, from), first];
      problems.push({
        line: byId.get(first)!.line,
        reason: `supervisor chain loops: ${ordered.join(' → ')} (someone in a chain must answer to nobody in it)`,
      });
    }
    for (const p of path) done.add(p);
  }
  return problems;
}

export function formatRoster(roster: Roster): string {
  const rows: string[][] = [[...ROSTER_COLUMNS]];
  // Opened in spreadsheets: a formula-like cell (a name starting with =, say) is written as text.
  const row = (values: Partial<Record<Column, string | undefined>>) => ROSTER_COLUMNS.map((c) => neutraliseFormula(values[c] ?? ''));
  for (const u of roster.units)
    rows.push(row({ kind: 'unit', id: u.id, name: u.name, channel_id: u.supervisorChannelId, head: u.departmentHeadId, above: u.aboveId }));
  for (const p of roster.people) {
    rows.push(
      row({
        kind: 'person',
        id: p.id,
        name: p.name,
        roles: p.roles.join(';'),
        unit: p.unitId,
        supervisor: p.supervisorId,
        teams_user_id: p.teamsUserId,
        aad_object_id: p.aadObjectId,
        joined_unit: p.joinedUnitOn,
        working_pattern: formatWorkingPattern(p.workingPattern),
        cover: p.coverId,
        part_time: p.partTime ? formatPartTime(p.partTime) : undefined,
        left_on: p.leftOn,
      }),
    );
  }
  for (const a of roster.absences)
    rows.push(row({ kind: 'absence', id: a.id, supervisor: a.personId, from: a.from, to: a.to, cover: a.coverId }));
  return formatCsv(rows);
}
