// Runs a whole Haven (HTTP in, job loop, outbox, storage on Azurite, the fake Bot Connector) through
// a unit's year on a fake clock, with simulated people acting on the cards they receive. Answers the
// raw record of the year (every outbox message, every press of a button, the stored requests, flags
// and care) for sim/report.ts to measure.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importRoster } from '../src/kernel/import-roster.ts';
import { loadRoster } from '../src/kernel/load-roster.ts';
import { seededRandom } from '../bench/lib/stats.ts';
import type { OutboxMessage } from '../src/kernel/ports.ts';
import type { Roster } from '../src/kernel/types.ts';
import { addDays, instantAt, isWorkingMoment, localMoment } from '../src/kernel/working-time.ts';
import { onDutyAt, parseDutyRota } from '../src/kernel/duty-rota.ts';
import {
  actionExecute,
  botAddedToTeam,
  inChannel,
  installPersonal,
  message,
  personalChatId,
  type DemoUser,
} from '../test/support/activities.ts';
import { FakeClock } from '../test/support/clock.ts';
import { startTestHaven, type TestHaven } from '../test/support/harness.ts';
import { startEmbeddedAzurite } from '../src/storage/embedded-azurite.ts';
import {
  BREAK_EXTEND,
  REPEATABLE_VERBS,
  URGENT_VERBS,
  chooseAction,
  fillInputs,
  knownActions,
  readCard,
  withBreakChoice,
  type CardAction,
} from './actor.ts';
import { demoUnit, realisticUnit, type SimPerson, type SimUnit } from './unit.ts';

export interface SimOptions {
  days: number;
  unit: 'realistic' | 'demo';
  seed: number;
  /** Go-live day (a Monday), local date. */
  start?: string;
  say?: (line: string) => void;
}

/** One press of a button by a simulated person. */
export interface Press {
  at: string;
  personId: string;
  verb: string;
  /** The outbox message whose card carried the button (undefined for a card that came back in a turn). */
  outboxId?: string;
  /** The button did what it says (the card that came back no longer offers it). */
  took: boolean;
}

/** A card a person received that asked them to act, and what became of it. */
export interface Received {
  personId: string;
  outboxId?: string;
  arrivedAt: string;
  verbs: string[];
  firstPressAt?: string;
  /** No known button left on the card (done by them, or by someone else and updated in place). */
  settledAt?: string;
}

export interface EscalationPolicy {
  levels: { role: string; delayMinutes: number }[];
  acknowledgementTimeoutMinutes: number;
}

