// The supervisors' "my team" card: for each person they are responsible for, the stage, care due or
// overdue, open flags (reason category only) and open requests (status only). Never check-in
// answers, declaration notes, reflections or private notes: the card is built from fields that hold
// none, so it cannot leak them.
import { formatDay, formatWeekday } from '../../kernel/format.ts';
import { CARE_ITEM_TITLES, actionableCare, careItemsFor, spanExceeded, type CareBroughtForward, type CareDone } from './care-schedule.ts';
import { offViewingSummary, teamCardShows, type Declaration } from '../declarations/index.ts';
import { FLAG_REASON_TITLES, flagOnTeamCard, isFlagOpen, type Flag } from '../check-ins/index.ts';
import {
  isCurrentMember,
  activeAbsence,
  actsNowFor,
  directReports,
  peopleInUnit,
  personById,
  type ResponsibilityDeps,
} from '../../kernel/responsibility.ts';
import { describeStage, type StagedExposure } from './staged-exposure.ts';
import type { Person, Roster, Unit } from '../../kernel/types.ts';
import { localMoment } from '../../kernel/working-time.ts';
import { teamCard, type TeamCardData, type TeamCardRow } from './care-cards.ts';
import { noticeCard } from '../../kernel/notice-card.ts';
import type { Card } from '../../kernel/cards.ts';
import type { Actor } from '../../kernel/context.ts';
import type { CareSettings } from './deps.ts';
import { identifyPerson } from '../../kernel/identify-person.ts';
import { loadRoster } from '../../kernel/load-roster.ts';
import type { CareDeps } from './deps.ts';

export interface TeamFacts {
  roster: Roster;
  stages: StagedExposure[];
  done: (CareDone & { personId: string })[];
  /** Clinical supervision brought forward after a flag or a request (dates only; never why). */
  forwards: (CareBroughtForward & { personId: string })[];
  flags: Flag[];
  declarations: Declaration[];
  /** The unit policies and fallbacks "who acts now" is decided with. */
  responsibility: ResponsibilityDeps;
}

export async function loadTeamFacts(deps: CareDeps): Promise<TeamFacts> {
  const [roster, stages, done, forwards, flags, declarations] = await Promise.all([
    loadRoster(deps),
    deps.stages.list(),
    deps.care.listRecords(),
    deps.care.listForwards(),
    deps.flags.listOpen(),
    deps.declarations.list(),
  ]);
  return {
    roster,
    responsibility: { policyFor: (unitId) => deps.policyFor(unitId), fallbackResponders: deps.fallbackResponders },
    stages: stages.map((s) => s.value),
    done: done.map((d) => ({ personId: d.value.personId, item: d.value.item, doneOn: d.value.doneOn })),
    forwards: forwards.map((f) => ({ personId: f.value.personId, item: f.value.item, raisedOn: f.value.raisedOn, dueBy: f.value.dueBy })),
    flags: flags.map((f) => f.value).filter(isFlagOpen),
    declarations: declarations.map((d) => d.value),
  };
}

/** The facts of one person, gathered once per set of facts (issue 15: not a scan of everyone per row). */
interface PersonFacts {
  stage?: StagedExposure;
  done: (CareDone & { personId: string })[];
  forwards: (CareBroughtForward & { personId: string })[];
  flags: Flag[];
  declarations: Declaration[];
}
const NO_FACTS: PersonFacts = { done: [], forwards: [], flags: [], declarations: [] };
const factsIndexes = new WeakMap<TeamFacts, Map<string, PersonFacts>>();

/** What the facts hold about this person, in the order the facts list it. */
export function factsAbout(facts: TeamFacts, personId: string): PersonFacts {
  let index = factsIndexes.get(facts);
  if (!index) {
    const built = new Map<string, PersonFacts>();
    const of = (id: string) => {
      let f = built.get(id);
      if (!f) built.set(id, (f = { done: [], forwards: [], flags: [], declarations: [] }));
      return f;
    };
    // The first stage listed for a person is theirs, as Array.find took it.
    for (const s of facts.stages) if (!of(s.personId).stage) of(s.personId).stage = s;
    for (const d of facts.done) of(d.personId).done.push(d);
    for (const f of facts.forwards) of(f.personId).forwards.push(f);
    for (const f of facts.flags) of(f.personId).flags.push(f);
    for (const d of facts.declarations) of(d.personId).declarations.push(d);
    factsIndexes.set(facts, (index = built));
  }
  return index.get(personId) ?? NO_FACTS;
}

const REQUEST_STATUS: Record<Declaration['status'], string> = {
  open: 'waiting for a response',
  acknowledged: 'acknowledged',
  assessed: 'risk assessment recorded',
  closed: 'closed',
  withdrawn: 'withdrawn',
};
const DAY = 24 * 60 * 60_000;

