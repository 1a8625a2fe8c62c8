// Authorisation, by canaries. Several people raise requests whose notes carry a unique canary
// string; then generated card actions (every verb, every demo user and strangers, the real ids of
// other people's requests, random ids and hostile strings, in a personal chat or a channel) try to
// read or act on them. Whatever the server answers, a canary may only appear for someone entitled to
// that note, and every refused access to a request leaves a 'denied' audit row.
//
// The expectations are computed here, independently of src/features/declarations/policy.ts, from
// what was stored about who was alerted and in which role (the timeline) and from the roster as it
// is at the moment of the action. Entitlements are time-bound (ARCHITECTURE.md): being alerted once
// is not access for ever.
//   - the request at all: the declarant; the unit's department head; and whoever is entitled now:
//     alerted about it, not taken off it by a reassignment since, and still holding a role for the
//     person (their supervisor, the supervisor's cover while the supervisor is away, the department
//     head or the person above, or a fallback when nobody holds those) or the one it was last
//     reassigned to.
//   - a request whose person chose someone else to tell first (issue 14: the welfare lead): that
//     contact comes first, then the rest of the chain without the supervisor and cover (the default
//     policy lets the officer pass over them) unless that would leave nobody.
//   - the note of such a request: the declarant, the contact they chose, and the department head only
//     when shared with them; never the supervisor, cover or anyone else.
//   - the note: among those entitled now, the declarant; anyone alerted at supervisor level
//     (supervisor, or cover) or passed the request by reassignment; the unit's department head only
//     when the person chose "supervisor and head"; and, when nobody at supervisor level was ever
//     alerted (someone off the roster, a candidate with no supervisor), the first person alerted,
//     who stands in.
//   - the move card of a request to leave (issue #14 part 5): once a move was agreed, the unit's
//     department head and HR / resource planning for the unit (its HR people, else every HR person);
//     HR who were sent the card keep opening it (it then says only that the move is no longer
//     planned). HR open nothing else of any request: for them every other verb is a refusal.
// These are the README's "Who can see what" rules; a leak is a canary outside them. What was sent
// to someone while they were entitled stays sent: the last check judges messages by "was entitled".
//
// Journeys, stages and check-ins do not exist yet (open issues): only declarations can be covered.
// When they land, add their verbs and ids here; the ALL_VERBS loop below fails on a verb it does
// not know, so a new verb cannot be forgotten.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { ALL_VERBS, VERBS, type Verb } from '../../src/kernel/verbs.ts';
import { loadRoster } from '../../src/kernel/load-roster.ts';
import { ADJUSTMENTS, type Declaration } from '../../src/features/declarations/rules.ts';
import type { AuditEntry, Roster } from '../../src/kernel/types.ts';
import { DEMO, actionExecute, inChannel, personalChatId, SUPERVISOR_CHANNEL, type DemoUser } from '../support/activities.ts';
import { startTestHaven, type TestHaven } from '../support/harness.ts';
import { setUpUnit } from '../support/haven-steps.ts';
import { raise } from '../support/declaration-steps.ts';

const MIN = 60_000;
const ID = /^decl-[0-9a-f]{24}$/;
const ADJUSTMENT_VALUES: string[] = ADJUSTMENTS.map((a) => a.value);

/** Roster ids of the demo users (data/demo-roster.csv). */
const ROSTER_ID: Record<string, string> = {
  dana: 'dana.hughes',
  sam: 'sam.okafor',
  priya: 'priya.shah',
  tom: 'tom.reed',
  alex: 'alex.moreno',
  bea: 'bea.clarke',
  chris: 'chris.lowe',
  dev: 'dev.patel',
  erin: 'erin.walsh',
  femi: 'femi.adeyemi',
  gus: 'gus.novak',
  hana: 'hana.ito',
  wes: 'wes.lyle',
  ira: 'ira.nolan',
};
/** The unit's contacts an officer may tell first, as data/contacts/unit-2.json names them (the welfare lead). */
const CONTACT_IDS: Record<string, string[]> = { welfareLead: ['wes.lyle'] };
const UNIT_HEAD = 'dana.hughes';

const STRANGER: DemoUser = { id: '29:haven-test-stranger', aadObjectId: '00000000-0000-4000-8000-0000000000f1', name: 'Sid Stranger' };
const UNKNOWN: DemoUser[] = [
  { id: '29:haven-test-unknown-1', aadObjectId: '00000000-0000-4000-8000-0000000000f2', name: 'Una Known' },
  // No Entra object id at all, and a Teams id that merely resembles a demo user's.
  { id: '29:haven-demo-alex-2', aadObjectId: '', name: 'Alex Moreno' },
];
const ACTORS: DemoUser[] = [...Object.values(DEMO), STRANGER, ...UNKNOWN];

function actorIdOf(user: DemoUser): string {
  const key = Object.entries(DEMO).find(([, u]) => u.id === user.id)?.[0];
  return key ? ROSTER_ID[key]! : `unrostered:${user.id}`;
}

interface Planted {
  id: string;
  canary: string;
  owner: DemoUser;
}

const ALERT_EVENTS = new Set(['alerted', 'escalated', 'reAlerted', 'reassigned']);