export interface SimRecord {
  options: { days: number; unit: string; seed: number; start: string; end: string };
  unit: SimUnit;
  roster: Roster;
  outbox: OutboxMessage[];
  presses: Press[];
  received: Received[];
  declarations: {
    id: string;
    personId: string;
    raisedAt: string;
    acknowledged?: { by: string; at: string };
    status: string;
    notified: string[];
    firstAlerted?: { personId: string; role: string };
  }[];
  flags: {
    id: string;
    personId: string;
    reason: string;
    raisedAt: string;
    acknowledgedAt?: string;
    acknowledgedBy?: string;
    resolvedAt?: string;
  }[];
  journeys: { id: string; candidateId: string; state: string }[];
  /** Breaks and requests to leave: their time off viewing and whether it ended (viewing restored). */
  breaks: {
    id: string;
    personId: string;
    kind: string;
    since: string;
    reviewOn?: string;
    readyAt?: string;
    returned?: { by: string; at: string };
    accessRestore?: string;
  }[];
  /** Whom each request was told first (issue 14): the stored choice, and who was on the routed chain first. */
  routes: { declarationId: string; tellFirst: string }[];
  concerns: {
    id: string;
    personId: string;
    category: string;
    route: string;
    openedAt: string;
    acknowledged?: { by: string; at: string };
    outcome?: { kind: string; by: string; at: string };
    firstToldId?: string;
  }[];
  trimFollowUps: { id: string; personId: string; state: string }[];
  /** Events the simulation could not carry out (a form that came back with a problem): none expected. */
  eventProblems: string[];
  policy: EscalationPolicy;
  run: { wallSeconds: number; ticks: number; urgentTicks: number; posts: number; timing: { tick: number; scan: number; act: number } };
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Buttons that book something for a later day: the person comes back to the card after it. */
const COME_BACK_AFTER: Record<string, number> = {
  'exposure.schedule': 3 * DAY,
  'attachment.offer': 8 * DAY,
  // A TRiM practitioner who said "I'll arrange it" records the follow-up once it was held, two days on.
  'trim.acknowledge': 2 * DAY,
};
/** Buttons a card still offers after they worked. */
const STAYS_OFFERED = new Set(['break.review']);
/** Local minutes of the day the job runs: 03:00 at night, then hourly 06:00 to 23:00. */
const TICK_MINUTES = [3 * 60, ...Array.from({ length: 18 }, (_, i) => (6 + i) * 60)];

interface Item extends Received {
  conversationId: string;
  activityId: string;
  card: unknown;
  dueAt: number;
  urgent: boolean;
  pressed: Set<string>;
  attempts: number;
  /** On a break's review card: set a new review date rather than go back (decided once per card, BREAK_EXTEND). */
  extend: boolean;
}

function userOf(p: SimPerson): DemoUser {
  return { id: p.teamsUserId, aadObjectId: p.aadObjectId, name: p.name };
}

function loadPolicy(unitId: string): EscalationPolicy {
  const own = join('data/escalation', `${unitId}.json`);
  return JSON.parse(readFileSync(existsSync(own) ? own : 'data/escalation/default.json', 'utf8')) as EscalationPolicy;
}

export async function simulate(options: SimOptions): Promise<SimRecord> {
  const started = Date.now();
  const say = options.say ?? (() => {});
  const start = options.start ?? '2027-01-04';
  const end = addDays(start, options.days);
  const unit = options.unit === 'demo' ? demoUnit(options.seed, start, options.days) : realisticUnit(options.seed, start, options.days);
  const rnd = seededRandom(options.seed ^ 0x5eed);
  const between = (lo: number, hi: number) => lo + rnd() * (hi - lo);
  const dir = mkdtempSync(join(tmpdir(), 'haven-sim-'));
  const rosterFile = join(dir, 'roster.csv');
  writeFileSync(rosterFile, unit.rosterCsv);
  // The unit's confidential contacts (welfare lead, TRiM practitioner…): the realistic unit's file is
  // written next to its roster; the demo unit uses the repository's data/contacts/unit-2.json.
  const contactsDir = unit.contactsJson ? join(dir, 'contacts') : 'data/contacts';
  if (unit.contactsJson) {
    mkdirSync(contactsDir, { recursive: true });
    writeFileSync(join(contactsDir, `${unit.unitId}.json`), unit.contactsJson);
  }
  // Issue 16 (rotas): the unit's duty rota, written next to its roster (the demo unit uses the repository's).
  const dutyRotaDir = unit.dutyRotaJson ? join(dir, 'duty-rota') : 'data/duty-rota';
  if (unit.dutyRotaJson) {
    mkdirSync(dutyRotaDir, { recursive: true });
    writeFileSync(join(dutyRotaDir, `${unit.unitId}.json`), unit.dutyRotaJson);
  }
  const dutyRota = (() => {
    const file = join(dutyRotaDir, `${unit.unitId}.json`);
    if (!existsSync(file)) return undefined;
    const parsed = parseDutyRota(JSON.parse(readFileSync(file, 'utf8')), file);
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    return parsed.rota;
  })();
  // Azurite in memory: on disk the emulator saves its whole database every few seconds, a pause that
  // grows with a year's rows (bench/inbound/haven-server.ts). The tables, queries and ETags are the same.
  const azurite = await startEmbeddedAzurite();
  const t: TestHaven = await startTestHaven({
    clock: new FakeClock(instantAt(start, 5 * 60)),
    env: {
      HAVEN_CARE_FROM: start,
      HAVEN_DEMO_ROSTER: rosterFile,
      HAVEN_CONTACTS_DIR: contactsDir,
      HAVEN_DUTY_ROTA_DIR: dutyRotaDir,
      HAVEN_STORAGE_CONNECTION_STRING: azurite.connectionString,
    },
    care: true,
    logLevel: 'warn',
  });
  const byId = new Map(unit.people.map((p) => [p.id, p]));
  const byChat = new Map(unit.people.map((p) => [personalChatId(userOf(p)), p]));
  const presses: Press[] = [];
  /** Which card each press was on; mapped to outbox ids once, at the end (listing the outbox per tick is slow). */
  const pressedOn = new Map<Press, Item>();
  const items: Item[] = [];
  const byActivity = new Map<string, Item>();
  let scanned = 0;
  let roster: Roster = await loadRoster(t.haven.deps);
  let ticks = 0;
  let urgentTicks = 0;
  let posts = 0;
  const timing = { tick: 0, scan: 0, act: 0 };
  const eventProblems: string[] = [];

  const post = async (activity: unknown) => {
    posts++;
    return t.post(activity);
  };
  try {
    for (const p of unit.people) if (!p.joinsOn) await post(installPersonal(t.connector.url, userOf(p)));
    const head = unit.people.find((p) => p.roles.includes('departmentHead'))!;
    await post(botAddedToTeam(t.connector.url, userOf(head)));
    await post(inChannel(message(t.connector.url, userOf(head), 'hello')));

    const now = () => t.clock.now();
    const today = () => localMoment(now()).date;
    const dayIndex = () => Math.round((Date.parse(`${today()}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY);

    /** Cards delivered since the last look: each is an item in someone's chat. */
    async function scan(): Promise<void> {
      const calls = t.connector.calls;
      for (; scanned < calls.length; scanned++) {
        const c = calls[scanned]!;
        if (c.status < 200 || c.status >= 300 || !c.conversationId) continue;
        const person = byChat.get(c.conversationId);
        const card = (c.body as { attachments?: { content?: unknown }[] } | undefined)?.attachments?.[0]?.content;
        if (c.operation === 'updateActivity' && c.activityId) {
          const item = byActivity.get(`${c.conversationId}|${c.activityId}`);
          if (item && card) item.card = card;
          continue;
        }
        if (c.operation !== 'sendToConversation' || !person || !card) continue;
        const activityId = (c.responseBody as { id?: string } | undefined)?.id;
        if (!activityId) continue;
        const acts = knownActions(card);
        if (!acts.length) continue;
        const urgent = acts.some((a) => URGENT_VERBS.has(a.verb));
        const item: Item = {
          personId: person.id,
          conversationId: c.conversationId,
          activityId,
          arrivedAt: now().toISOString(),
          verbs: [...new Set(acts.map((a) => a.verb))],
          card,
          dueAt: dueFor(person, acts[0]!.verb, urgent),
          urgent,
          pressed: new Set(),
          attempts: 0,
          extend: rnd() < BREAK_EXTEND,
        };
        items.push(item);
        byActivity.set(`${c.conversationId}|${activityId}`, item);
      }
    }

    function dueFor(p: SimPerson, verb: string, urgent: boolean): number {
      const at = now().getTime();
      if (verb === 'checkIn.submit') {
        if (p.checkIns === 'never') return Infinity;
        return at + (p.checkIns === 'onTime' ? between(0, 4) * HOUR : between(1.5, 5) * DAY);
      }
      if (p.pace === 'never') return Infinity;
      if (urgent) return at + between(...(p.urgentMinutes ?? [5, 25])) * MIN;
      return at + (p.pace === 'prompt' ? between(0, 6) * HOUR : between(2, 6) * DAY);
    }

    const unrecordedAway = (p: SimPerson) =>
      unit.unrecordedAbsences.some((a) => a.personId === p.id && a.from <= today() && today() <= a.to);
    /** At work now, or (for an urgent alert) on their phone off duty half the time. */
    const reachable = (p: SimPerson, item: Item) => {
      const person = roster.people.find((x) => x.id === p.id);
      if (!person || unrecordedAway(p)) return false;
      if (isWorkingMoment(person.workingPattern, roster.absences, p.id, now())) return true;
      // Issue 16 (rotas): a duty sergeant or inspector on duty answers an urgent alert as if at work.
      const duty = onDutyAt(dutyRota, now());
      if (item.urgent && duty && (duty.sergeantId === p.id || duty.inspectorId === p.id)) return true;
      return item.urgent && rnd() < 0.5;
    };

    /** The buttons still to press on this card, as this person chooses between going back and extending a break. */
    function offered(item: Item): CardAction[] {
      return withBreakChoice(
        knownActions(item.card).filter((a) => !item.pressed.has(`${a.verb}|${JSON.stringify(a.data)}`)),
        item.extend,
      );
    }

    async function press(item: Item): Promise<void> {
      const p = byId.get(item.personId)!;
      const low = p.lowFromDay !== undefined && dayIndex() >= p.lowFromDay && dayIndex() < p.lowFromDay + 28;
      for (let n = 0; n < 40; n++) {
        const remaining = offered(item);
        const action = chooseAction(remaining);
        if (!action) {
          item.settledAt ??= now().toISOString();
          return;
        }
        const key = `${action.verb}|${JSON.stringify(action.data)}`;
        const inputs = fillInputs(readCard(item.card).inputs, { today: today(), low });
        const r = await post(actionExecute(t.connector.url, userOf(p), action.verb, { ...inputs, ...action.data }, item.activityId));
        const back = r.status === 200 && r.body?.type === 'application/vnd.microsoft.card.adaptive' ? r.body.value : undefined;
        const stillOffered = back && knownActions(back).some((a) => `${a.verb}|${JSON.stringify(a.data)}` === key);
        // "Set review date" stays on a break's card once used: it took when the card came back changed (the new date).
        const took =
          r.status === 200 &&
          !!back &&
          (STAYS_OFFERED.has(action.verb) ? JSON.stringify(back) !== JSON.stringify(item.card) : !stillOffered);
        presses.push({ at: now().toISOString(), personId: p.id, verb: action.verb, took });
        pressedOn.set(presses[presses.length - 1]!, item);
        item.firstPressAt ??= now().toISOString();
        if (!back) {
          // No card came back (an error): they try again another day, a few times.
          item.attempts++;
          item.dueAt = item.attempts >= 5 ? Infinity : now().getTime() + DAY;
          return;
        }
        // A button is pressed once per card: a refusal (the card still offers it) is recorded, not retried for ever.
        item.pressed.add(key);
        // Going back to the list is possible again once something on it was done.
        if (took && !REPEATABLE_VERBS.has(action.verb))
          for (const k of [...item.pressed]) if (REPEATABLE_VERBS.has(k.split('|')[0]!)) item.pressed.delete(k);
        if (knownActions(back).length || took) item.card = back;
        const later = COME_BACK_AFTER[action.verb];
        if (later) {
          // Booked something for a later day (a controlled exposure): they come back to the card after it.
          item.dueAt = now().getTime() + later;
          return;
        }
      }
    }

    async function actors(): Promise<boolean> {
      let acted = false;
      for (const item of items) {
        if (item.settledAt || item.dueAt > now().getTime()) continue;
        if (!offered(item).length) {
          item.settledAt = now().toISOString();
          continue;
        }
        if (!reachable(byId.get(item.personId)!, item)) continue;
        await press(item);
        acted = true;
      }
      return acted;
    }

    async function raise(e: SimUnit['raises'][number]): Promise<void> {
      const p = byId.get(e.personId)!;
      const before = t.connector.calls.length;
      await post(message(t.connector.url, userOf(p), 'not okay'));
      const form = t.connector.calls
        .slice(before)
        .map((c) => (c.body as { attachments?: { content?: unknown }[] } | undefined)?.attachments?.[0]?.content)
        .find((card) => readCard(card).actions.some((a) => a.verb === 'declaration.raise'));
      const action = readCard(form).actions.find((a) => a.verb === 'declaration.raise');
      const inputs = fillInputs(readCard(form).inputs, { today: today(), low: true });
      // Whom to tell first (issue 14); a break's review date left to the default (one working day on).
      const choice = { kind: e.kind, tellFirst: e.tellFirst ?? 'supervisor', reviewOn: '' };
      const r = await post(actionExecute(t.connector.url, userOf(p), 'declaration.raise', { ...inputs, ...action?.data, ...choice }));
      // The confirmation replaces the form; a form that comes back carries a problem: recorded, never silent.
      if (r.status !== 200 || !r.body?.value || readCard(r.body.value).actions.some((a) => a.verb === 'declaration.raise'))
        eventProblems.push(`"I'm not okay" by ${e.personId} on ${e.date} (${e.kind}, told first: ${choice.tellFirst}) was not sent`);
    }

    /** "I'm concerned about a colleague": type it, choose the colleague and what it is about, send. */
    async function raiseConcern(e: SimUnit['concerns'][number]): Promise<void> {
      const p = byId.get(e.raiserId)!;
      const before = t.connector.calls.length;
      await post(message(t.connector.url, userOf(p), "I'm concerned about a colleague"));
      const form = t.connector.calls
        .slice(before)
        .map((c) => (c.body as { attachments?: { content?: unknown }[] } | undefined)?.attachments?.[0]?.content)
        .find((card) => readCard(card).actions.some((a) => a.verb === 'concern.raise'));
      const { inputs, actions } = readCard(form);
      const about = inputs.find((i) => i.id === 'personId');
      if (!form || !about?.choices.includes(e.aboutId)) {
        eventProblems.push(
          `a concern by ${e.raiserId} about ${e.aboutId} on ${e.date}: ${form ? 'the colleague is not on the form' : 'no form'}`,
        );
        return;
      }
      const filled = fillInputs(inputs, { today: today(), low: false });
      const data = { ...filled, ...actions.find((a) => a.verb === 'concern.raise')!.data, personId: e.aboutId, category: e.category };
      const r = await post(actionExecute(t.connector.url, userOf(p), 'concern.raise', data));
      if (r.status !== 200 || !r.body?.value || readCard(r.body.value).actions.some((a) => a.verb === 'concern.raise'))
        eventProblems.push(`a concern by ${e.raiserId} about ${e.aboutId} on ${e.date} was not sent`);
    }

    async function urgentOpen(): Promise<boolean> {
      const open = await t.haven.deps.declarations.listOpen();
      return open.some((d) => d.value.status === 'open' && now().getTime() - Date.parse(d.value.raisedAt) < DAY);
    }

    async function tick(): Promise<void> {
      ticks++;
      const a = Date.now();
      await t.tick();
      timing.tick += Date.now() - a;
      const b = Date.now();
      await scan();
      timing.scan += Date.now() - b;
      const c = Date.now();
      const acted = await actors();
      timing.act += Date.now() - c;
      if (acted) {
        await t.tick();
        await scan();
      }
    }

    const events: { at: number; run: () => Promise<void> }[] = [];
    for (const e of unit.raises) events.push({ at: instantAt(e.date, e.minute).getTime(), run: () => raise(e) });
    for (const e of unit.concerns) events.push({ at: instantAt(e.date, e.minute).getTime(), run: () => raiseConcern(e) });
    for (const j of unit.journeys) {
      events.push({
        at: instantAt(j.openOn, 10 * 60).getTime(),
        run: async () => {
          const opener = byId.get(j.openedBy)!;
          const r = await post(
            actionExecute(t.connector.url, userOf(opener), 'journey.open', {
              candidateId: j.candidateId,
              trainerId: j.trainerId,
              unitId: unit.unitId,
              plannedStartDate: j.plannedStartDate,
            }),
          );
          // The card that came back is in the opener's chat like any other: they act on what it offers.
          const card = r.body?.value;
          const acts = knownActions(card);
          if (acts.length)
            items.push({
              personId: opener.id,
              conversationId: personalChatId(userOf(opener)),
              activityId: 'card-1',
              arrivedAt: now().toISOString(),
              verbs: [...new Set(acts.map((a) => a.verb))],
              card,
              dueAt: dueFor(opener, acts[0]!.verb, false),
              urgent: false,
              pressed: new Set(),
              attempts: 0,
              extend: false,
            });
        },
      });
    }
    for (const p of unit.people.filter((x) => x.joinsOn))
      events.push({
        at: instantAt(p.joinsOn!, 9 * 60).getTime(),
        run: async () => {
          const r = await importRoster(t.haven.deps, unit.rosterOn(p.joinsOn!), 'admin-cli');
          if (!r.ok) throw new Error(`the joiners' roster does not load: ${JSON.stringify(r.problems).slice(0, 300)}`);
          roster = await loadRoster(t.haven.deps);
          await post(installPersonal(t.connector.url, userOf(p)));
        },
      });
    for (const b of unit.blocks)
      events.push({
        at: instantAt(b.from, 0).getTime(),
        run: async () => t.connector.blockConversation(personalChatId(userOf(byId.get(b.personId)!))),
      });
    events.sort((a, b) => a.at - b.at);

    const endAt = instantAt(end, 0).getTime();
    const scheduled: number[] = [];
    for (let d = 0; d < options.days; d++) for (const m of TICK_MINUTES) scheduled.push(instantAt(addDays(start, d), m).getTime());
    let next = 0;
    let urgentUntil = 0;
    let cursor = scheduled[0]!;
    let lastDay = '';
    while (cursor < endAt) {
      t.clock.set(new Date(cursor).toISOString());
      while (events.length && events[0]!.at <= cursor) await events.shift()!.run();
      await tick();
      if (await urgentOpen()) urgentUntil = cursor + 5 * MIN;
      if (today() !== lastDay && today().endsWith('-01')) say(`${today()}: ${ticks} ticks, ${presses.length} presses`);
      lastDay = today();
      while (next < scheduled.length && scheduled[next]! <= cursor) next++;
      const nextScheduled = next < scheduled.length ? scheduled[next]! : endAt;
      const nextEvent = events[0]?.at ?? Infinity;
      let to = Math.min(nextScheduled, nextEvent);
      if (urgentUntil > cursor) {
        to = Math.min(to, cursor + 5 * MIN);
        urgentTicks++;
      }
      cursor = to;
    }

    const outbox = (await t.haven.outbox.list()).map((m) => m.value);
    const outboxIdOf = new Map(
      outbox.filter((m) => m.activityId && m.conversationId).map((m) => [`${m.conversationId}|${m.activityId}`, m.id]),
    );
    for (const i of items) i.outboxId = outboxIdOf.get(`${i.conversationId}|${i.activityId}`);
    for (const [press, item] of pressedOn) press.outboxId = item.outboxId;
    const stored = (await t.haven.deps.declarations.list()).map(({ value }) => value);
    const breaks = stored
      .filter((d) => d.kind !== 'talk')
      .map((d) => ({
        id: d.id,
        personId: d.personId,
        kind: d.kind,
        since: d.offViewing?.since ?? d.raisedAt,
        reviewOn: d.offViewing?.reviewOn,
        readyAt: d.offViewing?.ready?.at,
        returned: d.offViewing?.returned,
        accessRestore: d.offViewing?.accessRestore,
      }));
    const routes = stored.map((d) => ({ declarationId: d.id, tellFirst: d.route?.tellFirst ?? 'supervisor' }));
    const concerns = (await t.haven.deps.concerns.list()).map(({ value: c }) => ({
      id: c.id,
      personId: c.personId,
      category: c.category,
      route: c.route,
      openedAt: c.openedAt,
      acknowledged: c.acknowledged,
      outcome: c.outcome,
      firstToldId: c.notices[0]?.personId,
    }));
    const trimFollowUps = (await t.haven.deps.trimFollowUps.list()).map(({ value: f }) => ({
      id: f.id,
      personId: f.personId,
      state: f.outcome?.value ?? (f.lapsedAt ? 'lapsed' : f.answer ? f.answer.value : f.asked ? 'asked' : 'toAsk'),
    }));
    const declarations = stored.map((d) => ({
      id: d.id,
      personId: d.personId,
      raisedAt: d.raisedAt,
      acknowledged: d.acknowledged,
      status: d.status,
      notified: d.notified,
      // Issue 16 (rotas): who was alerted first, and in which role (e.g. dutySergeant out of hours).
      firstAlerted: d.timeline.find((e) => e.event === 'alerted') && {
        personId: d.timeline.find((e) => e.event === 'alerted')!.personId!,
        role: d.timeline.find((e) => e.event === 'alerted')!.detail ?? '',
      },
    }));
    const flags = (await t.haven.deps.flags.list()).map(({ value: f }) => ({
      id: f.id,
      personId: f.personId,
      reason: f.reason,
      raisedAt: f.openedAt,
      acknowledgedAt: f.acknowledged?.at,
      acknowledgedBy: f.acknowledged?.by,
      resolvedAt: f.resolved?.at,
    }));
    const journeys = (await t.haven.deps.journeys.list()).map(({ value: j }) => ({ id: j.id, candidateId: j.candidateId, state: j.state }));
    roster = await loadRoster(t.haven.deps);
    return {
      options: { days: options.days, unit: unit.name, seed: options.seed, start, end },
      unit,
      roster,
      outbox,
      presses,
      received: items.map(({ personId, outboxId, arrivedAt, verbs, firstPressAt, settledAt }) => ({
        personId,
        outboxId,
        arrivedAt,
        verbs,
        firstPressAt,
        settledAt,
      })),
      declarations,
      flags,
      journeys,
      breaks,
      routes,
      concerns,
      trimFollowUps,
      eventProblems,
      policy: loadPolicy(unit.unitId),
      run: { wallSeconds: Math.round((Date.now() - started) / 1000), ticks, urgentTicks, posts, timing },
    };
  } finally {
    await t.close();
    await azurite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