function rowFor(
  person: Person,
  facts: TeamFacts,
  settings: CareSettings,
  now: Date,
): { row: TeamCardRow; choices: { title: string; value: string }[] } {
  const today = localMoment(now).date;
  const lines: { text: string }[] = [];
  const mine = factsAbout(facts, person.id);
  const stage = mine.stage;
  if (stage) lines.push({ text: `Staged exposure: ${describeStage(stage)}` });
  const choices: { title: string; value: string }[] = [];
  const care = actionableCare(careItemsFor(person, today, settings.schedule, mine.done, mine.forwards));
  for (const c of care) {
    lines.push({ text: `${c.status === 'overdue' ? 'Overdue' : 'Due'}: ${c.title}, ${formatDay(c.dueDate)}` });
    choices.push({ title: `${person.name}: ${CARE_ITEM_TITLES[c.item]}`, value: `${person.id}|${c.item}` });
  }
  // What the person chose to take to someone else (issue 14) is not on their supervisor's team card:
  // the policies of those features say what may show.
  for (const f of mine.flags.filter((x) => flagOnTeamCard(x)))
    lines.push({ text: `Flag: consider a welfare conversation (${FLAG_REASON_TITLES[f.reason]})` });
  // A break that ends (issue 14, part 1): since when, and the review date (or "until their move").
  const off = offViewingSummary(mine.declarations);
  if (off)
    lines.push({
      text: `Off viewing since ${formatDay(localMoment(new Date(off.since)).date)}${
        off.leaving ? ', until their move' : off.reviewOn ? `, review on ${formatWeekday(off.reviewOn)}` : ''
      }${off.ready && !off.leaving ? ' (they feel ready to go back: confirm the return with them)' : ''}`,
    });
  for (const d of mine.declarations) {
    const shows = teamCardShows(d);
    if (shows === 'nothing') continue;
    if (shows === 'offViewingOnly') {
      if (d.status === 'open' || d.status === 'acknowledged' || d.status === 'assessed') lines.push({ text: 'Off viewing' });
      continue;
    }
    if (d.status === 'open' || d.status === 'acknowledged' || d.status === 'assessed')
      lines.push({ text: `Open request: ${REQUEST_STATUS[d.status]}` });
    for (const f of d.followUps ?? []) {
      const due = Date.parse(f.dueAt);
      if (d.status !== 'withdrawn' && due > now.getTime() - 14 * DAY && due < now.getTime() + 7 * DAY) {
        lines.push({
          text: `Peer-support follow-up (${f.kind === '72h' ? 'about 72 hours' : 'about one month'}): ${f.sentAt ? 'reminder sent' : 'due'} ${formatDay(f.dueAt.slice(0, 10))}`,
        });
      }
    }
  }
  if (lines.length === 0) lines.push({ text: 'Nothing due' });
  return { row: { name: person.name, lines }, choices };
}

// Issue 15: who acts now for everyone whose supervisor is not the one acting, worked out once per
// roster, moment and policy and shared by every viewer's team (the weekly job builds hundreds).
let routedMemo: { roster: Roster; at: number; responsibility: ResponsibilityDeps; byResponder: Map<string, Person[]> } | undefined;

/** People routed to a responder other than their supervisor (a cover, or the next level while the supervisor is away), by responder, in roster order. */
function routedTo(roster: Roster, now: Date, responsibility: ResponsibilityDeps): Map<string, Person[]> {
  const m = routedMemo;
  if (m && m.roster === roster && m.at === now.getTime() && m.responsibility === responsibility) return m.byResponder;
  const byResponder = new Map<string, Person[]>();
  for (const p of roster.people) {
    if (!p.supervisorId || !isCurrentMember(p)) continue;
    const r = actsNowFor(responsibility, p, roster, now);
    if (r.kind === 'cover' || (r.kind === 'departmentHead' && r.reason !== 'noSupervisor')) {
      const list = byResponder.get(r.personId);
      if (list) list.push(p);
      else byResponder.set(r.personId, [p]);
    }
  }
  routedMemo = { roster, at: now.getTime(), responsibility, byResponder };
  return byResponder;
}

/** Who this viewer answers for today: their own reports, plus anyone routed to them by an absence. */
export function teamOf(
  viewer: Person,
  roster: Roster,
  now: Date,
  responsibility: ResponsibilityDeps,
): { heading: string; people: Person[] }[] {
  const groups: { heading: string; people: Person[] }[] = [];
  const own = directReports(roster.people, viewer.id);
  if (own.length) groups.push({ heading: 'Your team', people: own });
  const routed = new Map<string, Person[]>();
  for (const p of routedTo(roster, now, responsibility).get(viewer.id) ?? []) {
    if (p.id === viewer.id || p.supervisorId === viewer.id || !p.supervisorId) continue;
    const list = routed.get(p.supervisorId) ?? [];
    list.push(p);
    routed.set(p.supervisorId, list);
  }
  for (const [absentId, people] of routed) {
    const absent = personById(roster.people, absentId);
    const absence = activeAbsence(roster.absences, absentId, now);
    groups.push({ heading: `Covering for ${absent?.name ?? absentId}${absence ? ` until ${formatDay(absence.to)}` : ''}`, people });
  }
  return groups;
}

