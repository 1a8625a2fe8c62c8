// Issue 16, part 1: the roster from Entra ID. Pure: the mapping file's schema, the roster the directory
// describes, and what changes against the stored roster. Every problem is listed in one pass; the
// workflow (sync-roster.ts) writes nothing unless there are none.
import { isSame } from '../../kernel/import-roster.ts';
import { z } from 'zod';
import type { DirectoryUser } from '../../kernel/ports.ts';
import { DEFAULT_WORKING_PATTERN } from '../../kernel/working-pattern.ts';
import type { Person, Role, Unit } from '../../kernel/types.ts';

export const ROLE_GROUPS = ['supervisor', 'trainer', 'hr', 'candidate', 'welfareLead', 'trimPractitioner'] as const;
export type RoleGroup = (typeof ROLE_GROUPS)[number];

const ID = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHANNEL = /^19:[A-Za-z0-9_\-.@]{1,200}$/;

const objectId = (what: string) => z.string().regex(GUID, `${what} must be an Entra object id (a GUID)`);

const mappingSchema = z
  .object({
    unit: z
      .object({
        id: z.string().regex(ID, 'unit.id must be 1–63 characters of lower-case letters, digits, dot, dash or underscore'),
        name: z.string().trim().min(1, 'unit.name must not be empty'),
        // Optional until the supervisors' channel exists (docs/deploy.md §11); absent keeps the stored one.
        channelId: z.string().regex(CHANNEL, 'unit.channelId must be a Teams channel id (19:…)').optional(),
        head: objectId('unit.head'),
        above: objectId('unit.above').optional(),
      })
      .strict(),
    membersGroup: objectId('membersGroup'),
    roleGroups: z
      .object(Object.fromEntries(ROLE_GROUPS.map((g) => [g, objectId(`roleGroups.${g}`).optional()])))
      .strict()
      .default({}),
  })
  .strict();

export interface EntraMapping {
  unit: { id: string; name: string; channelId?: string; head: string; above?: string };
  membersGroup: string;
  roleGroups: Partial<Record<RoleGroup, string>>;
}

export type MappingParse = { ok: true; mapping: EntraMapping } | { ok: false; problems: string[] };

/** One mapping file, `<unit id>.json`: every problem in it at once, each naming the file and the field. */
export function parseMapping(fileName: string, json: unknown): MappingParse {
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => {
        const where = i.path.join('.');
        const message = i.code === 'invalid_type' && i.received === 'undefined' ? `${where} is required` : i.message;
        return `${fileName}: ${message.includes(where) || !where ? message : `${where}: ${message}`}`;
      }),
    };
  }
  const mapping = parsed.data as EntraMapping;
  mapping.unit.head = mapping.unit.head.toLowerCase();
  if (mapping.unit.above) mapping.unit.above = mapping.unit.above.toLowerCase();
  if (fileName !== `${mapping.unit.id}.json`)
    return { ok: false, problems: [`${fileName}: the file must be named after its unit, ${mapping.unit.id}.json`] };
  return { ok: true, mapping };
}

/** What the directory says about one mapped unit, as the workflow read it from Graph. */
export interface UnitDirectory {
  mapping: EntraMapping;
  /** membersGroup, transitively. */
  members: DirectoryUser[];
  /** Object ids of each role group's members (transitively). */
  roleMembers: Partial<Record<RoleGroup, string[]>>;
  /** Each member's manager object id (undefined: none). */
  managers: ReadonlyMap<string, string | undefined>;
  /** The head and above as Graph answered for them (undefined: not in the tenant). */
  head: DirectoryUser | undefined;
  above?: DirectoryUser | undefined;
}

/** Someone the directory says is a member of a unit, before matching with the stored roster. */
export interface DesiredPerson {
  id: string;
  name: string;
  aadObjectId: string;
  roles: Role[];
  unitId: string;
  supervisorId?: string;
}

/** Roles Entra owns; any other role on the stored roster (admin, occupationalHealth) is kept. */
const ENTRA_ROLES: readonly Role[] = [
  'candidate',
  'officer',
  'supervisor',
  'trainer',
  'hr',
  'welfareLead',
  'trimPractitioner',
  'departmentHead',
];

export interface PersonChange {
  before: Person;
  after: Person;
  /** Field names that changed: name, roles, unit, supervisor, aadObjectId, returned. */
  changes: string[];
}

export interface SyncPlan {
  unitsToCreate: Unit[];
  unitsToUpdate: Array<{ before: Unit; after: Unit }>;
  add: Person[];
  update: PersonChange[];
  left: PersonChange[];
  /** Accounts disabled in Entra: treated as not in the group (marked left if stored). Counted, not a problem. */
  disabled: number;
  problems: string[];
}

const who = (u: { displayName?: string; name?: string; id: string }) => `${u.displayName ?? u.name ?? ''} (${u.id})`.trim();