/** Does `actorId` hold a role for the person who raised `d`, on the roster as it is at `now`? */
function holdsRoleNow(actorId: string, d: Declaration, roster: Roster, now: Date, first = false): boolean {
  const day = now.toISOString().slice(0, 10);
  const away = (id: string | undefined) => roster.absences.find((a) => a.personId === id && a.from <= day && day <= a.to);
  const onRoster = (id: string | undefined): id is string =>
    !!id && id !== d.personId && roster.people.some((p) => p.id === id) && !away(id);
  const person = roster.people.find((p) => p.id === d.personId);
  const unit = roster.units.find((u) => u.id === person?.unitId);
  const supervisor = roster.people.find((p) => p.id === person?.supervisorId);
  const supervisorAway = away(supervisor?.id);
  const cover = supervisorAway?.coverId ?? supervisor?.coverId;
  const line = [supervisorAway ? undefined : supervisor?.id, supervisor ? cover : undefined].filter(onRoster);
  let roles = [...line, unit?.departmentHeadId, unit?.aboveId].filter(onRoster);
  if (d.route) {
    // The contact first; then the others, passing over the supervisor level unless nobody would be left.
    const contact = (CONTACT_IDS[d.route.tellFirst] ?? []).filter(onRoster);
    const rest = roles.filter((id) => !contact.includes(id));
    const withoutLine = rest.filter((id) => !line.includes(id));
    roles = [...contact, ...(withoutLine.length ? withoutLine : rest)];
  }
  if (roles.length) return first ? roles[0] === actorId : roles.includes(actorId);
  // Nobody: the fallbacks (none configured in the harness: every department head).
  const fallbacks = roster.people.filter((p) => p.id !== d.personId && p.roles.includes('departmentHead')).map((p) => p.id);
  return first ? fallbacks[0] === actorId : fallbacks.includes(actorId);
}

/** Is `actorId` the person's supervisor now (or the cover while the supervisor is away)? They read the note in that role. */
function supervisorLevelNow(actorId: string, d: Declaration, roster: Roster, now: Date): boolean {
  const day = now.toISOString().slice(0, 10);
  const away = (id: string | undefined) => roster.absences.find((a) => a.personId === id && a.from <= day && day <= a.to);
  const person = roster.people.find((p) => p.id === d.personId);
  const supervisor = roster.people.find((p) => p.id === person?.supervisorId);
  // The person chose someone else to tell first: their supervisor level never reads the note.
  if (!supervisor || actorId === d.personId || d.route) return false;
  const supervisorAway = away(supervisor.id);
  if (!supervisorAway) return actorId === supervisor.id;
  const cover = supervisorAway.coverId ?? supervisor.coverId;
  return !!cover && actorId === cover && !away(cover);
}

/** Still holding the request: alerted, not reassigned away since, and holding a role now or the one it was last reassigned to. */
function entitledNow(actorId: string, d: Declaration, roster: Roster, now: Date): boolean {
  let onCall: string | undefined;
  let holder: string | undefined;
  let lastAlert = -1;
  let lastTakenAway = -1;
  d.timeline.forEach((e, i) => {
    if (e.event === 'reassigned') {
      if ((onCall === actorId || holder === actorId) && e.personId !== actorId) lastTakenAway = i;
      holder = e.personId;
    }
    if (ALERT_EVENTS.has(e.event) && e.personId === actorId) lastAlert = i;
    const overdueNote = e.event === 'alerted' && e.detail === 'redeployment overdue';
    if (e.personId && !overdueNote && (ALERT_EVENTS.has(e.event) || e.event === 'acknowledged' || e.event === 'riskAssessed'))
      onCall = e.personId;
  });
  if (lastTakenAway > lastAlert) return false;
  // Whoever acts first for the person now holds the request, alerted or not (a supervisor back from leave).
  if (lastAlert < 0) return holdsRoleNow(actorId, d, roster, now, true);
  return holder === actorId || holdsRoleNow(actorId, d, roster, now);
}

/** May `actorId` read the note of `d`, as stored now and with the roster as it is now? (README "Who can see what".) */
function mayReadNote(actorId: string, d: Declaration, roster: Roster, now: Date): boolean {
  return mayAccess(actorId, d, roster, now) && (wasToldNote(actorId, d) || supervisorLevelNow(actorId, d, roster, now));
}

/** Was `actorId` ever entitled to the note of `d` (the roles it was alerted in)? Judges messages already sent. */
function wasToldNote(actorId: string, d: Declaration): boolean {
  if (actorId === d.personId) return true;
  const alerts = d.timeline.filter((e) => ALERT_EVENTS.has(e.event));
  const mine = alerts.filter((e) => e.personId === actorId);
  const head0 = d.unitId && UNIT_HEAD !== d.personId ? UNIT_HEAD : undefined;
  if (d.route) {
    if (mine.some((e) => e.detail === 'contact')) return true;
    return actorId === head0 && d.noteShare === 'supervisorAndHead';
  }
  if (mine.some((e) => e.detail === 'supervisor' || e.detail === 'cover' || e.event === 'reassigned')) return true;
  const head = d.unitId && UNIT_HEAD !== d.personId ? UNIT_HEAD : undefined;
  if (actorId === head && d.noteShare === 'supervisorAndHead') return true;
  const supervisorLevel = alerts.some((e) => e.detail === 'supervisor' || e.detail === 'cover');
  return !supervisorLevel && alerts[0]?.personId === actorId;
}

/** May `actorId` open the request at all (see it exists, its status, act on it), now? */
function mayAccess(actorId: string, d: Declaration | undefined, roster: Roster, now: Date): boolean {
  if (!d) return false;
  if (actorId === d.personId) return true;
  if (!!d.unitId && UNIT_HEAD !== d.personId && actorId === UNIT_HEAD) return true;
  return entitledNow(actorId, d, roster, now);
}