const headIndexes = new WeakMap<readonly Unit[], { length: number; byHead: Map<string, string[]> }>();

/** The units this person is the department head of, without a scan per viewer. */
function unitsHeadedBy(units: readonly Unit[], personId: string): readonly string[] {
  let index = headIndexes.get(units);
  if (!index || index.length !== units.length) {
    index = { length: units.length, byHead: new Map() };
    for (const u of units) {
      if (!u.departmentHeadId) continue;
      const list = index.byHead.get(u.departmentHeadId);
      if (list) list.push(u.id);
      else index.byHead.set(u.departmentHeadId, [u.id]);
    }
    headIndexes.set(units, index);
  }
  return index.byHead.get(personId) ?? [];
}

export function spanWarnings(viewer: Person, roster: Roster, limit: number): string[] {
  const out: string[] = [];
  const mine = directReports(roster.people, viewer.id).length;
  if (spanExceeded(mine, limit))
    out.push(
      `Span of control: you have ${mine} direct reports, more than the ${limit} Haven is set to expect. Your department head has been told; consider sharing the load.`,
    );
  const headOf = new Set(unitsHeadedBy(roster.units, viewer.id));
  // The units' people through the roster index, kept in roster order (issue 15: not a scan per viewer).
  const inUnits =
    headOf.size > 1 ? roster.people.filter((p) => headOf.has(p.unitId)) : [...headOf].flatMap((u) => peopleInUnit(roster.people, u));
  for (const s of inUnits.filter((p) => p.id !== viewer.id && isCurrentMember(p))) {
    const n = directReports(roster.people, s.id).length;
    if (spanExceeded(n, limit)) out.push(`Span of control: ${s.name} has ${n} direct reports (more than ${limit}).`);
  }
  return out;
}

export function teamCardData(viewer: Person, facts: TeamFacts, settings: CareSettings, now: Date, notice = ''): TeamCardData | undefined {
  const build = (g: { heading: string; people: Person[] }) => {
    const rows = g.people.map((p) => rowFor(p, facts, settings, now));
    return { group: { heading: g.heading, rows: rows.map((r) => r.row) }, choices: rows.flatMap((r) => r.choices) };
  };
  const built = teamOf(viewer, facts.roster, now, facts.responsibility).map(build);
  const groups = built.map((b) => b.group);
  // Trainers confirm stages: they see the unit's stages (and nothing else about those people).
  if (viewer.roles.includes('trainer')) {
    const rows = facts.stages
      .filter((s) => s.unitId === viewer.unitId && s.personId !== viewer.id)
      .map((s) => ({
        name: personById(facts.roster.people, s.personId)?.name ?? s.personId,
        lines: [{ text: describeStage(s) }],
      }));
    if (rows.length) groups.push({ heading: 'Staged exposure in your unit', rows });
  }
  const warnings = spanWarnings(viewer, facts.roster, settings.spanOfControl).map((text) => ({ text }));
  if (groups.length === 0 && warnings.length === 0) return undefined;
  const careChoices = built.flatMap((b) => b.choices);
  return { title: 'My team', notice, warnings, groups, careChoices, hasCareChoices: careChoices.length > 0, today: localMoment(now).date };
}

/** On demand ("my team"): audited, since it reads other people's flags, requests and care. */
export async function showTeamCard(deps: CareDeps, actor: Actor, notice = ''): Promise<Card> {
  const me = await identifyPerson(deps, actor);
  const now = deps.clock.now();
  if (!me)
    return noticeCard({
      title: "You are not on Haven's roster yet",
      lines: [{ text: 'Ask your supervisor or administrator to add you.' }],
      showFooter: true,
    });
  const facts = await loadTeamFacts(deps);
  const viewer = facts.roster.people.find((p) => p.id === me.value.id) ?? me.value;
  const data = teamCardData(viewer, facts, deps.careSettings, now, notice);
  await deps.audit.append({
    at: now.toISOString(),
    actor: viewer.id,
    action: 'team.read',
    subject: `team:${viewer.id}`,
    reason: 'my team card',
    outcome: data ? 'ok' : 'denied',
  });
  if (!data)
    return noticeCard({
      title: 'My team',
      lines: [{ text: 'Nobody reports to you in Haven, and you are not covering for anyone today.' }],
      showFooter: true,
    });
  return teamCard(data);
}
