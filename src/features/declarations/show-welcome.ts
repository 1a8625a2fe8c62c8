import { actsNowFor } from '../../kernel/responsibility.ts';
import { VISIBILITY_IN_PLAIN_WORDS } from '../../kernel/visibility.ts';
import type { Role } from '../../kernel/types.ts';
import { helpCard, welcomeCard, type WelcomeCardButton, type WelcomeCardData } from './welcome-card.ts';
import { helpLinesFor, welcomeButtonsFor, type WelcomeButton } from '../../kernel/command-menu.ts';
import type { Card } from '../../kernel/cards.ts';
import type { Actor } from '../../kernel/context.ts';
import { formatTime, formatWeekday, nameIn } from '../../kernel/format.ts';
import { VERBS } from '../../kernel/verbs.ts';
import { offViewingSummary } from './off-viewing.ts';
import { currentStepAway } from './step-away.ts';
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
  welfareLead: 'Welfare lead',
  trimPractitioner: 'TRiM practitioner',
  occupationalHealth: 'Occupational health',
  // Issue 16 part 4: the audit viewer.
  dpo: 'Data protection officer',
};

/** "What can I ask Haven?" as a button: it sends those words, as if typed. */
function helpButton(deps: DeclarationDeps): WelcomeButton[] {
  const help = deps.commandMenu.find((c) => c.name === 'whatCanIAsk');
  return help ? [{ command: help.name, title: 'What can I ask Haven?', words: help.words }] : [];
}

/**
 * What the welcome / status card shows the person themself: their status, who can see what, the two
 * or three things their roles do most (from the command table) and "What can I ask Haven?". Reads
 * only their own data.
 */
export async function showWelcome(deps: DeclarationDeps, actor: Actor, displayName: string | undefined): Promise<WelcomeCardData> {
  const found = await identifyPerson(deps, actor);
  const visibility = VISIBILITY_IN_PLAIN_WORDS;
  const menu = { buttons: welcomeButtonsFor(deps.commandMenu, found?.value.roles), more: helpButton(deps) };
  if (!found) {
    return {
      ...menu,
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
  const mine = (await deps.declarations.listForPerson(person.id)).map((v) => v.value);
  // A break that ends (issue 14, part 1): the review date, and the break card to say "I feel ready" or set a new date.
  const offViewing = offViewingSummary(mine);
  const more: WelcomeCardButton[] = [...menu.more];
  if (person.roles.some((r) => r === 'officer' || r === 'supervisor' || r === 'trainer')) {
    status.push({
      label: 'Viewing',
      value:
        person.viewingStatus === 'viewing'
          ? 'Cleared to view'
          : `Not viewing${person.viewingStatusSince ? ` since ${formatTime(person.viewingStatusSince)}` : ''}${
              offViewing?.leaving ? ', until your move' : offViewing?.reviewOn ? `, review on ${formatWeekday(offViewing.reviewOn)}` : ''
            }`,
    });
    if (offViewing)
      more.push({
        command: 'myBreak',
        title: 'My break from viewing',
        words: '',
        verb: VERBS.breakShow,
        data: { declarationId: offViewing.declarationId },
      });
    // A private screen break: nobody is told (step-away.ts).
    const away = await currentStepAway(deps, person.id);
    if (away)
      status.push({
        label: 'Screen break',
        value: `Since ${formatTime(away.startedAt)}, until ${formatTime(away.endsAt)}. Nobody is told.`,
      });
    more.push(
      away
        ? { command: 'stepAwayBack', title: "I'm back", words: '', verb: VERBS.stepAwayBack }
        : { command: 'stepAway', title: "I'm stepping away for a bit", words: '', verb: VERBS.stepAwayStart },
    );
  }
  // Every open request, each with who has it now (never who could not be reached).
  const open = mine.filter(isOpen).sort((a, b) => b.raisedAt.localeCompare(a.raisedAt));
  for (const d of open) status.push({ label: `Your request: ${kindTitle(d.kind)}`, value: ownerSummary(d, roster) });
  if (person.supervisorId) status.push({ label: 'Supervisor', value: nameOf(person.supervisorId) });
  const responsible = actsNowFor(deps, person, roster, deps.clock.now());
  if (responsible.kind === 'cover')
    status.push({ label: 'While your supervisor is away', value: `${nameOf(responsible.personId)} is covering` });
  else if (responsible.kind === 'departmentHead' && responsible.reason !== 'noSupervisor')
    status.push({ label: 'While your supervisor is away', value: `${nameOf(responsible.personId)} (department head) is covering` });
  return { ...menu, more, firstName: person.name.split(' ')[0]!, status, visibility };
}

export async function welcomeCardFor(deps: DeclarationDeps, actor: Actor, displayName: string | undefined): Promise<Card> {
  return welcomeCard(await showWelcome(deps, actor, displayName));
}

/**
 * "What can I ask Haven?": the commands this person's roles can use, one line each, from the command
 * table. `intro` says why it is shown (Haven did not understand what was typed); empty when asked for.
 */
export async function helpCardFor(deps: DeclarationDeps, actor: Actor | undefined, intro = ''): Promise<Card> {
  const found = actor ? await identifyPerson(deps, actor) : undefined;
  return helpCard({
    intro,
    lines: helpLinesFor(deps.commandMenu, found?.value.roles),
    onRoster: !!found,
  });
}