/** Is `actorId` HR / resource planning for the unit of `d`, on the roster as it is now? */
function hrForUnitNow(actorId: string, d: Declaration, roster: Roster): boolean {
  const hr = roster.people.filter((p) => p.roles.includes('hr') && p.id !== d.personId);
  const own = hr.filter((p) => p.unitId === d.unitId);
  return (own.length ? own : hr).some((p) => p.id === actorId);
}

/** May `actorId` open the move card of `d` (and record the move done), now? */
function mayOpenMove(actorId: string, d: Declaration | undefined, roster: Roster): boolean {
  if (!d || actorId === d.personId || d.kind !== 'leave') return false;
  const hr = hrForUnitNow(actorId, d, roster);
  if (d.redeployment?.move) return hr || (UNIT_HEAD !== d.personId && actorId === UNIT_HEAD);
  return hr && !!d.redeployment?.hrTold?.includes(actorId);
}

const MOVE_VERBS: readonly Verb[] = [VERBS.redeploymentMoveShow, VERBS.redeploymentMoveDone];
/** The break card and the way back (issue 14, part 1). */
const BREAK_VERBS: readonly Verb[] = [
  VERBS.breakShow,
  VERBS.breakReady,
  VERBS.breakReview,
  VERBS.breakConfirmReturn,
  VERBS.breakConfirmAccess,
];

/**
 * May `actorId` open the break card of `d`, now? A break or a request to leave (a time off viewing),
 * for the person and whoever manages their work: their supervisor, or the cover while the supervisor
 * is away, whatever route the request took (they must plan the work; they never read the note), and
 * the unit's department head.
 */
function mayOpenBreak(actorId: string, d: Declaration | undefined, roster: Roster, now: Date): boolean {
  if (!d || d.kind === 'talk') return false;
  if (actorId === d.personId) return true;
  if (!!d.unitId && UNIT_HEAD !== d.personId && actorId === UNIT_HEAD) return true;
  const day = now.toISOString().slice(0, 10);
  const away = (id: string | undefined) => roster.absences.find((a) => a.personId === id && a.from <= day && day <= a.to);
  const supervisor = roster.people.find((p) => p.id === roster.people.find((x) => x.id === d.personId)?.supervisorId);
  if (!supervisor) return false;
  const supervisorAway = away(supervisor.id);
  if (!supervisorAway) return actorId === supervisor.id;
  const cover = supervisorAway.coverId ?? supervisor.coverId;
  return !!cover && actorId === cover && !away(cover);
}