/** The roster id of a directory user: the part of their userPrincipalName before the @, lower-cased. */
export function rosterIdOf(user: Pick<DirectoryUser, 'userPrincipalName'>): string {
  return user.userPrincipalName.split('@')[0]!.toLowerCase();
}

function sortRoles(roles: Iterable<Role>): Role[] {
  const order = [...ENTRA_ROLES, 'admin', 'occupationalHealth'];
  return [...new Set(roles)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/**
 * The roster the directory describes, matched against the stored roster (by Entra object id first,
 * then roster id) and diffed. `today`: YYYY-MM-DD, for who joined and who left. Nobody is deleted.
 */
export function planSync(
  directory: readonly UnitDirectory[],
  stored: { people: readonly Person[]; units: readonly Unit[] },
  today: string,
): SyncPlan {
  const problems: string[] = [];
  let disabled = 0;

  // 1. Who is in which unit (enabled accounts only).
  const memberships = new Map<string, { user: DirectoryUser; unitIds: string[] }>();
  for (const d of directory) {
    for (const user of d.members) {
      const id = user.id.toLowerCase();
      if (user.accountEnabled === false) {
        disabled++;
        continue;
      }
      const m = memberships.get(id) ?? { user, unitIds: [] };
      if (!m.unitIds.includes(d.mapping.unit.id)) m.unitIds.push(d.mapping.unit.id);
      memberships.set(id, m);
    }
  }
  for (const d of directory) {
    const head = d.head;
    const unitId = d.mapping.unit.id;
    if (!head) problems.push(`unit ${unitId}: the head ${d.mapping.unit.head} is not in the tenant`);
    else if (head.accountEnabled === false) problems.push(`unit ${unitId}: the head ${who(head)} has a disabled account`);
    // A head belongs to the unit they head, in its members group or not.
    else if (!memberships.has(head.id.toLowerCase())) memberships.set(head.id.toLowerCase(), { user: head, unitIds: [unitId] });
    if (d.mapping.unit.above) {
      if (!d.above) problems.push(`unit ${unitId}: above ${d.mapping.unit.above} is not in the tenant`);
      else if (d.above.accountEnabled === false) problems.push(`unit ${unitId}: above ${who(d.above)} has a disabled account`);
    }
  }
  for (const { user, unitIds } of memberships.values()) {
    if (unitIds.length > 1) problems.push(`${who(user)} is in the members group of ${unitIds.length} units: ${unitIds.join(', ')}`);
  }

  // 2. Roster ids: a stored person keeps theirs (matched by object id, else by roster id); newcomers take their UPN's.
  const storedByAad = new Map(stored.people.map((p) => [p.aadObjectId.toLowerCase(), p]));
  const storedById = new Map(stored.people.map((p) => [p.id, p]));
  const idOf = new Map<string, string>();
  const matchOf = new Map<string, Person>();
  const claimed = new Map<string, DirectoryUser>();
  for (const [aad, { user }] of memberships) {
    const upnId = rosterIdOf(user);
    let match = storedByAad.get(aad);
    if (!match) {
      const byId = storedById.get(upnId);
      // Matched by roster id only when that stored person is not someone else still in the directory.
      if (byId && !memberships.has(byId.aadObjectId.toLowerCase())) match = byId;
    }
    const id = match?.id ?? upnId;
    if (!match && !ID.test(id)) {
      problems.push(`${who(user)}: the userPrincipalName ${user.userPrincipalName} does not give a usable roster id ("${id}")`);
      continue;
    }
    const other = claimed.get(id);
    if (other) problems.push(`${who(user)} and ${who(other)} would both have the roster id ${id}`);
    else if (!match && storedById.has(id)) problems.push(`${who(user)} would take the roster id ${id}, which is already someone else's`);
    claimed.set(id, user);
    idOf.set(aad, id);
    if (match) matchOf.set(aad, match);
  }

  // 3. Roles, supervisors, units.
  const desired = new Map<string, DesiredPerson>();
  const managesSomeone = new Set<string>();
  const byUnit = new Map(directory.map((d) => [d.mapping.unit.id, d]));
  for (const [aad, { user, unitIds }] of memberships) {
    const id = idOf.get(aad);
    const d = byUnit.get(unitIds[0]!);
    if (!id || !d) continue;
    const inGroup = (g: RoleGroup) => (d.roleMembers[g] ?? []).some((x) => x.toLowerCase() === aad);
    // The role groups the person is in (and departmentHead for the head); officer when none says otherwise.
    const roles = new Set<Role>(ROLE_GROUPS.filter(inGroup));
    if (d.mapping.unit.head === aad) roles.add('departmentHead');
    let supervisorId: string | undefined;
    const manager = d.managers.get(user.id)?.toLowerCase() ?? d.managers.get(aad)?.toLowerCase();
    if (manager && d.mapping.unit.head !== aad) {
      const m = memberships.get(manager);
      if (!m || !m.unitIds.includes(d.mapping.unit.id))
        problems.push(`${who(user)}: their manager ${manager} is outside the unit ${d.mapping.unit.id}`);
      else if (idOf.has(manager)) {
        supervisorId = idOf.get(manager);
        managesSomeone.add(manager);
      }
    }
    desired.set(aad, { id, name: user.displayName, aadObjectId: aad, roles: [...roles], unitId: d.mapping.unit.id, supervisorId });
  }
  for (const [aad, p] of desired) {
    // Whoever manages someone in the unit supervises them (the roster's supervising roles).
    if (managesSomeone.has(aad) && !p.roles.includes('departmentHead') && !p.roles.includes('supervisor')) p.roles.push('supervisor');
    p.roles = p.roles.length ? sortRoles(p.roles) : ['officer'];
  }
  // Nobody supervises themselves through a chain.
  const supervisorOf = new Map([...desired.values()].map((p) => [p.id, p.supervisorId]));
  for (const p of desired.values()) {
    const seen = new Set<string>([p.id]);
    for (let s = p.supervisorId; s; s = supervisorOf.get(s)) {
      if (seen.has(s)) {
        if (s === p.id) problems.push(`${who(p)}: their chain of managers comes back to them`);
        break;
      }
      seen.add(s);
    }
  }

  const units: Unit[] = [];
  for (const d of directory) {
    const head = d.head ? idOf.get(d.head.id.toLowerCase()) : undefined;
    let above: string | undefined;
    if (d.mapping.unit.above && d.above) {
      const aad = d.above.id.toLowerCase();
      above = idOf.get(aad) ?? storedByAad.get(aad)?.id;
      if (!above && d.above.accountEnabled !== false)
        problems.push(
          `unit ${d.mapping.unit.id}: above ${who(d.above)} is neither on the roster nor in a members group this sync reads (sync their unit too)`,
        );
    }
    const storedChannel = stored.units.find((u) => u.id === d.mapping.unit.id)?.supervisorChannelId;
    units.push({
      id: d.mapping.unit.id,
      name: d.mapping.unit.name,
      supervisorChannelId: d.mapping.unit.channelId ?? storedChannel,
      departmentHeadId: head,
      aboveId: above,
    });
  }

  // 4. The diff.
  const plan: SyncPlan = { unitsToCreate: [], unitsToUpdate: [], add: [], update: [], left: [], disabled, problems };
  if (problems.length) return plan;
  for (const u of units) {
    const before = stored.units.find((s) => s.id === u.id);
    if (!before) plan.unitsToCreate.push(u);
    else {
      const after: Unit = { ...before, ...u };
      if (!isSame(before, after)) plan.unitsToUpdate.push({ before, after });
    }
  }
  for (const [aad, p] of desired) {
    const before = matchOf.get(aad);
    if (!before) {
      plan.add.push({ ...p, joinedUnitOn: today, workingPattern: DEFAULT_WORKING_PATTERN, viewingStatus: 'viewing' });
      continue;
    }
    const kept = before.roles.filter((r) => !ENTRA_ROLES.includes(r));
    const after: Person = {
      ...before,
      name: p.name,
      aadObjectId: p.aadObjectId,
      roles: sortRoles([...p.roles, ...kept]),
      unitId: p.unitId,
      supervisorId: p.supervisorId,
      // Someone who moved unit joined the new one today.
      joinedUnitOn: before.unitId === p.unitId ? before.joinedUnitOn : today,
      leftOn: undefined,
    };
    const changes: string[] = [];
    if (before.name !== after.name) changes.push('name');
    if (before.aadObjectId.toLowerCase() !== after.aadObjectId) changes.push('aadObjectId');
    if (sortRoles(before.roles).join(';') !== after.roles.join(';')) changes.push('roles');
    if (before.unitId !== after.unitId) changes.push('unit');
    if ((before.supervisorId ?? '') !== (after.supervisorId ?? '')) changes.push('supervisor');
    if (before.leftOn) changes.push('returned');
    if (changes.length) plan.update.push({ before, after, changes });
  }
  const syncedUnits = new Set(directory.map((d) => d.mapping.unit.id));
  const present = new Set(desired.keys());
  for (const before of stored.people) {
    if (!syncedUnits.has(before.unitId) || before.leftOn || present.has(before.aadObjectId.toLowerCase())) continue;
    plan.left.push({ before, after: { ...before, leftOn: today }, changes: ['left'] });
  }
  return plan;
}

/** The plan's counts of people, as the summary, the audit trail and the admin card carry them (never names). */
export function planCounts(plan: SyncPlan): { added: number; updated: number; left: number; problems: number } {
  return { added: plan.add.length, updated: plan.update.length, left: plan.left.length, problems: plan.problems.length };
}
