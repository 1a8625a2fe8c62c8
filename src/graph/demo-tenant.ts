// The demo tenant for `npm run graph:fake`: Entra ID as a force with the demo roster (data/demo-roster.csv)
// would have it, so a newcomer can try `roster -- sync --dry-run` and `roster -- install --dry-run` without
// a tenant. Built from the roster text, so the two agree by construction, with two deliberate differences
// a sync should find:
// - a newcomer (Jo Baxter, an officer under Sam) who is in the members group but not yet on the roster;
// - a leaver (Femi Adeyemi) who is still in the tenant but no longer in the members group.
// Everyone's userPrincipalName is <roster id>@<DEMO_DOMAIN>; managers are the roster's supervisors; role
// groups hold the roster's supervisors, trainers, HR, candidates, welfare lead and TRiM practitioner; the
// candidates' group is nested in the members group (transitive membership). A few people already have Haven.
// data/demo-entra/unit-2.json is this tenant's mapping file (a test keeps the two equal).
import { LOCAL_TEAMS_APP_CATALOG_ID } from '../config.ts';
import { parseRoster } from '../kernel/roster.ts';
import type { Role } from '../kernel/types.ts';
import type { FakeTenant, FakeUser } from './fake-graph-server.ts';

export const DEMO_DOMAIN = 'haven-demo.example';
export const DEMO_UNIT_ID = 'unit-2';

/** Role groups a mapping file may name (issue 16, part 1), and the roster role each grants. */
export const MAPPED_ROLES = ['supervisor', 'trainer', 'hr', 'candidate', 'welfareLead', 'trimPractitioner'] as const;
export type MappedRole = (typeof MAPPED_ROLES)[number];

/** data/entra/<unit id>.json. */
export interface EntraUnitMapping {
  unit: { id: string; name: string; channelId: string; head: string; above?: string };
  membersGroup: string;
  roleGroups: Partial<Record<MappedRole, string>>;
}

export const DEMO_GROUPS = {
  members: 'c0ffee00-0000-4000-8000-000000000200',
  supervisor: 'c0ffee00-0000-4000-8000-000000000201',
  trainer: 'c0ffee00-0000-4000-8000-000000000202',
  hr: 'c0ffee00-0000-4000-8000-000000000203',
  candidate: 'c0ffee00-0000-4000-8000-000000000204',
  welfareLead: 'c0ffee00-0000-4000-8000-000000000205',
  trimPractitioner: 'c0ffee00-0000-4000-8000-000000000206',
} as const satisfies Record<'members' | MappedRole, string>;

export const DEMO_NEWCOMER: FakeUser = {
  id: '00000000-0000-4000-8000-000000000040',
  userPrincipalName: `jo.baxter@${DEMO_DOMAIN}`,
  displayName: 'Jo Baxter',
  accountEnabled: true,
};
/** Roster id of the person who left the members group. */
export const DEMO_LEAVER = 'femi.adeyemi';
/** Roster ids who already have Haven installed in the demo tenant. */
export const DEMO_ALREADY_INSTALLED = ['dana.hughes', 'sam.okafor', 'priya.shah'];

export interface DemoTenant {
  tenant: FakeTenant;
  mapping: EntraUnitMapping;
}

export function demoTenant(rosterCsv: string): DemoTenant {
  const parsed = parseRoster(rosterCsv);
  if (!parsed.ok)
    throw new Error(`the demo roster is invalid (${parsed.problems.length} problem(s)); run npm run roster -- import --dry-run on it`);
  const unit = parsed.roster.units.find((u) => u.id === DEMO_UNIT_ID);
  if (!unit || !unit.departmentHeadId) throw new Error(`the demo roster has no unit ${DEMO_UNIT_ID} with a head`);
  const people = parsed.roster.people.filter((p) => p.unitId === DEMO_UNIT_ID);
  const oid = new Map(people.map((p) => [p.id, p.aadObjectId]));
  const sam = oid.get('sam.okafor');
  const head = oid.get(unit.departmentHeadId);
  if (!head) throw new Error('the demo unit head is not on the demo roster');

  const users: FakeUser[] = people.map((p) => ({
    id: p.aadObjectId,
    userPrincipalName: `${p.id}@${DEMO_DOMAIN}`,
    displayName: p.name,
    accountEnabled: true,
    ...(p.supervisorId && oid.get(p.supervisorId) ? { managerId: oid.get(p.supervisorId)! } : {}),
  }));
  users.push({ ...DEMO_NEWCOMER, ...(sam ? { managerId: sam } : {}) });

  const withRole = (role: Role) => people.filter((p) => p.roles.includes(role)).map((p) => p.aadObjectId);
  const candidates = withRole('candidate');
  const direct = people
    .filter((p) => p.id !== DEMO_LEAVER && !p.roles.includes('candidate'))
    .map((p) => p.aadObjectId)
    .concat(DEMO_NEWCOMER.id);
  const tenant: FakeTenant = {
    users,
    groups: [
      // Candidates come in through the nested candidates' group.
      { id: DEMO_GROUPS.members, displayName: 'Haven unit-2 members', members: [...direct, DEMO_GROUPS.candidate] },
      { id: DEMO_GROUPS.supervisor, displayName: 'Haven unit-2 supervisors', members: withRole('supervisor') },
      { id: DEMO_GROUPS.trainer, displayName: 'Haven unit-2 trainers', members: withRole('trainer') },
      { id: DEMO_GROUPS.hr, displayName: 'Haven unit-2 HR', members: withRole('hr') },
      { id: DEMO_GROUPS.candidate, displayName: 'Haven unit-2 candidates', members: candidates },
      { id: DEMO_GROUPS.welfareLead, displayName: 'Haven unit-2 welfare lead', members: withRole('welfareLead') },
      { id: DEMO_GROUPS.trimPractitioner, displayName: 'Haven unit-2 TRiM practitioners', members: withRole('trimPractitioner') },
    ],
    catalogue: [LOCAL_TEAMS_APP_CATALOG_ID],
    installedApps: Object.fromEntries(
      DEMO_ALREADY_INSTALLED.flatMap((id) => (oid.get(id) ? [[oid.get(id)!, [LOCAL_TEAMS_APP_CATALOG_ID]]] : [])),
    ),
  };
  const mapping: EntraUnitMapping = {
    unit: {
      id: unit.id,
      name: unit.name,
      channelId: unit.supervisorChannelId ?? '',
      head,
      ...(unit.aboveId && oid.get(unit.aboveId) ? { above: oid.get(unit.aboveId)! } : {}),
    },
    membersGroup: DEMO_GROUPS.members,
    roleGroups: {
      supervisor: DEMO_GROUPS.supervisor,
      trainer: DEMO_GROUPS.trainer,
      hr: DEMO_GROUPS.hr,
      candidate: DEMO_GROUPS.candidate,
      welfareLead: DEMO_GROUPS.welfareLead,
      trimPractitioner: DEMO_GROUPS.trimPractitioner,
    },
  };
  return { tenant, mapping };
}