/** Which request a payload names, and whether the payload is well-formed enough to reach the handler. */
function referenced(verb: Verb, data: Record<string, unknown>): { id?: string; wellFormed: boolean } | undefined {
  const id = data.declarationId;
  const idOk = typeof id === 'string' && ID.test(id);
  switch (verb) {
    case VERBS.declarationOpen:
    case VERBS.declarationRaise:
    case VERBS.statusShow:
    // Check-in, flag and overview verbs never name a declaration; their own refusals are tested in
    // test/integration/check-ins (someone else's check-in or flag, the overview for non-heads).
    case VERBS.checkInOpen:
    case VERBS.checkInSubmit:
    case VERBS.checkInShowNote:
    case VERBS.checkInShowShared:
    case VERBS.flagAcknowledge:
    case VERBS.flagResolve:
    case VERBS.flagShow:
    case VERBS.unitOverview:
      return undefined;
    // The annual process review names journeys, never requests; its refusals and audit rows are
    // covered by test/integration/review/process-review.test.ts.
    case VERBS.reviewShow:
    case VERBS.reviewJourney:
      return undefined;
    // Journey verbs name a journey, never a request: here they may only prove they leak no note.
    // Journey entitlement has its own tests (test/integration/journeys, test/unit/domain/journey*.test.ts).
    case VERBS.journeyNew:
    case VERBS.journeyOpen:
    case VERBS.journeyShow:
    case VERBS.journeyList:
    case VERBS.journeyAgree:
    case VERBS.exposureSchedule:
    case VERBS.exposureRecord:
    case VERBS.questionnaireOpen:
    case VERBS.questionnaireSave:
    case VERBS.questionnaireSubmit:
    case VERBS.journeyReview:
    case VERBS.journeyHeadReview:
    case VERBS.journeyWithdraw:
    case VERBS.journeyCancel:
    case VERBS.attachmentOffer:
    case VERBS.attachmentRespond:
    case VERBS.journeyReady:
    case VERBS.journeyShowAll:
    // The suitability questionnaire names questionnaires, never requests; its refusals and audit
    // rows are covered by test/integration/care/suitability.test.ts.
    case VERBS.suitabilityOpen:
    case VERBS.suitabilitySave:
    case VERBS.suitabilitySubmit:
    case VERBS.suitabilityView:
    case VERBS.suitabilityReview:
    case VERBS.suitabilityShowAll:
    // Staged exposure, care records, "my team" and absences name people, never requests; their
    // refusals and audit rows are covered by test/integration/care/*.test.ts.
    case VERBS.stageShow:
    case VERBS.stageView:
    case VERBS.stageReady:
    case VERBS.stageConfirm:
    case VERBS.stagePause:
    case VERBS.stageResume:
    case VERBS.stageStepBack:
    case VERBS.stageReflect:
    case VERBS.stageShowReflection:
    case VERBS.teamShow:
    case VERBS.careDone:
    case VERBS.absenceOpen:
    case VERBS.absenceRecord:
    case VERBS.absenceEnd:
    // The digest shows and puts aside the clicker's own lines only (lines name people, never a
    // request's note); its refusals are covered by test/unit/features/digest and test/integration/care.
    case VERBS.digestShow:
    case VERBS.digestDismiss:
    // Issue 14 part 3: concerns name a concern or a colleague, never a request; their refusals, audit
    // rows and canaries (the raiser and the note) are covered by test/security/concerns-canaries.test.ts
    // and test/integration/concerns.
    case VERBS.concernOpen:
    case VERBS.concernRaise:
    case VERBS.concernNoticeOpen:
    case VERBS.concernNotice:
    case VERBS.concernShow:
    case VERBS.concernAcknowledge:
    case VERBS.concernRecord:
      return undefined;
    // Issue 14, workload log: "Send" on the weekly card records the clicker's own week, never names a
    // request; who sees a week's figures is covered by test/unit/features/check-ins/policy.test.ts
    // and test/integration/check-ins/workload.test.ts (and its canary test below).
    case VERBS.workloadSubmit:
    // TRiM follow-ups (issue 14, part 4) name a follow-up or a person, never a request, and store no
    // note: here they may only prove they leak none. Their own canaries: test/security/authz-trim.test.ts.
    case VERBS.trimAnswer:
    case VERBS.trimRequest:
    case VERBS.trimOffer:
    case VERBS.trimList:
    case VERBS.trimShow:
    case VERBS.trimAcknowledge:
    case VERBS.trimRecord:
    // Issue #14 part 4: the debrief names a journey, the stage discussion a person; never a request. Their
    // refusals and audit rows are covered by test/integration/journeys/walk.test.ts and
    // test/integration/care/staged-exposure.test.ts.
    case VERBS.journeyRecordDebrief:
    case VERBS.stageDiscussionHeld:
    // Issue 16 part 4: reports and the audit viewer name a report and unit or a person, never a request,
    // and show no note. Their own sweep (every actor × every report and person): test/security/authz-files.test.ts.
    case VERBS.reportsShow:
    case VERBS.reportsDownload:
    case VERBS.auditMore:
    case VERBS.auditExport:
      return undefined;
    case VERBS.declarationStatus:
      return id === undefined ? undefined : { id: idOk ? id : undefined, wellFormed: idOk };
    case VERBS.alertAssess: {
      const adj = data.adjustments;
      const adjOk =
        adj === undefined ||
        (typeof adj === 'string' &&
          adj.length <= 500 &&
          adj
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
            .every((a) => ADJUSTMENT_VALUES.includes(a)));
      const notesOk = data.notes === undefined || (typeof data.notes === 'string' && data.notes.length <= 8 * 4000); // longer than the budget reaches the rules, which refuse it holding the text
      return { id: idOk ? (id as string) : undefined, wellFormed: idOk && adjOk && notesOk };
    }
    case VERBS.alertReassign: {
      const to = data.toPersonId;
      return { id: idOk ? (id as string) : undefined, wellFormed: idOk && typeof to === 'string' && to.length >= 1 && to.length <= 64 };
    }
    case VERBS.redeploymentBook:
      return {
        id: idOk ? (id as string) : undefined,
        wellFormed: idOk && typeof data.on === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(data.on),
      };
    case VERBS.redeploymentRecord: {
      const shortText = (v: unknown, max: number) => v === undefined || (typeof v === 'string' && v.length <= max);
      return {
        id: idOk ? (id as string) : undefined,
        wellFormed: idOk && shortText(data.outcome, 40) && shortText(data.moveOn, 20) && shortText(data.destination, 8 * 120),
      };
    }
    case VERBS.declarationWithdraw:
    case VERBS.alertView:
    case VERBS.alertShowNote:
    case VERBS.alertAcknowledge:
    case VERBS.alertConfirmAccess:
    case VERBS.alertEscalate:
    // The move card and "move done" (issue #14 part 5): the department head and HR, once a move was agreed.
    case VERBS.redeploymentMoveShow:
    case VERBS.redeploymentMoveDone:
      return { id: idOk ? (id as string) : undefined, wellFormed: idOk };
    // A break that ends (issue 14, part 1): the break card and the way back name the request; only
    // the person and whoever acts for them now (or the department head) may open or act on it, a
    // subset of those who may open the request. The private screen break names nothing and no one else.
    case VERBS.stepAwayStart:
    case VERBS.stepAwayBack:
      return undefined;
    case VERBS.breakReview:
      return {
        id: idOk ? (id as string) : undefined,
        wellFormed: idOk && (data.reviewOn === undefined || (typeof data.reviewOn === 'string' && data.reviewOn.length <= 40)),
      };
    case VERBS.breakShow:
    case VERBS.breakReady:
    case VERBS.breakConfirmReturn:
    case VERBS.breakConfirmAccess:
      return { id: idOk ? (id as string) : undefined, wellFormed: idOk };
    // Issue 16 part 4, the admin card: names an outbox message at most, never a request, and shows no
    // note to anyone (only people with the admin role may open it; none of these actors has it). Its
    // refusals, audit rows and canaries: test/integration/operations/admin-card.test.ts.
    case VERBS.adminShow:
    case VERBS.adminRetry:
    case VERBS.adminResync:
      return undefined;
  }
  // A verb added to verbs.ts without a case here lands in this line: decide what it references.
  throw new Error(`authz-canaries does not know verb ${verb as string}`);
}

