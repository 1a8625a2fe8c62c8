import { actsNowFor } from '../../kernel/responsibility.ts';
import { VISIBILITY_IN_PLAIN_WORDS } from '../../kernel/visibility.ts';
import type { Role } from '../../kernel/types.ts';
import type { WelcomeCardData } from './welcome-card.ts';
import type { Actor } from '../../kernel/context.ts';
import { formatTime, nameIn } from '../../kernel/format.ts';
import { identifyPerson } from '../../kernel/identify-person.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import type { DeclarationDeps } from './deps.ts';
import { isOpen } from './rules.ts';
import { kindTitle, ownerSummary } from './views.ts';

const ROLE_NAMES: Record<Role, string> = {
  candidate: 'Candidate',
  officer: 'Officer',
  supervisor: 'Supervisor',
  trainer: 'Image-grading trainer',
  departmentHead: 'Department head',
  hr: 'HR / resource planning',
  admin: 'Administrator',
};

/** What the welcome / status card shows the person themself. Reads only their own data. */
export async function showWelcome(deps: DeclarationDeps, actor: Actor, displayName: string | undefined): Promise<WelcomeCardData> {
  const found = await identifyPerson(deps, actor);
  const visibility = VISIBILITY_IN_PLAIN_WORDS;
  if (!found) {
    return {
      firstName: (displayName ?? '').trim().split(' ')[0] ?? '',
      status: [
        { label: 'Roster', value: "You are not on Haven's roster yet. Ask your supervisor or administrator to add you." },
        { label: 'Help', value: '"I\'m not okay" still works for you: Haven will reach the department head.' },
      ],
      visibility,
    };
  }
  const person = found.value;
  const roster = await loadRoster(deps);
  const nameOf = nameIn(roster); // never an id, even for someone no longer on the roster
  const unit = roster.units.find((u) => u.id === person.unitId);
  const status = [
    { label: 'Unit', value: unit?.name ?? person.unitId },
    { label: 'Role', value: person.roles.map((r) => ROLE_NAMES[r]).join(', ') },
  ];
  if (person.roles.some((r) => r === 'officer' || r === 'supervisor' || r === 'trainer')) {
    status.push({
      label: 'Viewing',
      value:
        person.viewingStatus === 'viewing'
          ? 'Cleared to view'
          : `Not viewing${person.viewingStatusSince ? ` since ${formatTime(person.viewingStatusSince)}` : ''}`,
    });
  }
  // Every open request, each with who has it now (never who could not be reached).
  const open = (await deps.declarations.listForPerson(person.id))
    .map((v) => v.value)
    .filter(isOpen)
    .sort((a, b) => b.raisedAt.localeCompare(a.raisedAt));
  for (const d of open) status.push({ label: `Your request: ${kindTitle(d.kind)}`, value: ownerSummary(d, roster) });
  if (person.supervisorId) status.push({ label: 'Supervisor', value: nameOf(person.supervisorId) });
  const responsible = actsNowFor(deps, person, roster, deps.clock.now());
  if (responsible.kind === 'cover')
    status.push({ label: 'While your supervisor is away', value: `${nameOf(responsible.personId)} is covering` });
  else if (responsible.kind === 'departmentHead' && responsible.reason !== 'noSupervisor')
    status.push({ label: 'While your supervisor is away', value: `${nameOf(responsible.personId)} (department head) is covering` });
  return { firstName: person.name.split(' ')[0]!, status, visibility };
}