describe("security: authorisation (canaries in other people's requests)", function () {
  // Two more actors (the welfare lead, the TRiM practitioner) and two more requests since issue 14: about a fifth more reads.
  this.timeout(600_000);
  let t: TestHaven;
  const planted: Planted[] = [];
  const realIds: string[] = [];
  let checked = 0;
  let deniedSeen = 0;
  /** Canaries shown to people entitled to them: proves the check can see a canary at all. */
  let canariesShown = 0;

  before(async () => {
    t = await startTestHaven();
    await setUpUnit(t, Object.values(DEMO));
    // Who raises what, so every routing case is present: a supervisor's report (Sam, no cover), a
    // report of Priya (Sam is her standing cover), the trainer (whose supervisor is the department
    // head), a candidate with no supervisor, the department head herself, and someone off the roster.
    const plan: { user: DemoUser; kind: string; share: string; tellFirst?: string; alsoTellSupervisor?: string }[] = [
      { user: DEMO.alex!, kind: 'leave', share: 'supervisor' },
      { user: DEMO.bea!, kind: 'break', share: 'supervisorAndHead' },
      { user: DEMO.chris!, kind: 'talk', share: 'supervisor' },
      { user: DEMO.dev!, kind: 'break', share: 'supervisor' },
      { user: DEMO.erin!, kind: 'talk', share: 'supervisorAndHead' },
      { user: DEMO.tom!, kind: 'talk', share: 'supervisor' },
      { user: DEMO.gus!, kind: 'talk', share: 'supervisor' },
      { user: DEMO.dana!, kind: 'break', share: 'supervisorAndHead' },
      { user: STRANGER, kind: 'talk', share: 'supervisor' },
      { user: DEMO.priya!, kind: 'leave', share: 'supervisor' },
      // Issue 14 part 2: requests told to the welfare lead first, the note shared with them only, or with the head too.
      { user: DEMO.chris!, kind: 'break', share: 'supervisor', tellFirst: 'welfareLead' },
      { user: DEMO.erin!, kind: 'leave', share: 'supervisorAndHead', tellFirst: 'welfareLead', alsoTellSupervisor: 'true' },
    ];
    for (const p of plan) {
      const canary = `CANARY-${randomUUID()}`;
      const { user: _user, ...choice } = p;
      const r = await raise(t, p.user, { ...choice, note: `${canary} is what I keep seeing` });
      planted.push({ id: r.id, canary, owner: p.user });
      realIds.push(r.id);
    }
    // A request with no note, so ids without canaries are in the mix too.
    realIds.push((await raise(t, DEMO.femi!, { kind: 'talk' })).id);
    await t.tick();
    // Let the first level time out once, so some requests have reached the next level (Sam as
    // Priya's cover, the department head) and the stored roles differ from request to request.
    t.clock.advance(16 * MIN);
    await t.tick();
    await t.tick();
    // A move agreed for Alex's request to leave: HR (Hana) get its card, and may open that and nothing else.
    const alexLeave = planted.find((p) => p.owner === DEMO.alex)!.id;
    const agreed = await t.post(
      actionExecute(t.connector.url, DEMO.dana!, VERBS.redeploymentRecord, {
        declarationId: alexLeave,
        outcome: 'moveAgreed',
        moveOn: '2027-03-01',
        destination: 'Fraud Team 1',
      }),
    );
    assert.equal(agreed.status, 200);
    await t.tick();
    assert.ok(
      (await t.haven.deps.declarations.get(alexLeave))?.value.redeployment?.hrTold?.includes('hana.ito'),
      'HR were sent the move card',
    );
  });
  after(async () => t?.close());

  const rosterNow = () => loadRoster(t.haven.deps);
  const states = async () =>
    new Map(await Promise.all(realIds.map(async (id) => [id, (await t.haven.deps.declarations.get(id))?.value] as const)));

  /** Sends one card action and checks both rules; answers whether a denial was required. */
  async function check(actor: DemoUser, verb: Verb, data: Record<string, unknown>, where: 'personal' | 'channel'): Promise<void> {
    const actorId = actorIdOf(actor);
    const before = await states();
    const rosterBefore = await rosterNow();
    t.clock.advance(1); // this action's audit rows are the ones at or after this instant
    const since = t.clock.now().toISOString();
    const activity = actionExecute(t.connector.url, actor, verb, data);
    if (actor.aadObjectId === '') delete (activity.from as { aadObjectId?: string }).aadObjectId;
    const r = await t.post(where === 'channel' ? inChannel(activity) : activity);
    const after = await states();
    const rosterAfter = await rosterNow();
    const now = t.clock.now();
    const label = `${actor.name} (${actorId}) ${verb} ${JSON.stringify(data).slice(0, 160)} in ${where}`;
    assert.ok(r.status === 200, `${label}: HTTP ${r.status}`);
    const response = JSON.stringify(r.body ?? null);

    // 1. No canary of a note this actor may not read (judged on the state before or after the action).
    for (const p of planted) {
      if (!response.includes(p.canary)) continue;
      const b = before.get(p.id);
      const a = after.get(p.id);
      assert.ok(
        (b && mayReadNote(actorId, b, rosterBefore, now)) || (a && mayReadNote(actorId, a, rosterAfter, now)),
        `${label}: the answer shows the note of ${p.owner.name}'s request ${p.id}`,
      );
      canariesShown++;
    }
    // Nor, for the request the action named, the responder's headline when the actor may not open it.
    const ref = referenced(verb, data);
    const named = ref?.id ? before.get(ref.id) : undefined;
    const mayOpen = (d: Declaration | undefined) =>
      mayAccess(actorId, d, rosterBefore, now) ||
      (MOVE_VERBS.includes(verb) && mayOpenMove(actorId, d, rosterBefore)) ||
      (BREAK_VERBS.includes(verb) && mayOpenBreak(actorId, d, rosterBefore, now));
    if (named && !mayAccess(actorId, named, rosterBefore, now)) {
      assert.doesNotMatch(
        response,
        /wants to leave the unit|needs a break from viewing|would like to talk to someone/,
        `${label}: the answer describes someone else's request`,
      );
    }

    // 2. A refused access is audited; a malformed payload touches nothing, not even the audit trail.
    const rows: AuditEntry[] = await t.haven.deps.audit.list(since, '2100-01-01T00:00:00.000Z');
    if (ref && !ref.wellFormed) {
      assert.deepEqual(rows, [], `${label}: a malformed payload writes no audit row`);
      assert.match(
        response,
        /Something in that card was not right|An adjustment was not recognised/,
        `${label}: the answer says the card was not right`,
      );
    } else if (ref && ref.id && !mayOpen(before.get(ref.id))) {
      const denied = rows.filter((e) => e.outcome === 'denied' && e.actor === actorId && e.subject === `declaration:${ref.id}`);
      assert.ok(denied.length >= 1, `${label}: a refused access leaves a 'denied' audit row; rows: ${JSON.stringify(rows)}`);
      assert.ok(!rows.some((e) => e.outcome === 'ok' && e.subject === `declaration:${ref.id}`), `${label}: and nothing recorded as done`);
      deniedSeen++;
    }
    checked++;
  }

  it('every verb is covered by the model (check-ins do not exist yet)', () => {
    for (const verb of ALL_VERBS) assert.doesNotThrow(() => referenced(verb, {}), verb);
    assert.ok(planted.length >= 8);
  });

  it('reads: every actor × every request × the two read verbs, in a personal chat and in a channel', async () => {
    for (const actor of ACTORS) {
      for (const id of realIds) {
        await check(actor, VERBS.alertView, { declarationId: id }, 'personal');
        await check(actor, VERBS.declarationStatus, { declarationId: id }, 'personal');
        await check(actor, VERBS.alertView, { declarationId: id }, 'channel');
        // The move card: only HR of the unit and the department head, and only once a move was agreed.
        await check(actor, VERBS.redeploymentMoveShow, { declarationId: id }, 'personal');
        await check(actor, VERBS.breakShow, { declarationId: id }, 'personal');
      }
    }
    assert.ok(deniedSeen > 100, `denials were exercised (${deniedSeen})`);
    assert.ok(canariesShown > 20, `entitled people did see notes (${canariesShown})`);
  });

  it('spot checks of the model against the running bot: who reads which note', async () => {
    const show = async (who: DemoUser, owner: DemoUser) => {
      const p = planted.find((x) => x.owner === owner)!;
      const r = await t.post(actionExecute(t.connector.url, who, VERBS.alertView, { declarationId: p.id }));
      return JSON.stringify(r.body).includes(p.canary);
    };
    assert.equal(await show(DEMO.sam!, DEMO.alex!), true, "Sam reads his report's note");
    assert.equal(await show(DEMO.dana!, DEMO.alex!), false, 'the department head does not read a note shared with the supervisor only');
    assert.equal(await show(DEMO.dana!, DEMO.bea!), true, 'the department head reads a note shared with her');
    assert.equal(await show(DEMO.priya!, DEMO.alex!), false, "another team's supervisor reads nothing");
    assert.equal(await show(DEMO.sam!, DEMO.dev!), true, "Sam, as Priya's standing cover once alerted, reads Dev's note");
    assert.equal(await show(DEMO.dana!, STRANGER), true, 'the responder standing in for someone off the roster reads their note');
    assert.equal(await show(DEMO.alex!, DEMO.bea!), false, 'a colleague reads nothing');
    assert.equal(await show(DEMO.sam!, DEMO.dana!), false, "nobody reads the department head's own note");
    assert.equal(await show(DEMO.hana!, DEMO.alex!), false, 'HR read no note');
    const alexLeave = planted.find((x) => x.owner === DEMO.alex)!;
    const hrView = JSON.stringify(
      (await t.post(actionExecute(t.connector.url, DEMO.hana!, VERBS.alertView, { declarationId: alexLeave.id }))).body,
    );
    assert.doesNotMatch(hrView, /Alex Moreno|wants to leave/, 'HR cannot open the request itself');
    const hrMove = JSON.stringify(
      (await t.post(actionExecute(t.connector.url, DEMO.hana!, VERBS.redeploymentMoveShow, { declarationId: alexLeave.id }))).body,
    );
    assert.match(hrMove, /Fraud Team 1/, 'HR open the move card');
    assert.doesNotMatch(hrMove, new RegExp(`${alexLeave.canary}|wants to leave|viewing|assessment`), 'which says nothing of why');
    const priyaLeave = planted.find((x) => x.owner === DEMO.priya)!;
    const noMove = JSON.stringify(
      (await t.post(actionExecute(t.connector.url, DEMO.hana!, VERBS.redeploymentMoveShow, { declarationId: priyaLeave.id }))).body,
    );
    assert.match(noMove, /This is not yours to open/, 'HR open no request to leave without an agreed move');
    const showRouted = async (who: DemoUser, owner: DemoUser) => {
      const p = planted.filter((x) => x.owner === owner)[1]!;
      const r = await t.post(actionExecute(t.connector.url, who, VERBS.alertView, { declarationId: p.id }));
      return JSON.stringify(r.body).includes(p.canary);
    };
    assert.equal(await showRouted(DEMO.wes!, DEMO.chris!), true, 'the welfare lead reads the note of a request told to them first');
    assert.equal(await showRouted(DEMO.sam!, DEMO.chris!), false, 'the supervisor the officer chose not to tell reads nothing');
    assert.equal(
      await showRouted(DEMO.dana!, DEMO.chris!),
      false,
      'the department head, next in line, does not read a note not shared with her',
    );
    assert.equal(await showRouted(DEMO.dana!, DEMO.erin!), true, 'the department head reads it when shared with her');
    assert.equal(await showRouted(DEMO.priya!, DEMO.erin!), false, "Erin's supervisor reads nothing");
    assert.equal(await showRouted(DEMO.ira!, DEMO.chris!), false, 'another contact reads nothing');
  });

  it('generated actions: any verb, any actor, real, random and hostile ids, never leak and always audit a refusal', async () => {
    const realId = fc.constantFrom(...realIds);
    const hex24 = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 24, maxLength: 24 });
    const hostile = fc.oneof(
      fc.constantFrom(
        '',
        ' ',
        '/',
        '\\',
        '#',
        '?',
        '%',
        '%2F',
        '..',
        '../../etc/passwd',
        'decl-',
        'decl-../..',
        '😀',
        'decl-😀😀😀',
        '\u0000',
        'null',
        'undefined',
        '__proto__',
        "decl-000000000000000000000000' or PartitionKey ne '",
        "' or 1 eq 1 or RowKey eq '",
        'x'.repeat(10_000),
        `decl-${'0'.repeat(10_000)}`,
      ),
      realId.map((id) => id.toUpperCase()),
      realId.map((id) => `${id}/`),
      realId.map((id) => `${id}#`),
      realId.map((id) => `${id}?x=1`),
      realId.map((id) => ` ${id}`),
      realId.map((id) => `${id}\u0000`),
      realId.map((id) => `${id}\n`),
      realId.map((id) => id.slice(0, -1)),
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc.string({ minLength: 2_000, maxLength: 20_000 }),
    );
    const declarationId = fc.oneof(
      { weight: 5, arbitrary: realId },
      { weight: 2, arbitrary: hex24.map((h) => `decl-${h}`) },
      { weight: 3, arbitrary: hostile },
      {
        weight: 1,
        arbitrary: fc.oneof(
          fc.integer(),
          fc.constant(null),
          fc.boolean(),
          fc.array(realId, { maxLength: 2 }),
          realId.map((id) => ({ $eq: id })),
          realId.map((id) => ({ toString: id })),
        ),
      },
    );
    const people = [...Object.values(ROSTER_ID), 'unrostered:29:haven-test-stranger'];
    const extras = fc.record(
      {
        kind: fc.constantFrom('talk', 'break', 'leave', 'everything'),
        note: fc.constantFrom('a generated note', 'x'.repeat(2_100)),
        share: fc.constantFrom('supervisor', 'supervisorAndHead', 'everyone'),
        toPersonId: fc.oneof(fc.constantFrom(...people), fc.constantFrom('', 'x'.repeat(70), 'sam.okafor/../dana.hughes')),
        adjustments: fc.constantFrom('', 'offViewing', 'offViewing,referOH', 'bogus', 'offViewing,bogus'),
        notes: fc.constantFrom('generated assessment notes', 'x'.repeat(4_100)),
        on: fc.constantFrom('2026-12-01', 'tomorrow'),
        outcome: fc.constantFrom('moveAgreed', 'stayingWithAdjustments', 'notPossibleYet', 'bogus', ''),
        moveOn: fc.constantFrom('2027-02-01', '2020-01-01', 'soon', ''),
        destination: fc.constantFrom('Fraud Team 1', '', 'x'.repeat(130)),
        tellFirst: fc.constantFrom('supervisor', 'welfareLead', 'trimPractitioner', 'occupationalHealth', 'bogus'),
        alsoTellSupervisor: fc.constantFrom('true', 'false', 'maybe'),
        reviewOn: fc.constantFrom('2026-12-01', '2026-11-01', 'x'.repeat(50)),
      },
      { requiredKeys: [] },
    );
    const action = fc.record({
      actor: fc.constantFrom(...ACTORS),
      verb: fc.constantFrom(...ALL_VERBS),
      id: fc.option(declarationId, { nil: undefined, freq: 8 }),
      extras,
      where: fc.constantFrom('personal' as const, 'channel' as const),
    });
    await fc.assert(
      fc.asyncProperty(action, async ({ actor, verb, id, extras: x, where }) => {
        const data: Record<string, unknown> = { ...x };
        if (id !== undefined) data.declarationId = id;
        await check(actor, verb, data, where);
      }),
      // A failure prints its seed; AUTHZ_SEED replays it.
      { numRuns: 150, ...(process.env.AUTHZ_SEED ? { seed: Number(process.env.AUTHZ_SEED) } : {}) },
    );
  });

  it('after everything was sent: no message to anyone carries a note they may not read, and no channel message carries a note', async () => {
    await t.tick();
    await t.tick();
    const now = await states();
    const chatOwner = new Map(ACTORS.map((u) => [personalChatId(u), u]));
    let messages = 0;
    for (const call of t.connector.sentActivities()) {
      const body = JSON.stringify(call.body ?? null);
      messages++;
      for (const p of planted) {
        if (!body.includes(p.canary)) continue;
        const conversation = call.conversationId ?? '';
        assert.ok(!conversation.startsWith(SUPERVISOR_CHANNEL), `a channel message carries the note of ${p.owner.name}'s request`);
        const owner = chatOwner.get(conversation);
        assert.ok(owner, `a note went to an unknown conversation ${conversation}`);
        // A message goes to someone entitled when it was sent; the request may have moved on since.
        assert.ok(wasToldNote(actorIdOf(owner), now.get(p.id)!), `${owner.name} was sent the note of ${p.owner.name}'s request`);
      }
    }
    assert.ok(messages > 0);
    assert.ok(!t.logs.some((l) => planted.some((p) => JSON.stringify(l).includes(p.canary))), 'no note reaches the logs');
    assert.ok(checked > 300, `actions checked: ${checked}`);
  });
});

// Issue 14, the exposure and workload log: a week's figures reach only the person and, for a week
// they shared, their supervisor (or cover) now. Canaries are exact hours no band could produce; every
// actor tries every verb that could show figures, and the answers are scanned for them.
describe('security: authorisation (canaries in the workload log)', function () {
  this.timeout(300_000);
  let t: TestHaven;
  const PRIVATE = '137.25'; // Alex's imported hours, never shared
  const SHARED = '111.5'; // Bea's, which she shared with her supervisor
  let alexFlag = '';
  let beaFlag = '';

  before(async () => {
    t = await startTestHaven();
    await setUpUnit(t, Object.values(DEMO));
    const { summaryWeekFor, weeksBefore } = await import('../../src/features/check-ins/workload.ts');
    const { localMoment } = await import('../../src/kernel/working-time.ts');
    const { importWorkload } = await import('../../src/features/check-ins/index.ts');
    const last = summaryWeekFor(localMoment(t.clock.now()).date);
    const weeks = [2, 1, 0].map((n) => weeksBefore(last, n));
    const rows = weeks.flatMap((w) => [`alex.moreno,${w},${PRIVATE},A,no`, `bea.clarke,${w},${SHARED},B,no`]);
    // Bea's weeks are marked shared (as if she had ticked "share" on each), so the flag has shared weeks behind it.
    const first = await importWorkload(
      t.haven.deps,
      new TextEncoder().encode(['person,week,hours,categories,violent', ...rows.slice(0, 4)].join('\n')),
      'admin-cli',
      false,
    );
    assert.ok(first.ok);
    for (const w of await t.haven.deps.workloadWeeks.listForPerson('bea.clarke'))
      await t.haven.deps.workloadWeeks.save({ ...w.value, shared: true }, w.version);
    const second = await importWorkload(
      t.haven.deps,
      new TextEncoder().encode(['person,week,hours,categories,violent', ...rows.slice(4)].join('\n')),
      'admin-cli',
      false,
    );
    assert.ok(second.ok && second.flagged === 2, JSON.stringify(second));
    // (An import itself never shares: the tool's figures are not the person's choice.)
    assert.equal((await t.haven.deps.workloadWeeks.get(`workload:bea.clarke:${last}`))!.value.shared, false);
    const beaLast = (await t.haven.deps.workloadWeeks.get(`workload:bea.clarke:${last}`))!;
    await t.haven.deps.workloadWeeks.save({ ...beaLast.value, shared: true }, beaLast.version);
    const flags = (await t.haven.deps.flags.list()).map((f) => f.value);
    alexFlag = flags.find((f) => f.personId === 'alex.moreno')!.id;
    beaFlag = flags.find((f) => f.personId === 'bea.clarke')!.id;
    await t.tick();
  });
  after(async () => t?.close());

  it('every actor × every verb that could show figures: the private week shows to nobody; the shared one only to the supervisor', async () => {
    const tries: [Verb, Record<string, unknown>][] = [
      [VERBS.flagShow, { flagId: alexFlag }],
      [VERBS.flagShow, { flagId: beaFlag }],
      [VERBS.flagAcknowledge, { flagId: alexFlag }],
      [VERBS.unitOverview, {}],
      [VERBS.teamShow, {}],
      [VERBS.digestShow, {}],
      [VERBS.checkInOpen, {}],
      [VERBS.workloadSubmit, { week: '2026-W01', wlHours: 'none', wlViolent: 'no' }],
    ];
    let sharedShown = 0;
    for (const actor of [...Object.values(DEMO), STRANGER]) {
      for (const [verb, data] of tries) {
        const r = await t.post(actionExecute(t.connector.url, actor, verb, data));
        assert.equal(r.status, 200);
        const answer = JSON.stringify(r.body ?? null);
        assert.ok(!answer.includes(PRIVATE), `${actor.name} ${verb}: Alex's private figures shown`);
        if (answer.includes(SHARED)) {
          assert.equal(actor, DEMO.sam, `${actor.name} ${verb}: Bea's shared figures shown to someone other than her supervisor`);
          sharedShown++;
        }
      }
    }
    assert.ok(sharedShown >= 1, 'her supervisor did see what she shared (the scan can see a canary)');
    const sent = JSON.stringify(t.connector.calls);
    assert.ok(!sent.includes(PRIVATE) && !sent.includes(SHARED), 'no figures in anything Haven sent on its own');
    assert.ok(!JSON.stringify(t.logs).includes(PRIVATE), 'no figures in the logs');
  });
});
