// Measures a simulated year (sim/simulate.ts) the way the unit lived it: per role and per person,
// cards and text messages received per week, how many asked for an action, how many repeated
// something already sent, how long every request and flag waited for someone, what was never acted
// on, what arrived outside working time; and the budget verdict of issue 13.
import { isWorkingMoment, localMoment } from '../src/kernel/working-time.ts';
import type { OutboxMessage } from '../src/kernel/ports.ts';
import { knownActions, readCard } from './actor.ts';
import type { SimRecord } from './simulate.ts';

/** At most this many non-urgent cards a week to a supervisor or department head (issue 13's budget). */
export const WEEKLY_CARD_BUDGET = 7;
/** An unreachable-person notice has no minute-level policy (it reaches the supervisor at their next working moment): it must reach someone within this. */
export const UNREACHABLE_NOTICE_BOUND_HOURS = 72;
const BUDGETED_ROLES = new Set(['supervisor', 'departmentHead']);

export interface Spread {
  median: number;
  max: number;
  total: number;
}

export interface PersonFigures {
  personId: string;
  name: string;
  role: string;
  reports: number;
  /** Per week: cards (sends, not in-place updates), text-only messages, non-urgent cards. */
  cardsPerWeek: Spread;
  textsPerWeek: Spread;
  nonUrgentCardsPerWeek: Spread;
  urgentCards: number;
  neededAction: number;
  repeats: number;
  neverActedOn: number;
  outsideWorkingTime: number;
  /** Non-urgent cards in each week of the run, in order. */
  weeks: number[];
}

export interface RoleFigures {
  role: string;
  people: number;
  cardsPerWeek: Spread;
  textsPerWeek: Spread;
  nonUrgentCardsPerWeek: Spread;
  neededAction: number;
  repeats: number;
  neverActedOn: number;
}

export interface RequestFigures {
  id: string;
  kind: 'request' | 'flag';
  /** For flags: the reason; for requests: "I'm not okay". */
  what: string;
  personId: string;
  raisedAt: string;
  urgent: boolean;
  firstReachedAt?: string;
  firstReached?: string;
  minutesToReach?: number;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  minutesToAcknowledge?: number;
  /** The bound it was measured against, in minutes (urgent items only). */
  boundMinutes?: number;
}

export interface Breach {
  kind: 'nonUrgentCards' | 'urgentLate';
  personId: string;
  detail: string;
  week?: number;
  count?: number;
}

/** A break (or request to leave) and how its time off viewing ended. */
export interface BreakFigures {
  id: string;
  personId: string;
  kind: string;
  since: string;
  reviewOn?: string;
  readyAt?: string;
  /** Viewing restored: the return agreed by both (the person ready, whoever acts for them confirming). */
  returnedAt?: string;
  returnedBy?: string;
  /** Days from the start of the break to the agreed return. */
  days?: number;
}

/** A request whose person chose to tell the welfare lead first, and whether the welfare lead acted in time. */
export interface ToldFirstFigures {
  id: string;
  personId: string;
  raisedAt: string;
  firstReached?: string;
  firstReachedWelfareLead: boolean;
  acknowledgedBy?: string;
  minutesToAcknowledge?: number;
  /** Acknowledged by the welfare lead within the first level's delay (before anyone else was told). */
  welfareLeadInTime: boolean;
  boundMinutes: number;
}

/** A concern about a colleague and what became of it. */
export interface ConcernFigures {
  id: string;
  personId: string;
  category: string;
  openedAt: string;
  firstTold?: string;
  acknowledgedBy?: string;
  hoursToAcknowledge?: number;
  /** The welfare conversation was recorded (held, offered or not needed). */
  handled: boolean;
  outcome?: string;
  daysToHandle?: number;
}

export interface SimReport {
  about: string;
  options: SimRecord['options'];
  run: SimRecord['run'];
  notes: string[];
  totals: {
    people: number;
    outboxMessages: number;
    sends: number;
    updates: number;
    delivered: number;
    urgentSends: number;
    presses: number;
    pressesRefused: number;
  };
  roles: RoleFigures[];
  people: PersonFigures[];
  requests: RequestFigures[];
  neverActedOn: { personId: string; outboxId?: string; purpose?: string; arrivedAt: string; verbs: string[] }[];
  outsideWorkingTime: { personId: string; outboxId: string; purpose: string; at: string; urgent: boolean }[];
  /** Messages to a person that never reached them, other than to someone who blocked the app. */
  lost: { outboxId: string; purpose: string; status: string; personId: string }[];
  journeys: SimRecord['journeys'];
  /** Issue 14, choices and ways back: breaks that end, requests told first to the welfare lead, concerns about a colleague. */
  waysBack: {
    breaks: { raised: number; ended: number; stillOff: number; daysToEnd: number[]; items: BreakFigures[] };
    toldWelfareLeadFirst: { requests: number; reachedWelfareLeadFirst: number; welfareLeadInTime: number; items: ToldFirstFigures[] };
    concerns: { raised: number; acknowledged: number; handled: number; items: ConcernFigures[] };
    /** TRiM follow-ups by how they stand (asked, yes, notNow, held, notArranged, lapsed…). */
    trimFollowUps: Record<string, number>;
    /** Events the simulation could not carry out (a form that came back with a problem). */
    eventProblems: string[];
  };
  verdict: {
    /** No supervisor or department head got more than WEEKLY_CARD_BUDGET non-urgent cards in any week. */
    budgetHolds: boolean;
    /** Every urgent item reached someone within its escalation policy. */
    urgentInTime: boolean;
    holds: boolean;
    breaches: Breach[];
  };
  /** The figures compared before and after the digest (issue 13's closing note). */
  headline: {
    perRole: { role: string; median: number; max: number }[];
    busiestSupervisor: { personId: string; reports: number; maxWeek: number; medianWeek: number } | undefined;
    breaches: number;
  };
}

const median = (xs: number[]) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const spread = (xs: number[]): Spread => ({
  median: median(xs),
  max: xs.length ? Math.max(...xs) : 0,
  total: xs.reduce((a, b) => a + b, 0),
});
const minutesBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 60_000);

/** Urgent: an "I'm not okay" alert, its escalations and card updates (declaration.* on the alert lane), and unreachable-person notices. */
export function isUrgent(m: Pick<OutboxMessage, 'purpose' | 'lane' | 'id'>, unreachableFlags: ReadonlySet<string>): boolean {
  if (m.purpose.startsWith('declaration.') && m.lane === 'alert') return true;
  const flag = /^flag:(.+):\d+:\d+$/.exec(m.id)?.[1];
  return m.purpose === 'flag.notice' && !!flag && unreachableFlags.has(flag);
}

/** What a message is about, so a second message with the same purpose and subject to the same person counts as a repeat. */
export function subjectOf(m: OutboxMessage): string | undefined {
  const care = /^care:([^:]+):([^:]+):(\d{4}-\d{2}-\d{2})/.exec(m.id);
  if (care) return `care:${care[1]}:${care[2]}:${care[3]}`;
  const flag = /^flag:(.+):\d+:\d+$/.exec(m.id);
  if (flag) return `flag:${flag[1]}`;
  const decl = /^(decl-[0-9a-f]+)/.exec(m.id);
  if (decl) return `declaration:${decl[1]}`;
  if (m.purpose === 'team.weekly' || m.purpose === 'team.span') return undefined; // a regular summary, not a repeat
  const action = knownActions(m.activity.card)[0];
  if (!action) return undefined;
  const keys = Object.entries(action.data).filter(([k]) => /Id$|^item$/.test(k) && k !== 'verb');
  return keys.length ? keys.map(([k, v]) => `${k}=${String(v)}`).join('&') : undefined;
}

/** The subject of every line of a digest card (each line's buttons carry its ids). */
export function digestLineSubjects(m: OutboxMessage): string[] {
  const subjects = new Set<string>();
  for (const a of readCard(m.activity.card).actions) {
    const keys = Object.entries(a.data).filter(([k]) => /Id$|^item$|^trayKey$/.test(k) && k !== 'verb');
    const tray = keys.find(([k]) => k === 'trayKey');
    if (tray) subjects.add(String(tray[1]));
    else if (keys.length) subjects.add(keys.map(([k, v]) => `${k}=${String(v)}`).join('&'));
  }
  return [...subjects];
}

export function buildReport(r: SimRecord): SimReport {
  const weeks = Math.max(1, Math.ceil(r.options.days / 7));
  const weekOf = (iso: string) =>
    Math.min(
      weeks - 1,
      Math.max(
        0,
        Math.floor(
          (Date.parse(`${localMoment(new Date(iso)).date}T00:00:00Z`) - Date.parse(`${r.options.start}T00:00:00Z`)) / (7 * 86_400_000),
        ),
      ),
    );
  const unreachableFlags = new Set(r.flags.filter((f) => f.reason === 'unreachable').map((f) => f.id));
  const blocked = new Set(r.unit.blocks.map((b) => b.personId));
  const toPerson = r.outbox.filter((m) => m.target.kind === 'person');
  const sends = toPerson.filter((m) => m.operation === 'send');
  const delivered = sends.filter((m) => m.status === 'sent');
  const at = (m: OutboxMessage) => m.sentAt ?? m.createdAt;
  const personOf = (m: OutboxMessage) => (m.target.kind === 'person' ? m.target.personId : '');
  const people = r.roster.people;
  const reports = (id: string) => people.filter((p) => p.supervisorId === id).length;

  const seen = new Set<string>();
  const isRepeat = new Map<string, boolean>();
  for (const m of [...delivered].sort((a, b) => at(a).localeCompare(at(b)))) {
    if (m.purpose === 'digest') {
      // A digest holds many lines: it repeats only when every line on it was on an earlier digest to
      // the same person (a weekly digest re-showing what is still open, "overdue since …").
      const lines = digestLineSubjects(m);
      isRepeat.set(m.id, lines.length > 0 && lines.every((l) => seen.has(`${personOf(m)}|digest|${l}`)));
      for (const l of lines) seen.add(`${personOf(m)}|digest|${l}`);
      continue;
    }
    const s = subjectOf(m);
    const key = `${personOf(m)}|${m.purpose}|${s}`;
    isRepeat.set(m.id, !!s && seen.has(key));
    if (s) seen.add(key);
  }

  const outside: SimReport['outsideWorkingTime'] = [];
  for (const m of delivered) {
    const p = people.find((x) => x.id === personOf(m));
    if (p && !isWorkingMoment(p.workingPattern, r.roster.absences, p.id, new Date(at(m))))
      outside.push({ personId: p.id, outboxId: m.id, purpose: m.purpose, at: at(m), urgent: isUrgent(m, unreachableFlags) });
  }

  const never: SimReport['neverActedOn'] = r.received
    .filter((x) => !x.firstPressAt && !x.settledAt)
    .map((x) => ({
      personId: x.personId,
      outboxId: x.outboxId,
      purpose: r.outbox.find((m) => m.id === x.outboxId)?.purpose,
      arrivedAt: x.arrivedAt,
      verbs: x.verbs,
    }));

  const personFigures: PersonFigures[] = people.map((p) => {
    const mine = delivered.filter((m) => personOf(m) === p.id);
    const perWeek = (pred: (m: OutboxMessage) => boolean) => {
      const w = new Array<number>(weeks).fill(0);
      for (const m of mine) if (pred(m)) w[weekOf(at(m))]!++;
      return w;
    };
    const nonUrgent = perWeek((m) => !!m.activity.card && !isUrgent(m, unreachableFlags));
    return {
      personId: p.id,
      name: p.name,
      role: p.roles[0] ?? 'none',
      reports: reports(p.id),
      cardsPerWeek: spread(perWeek((m) => !!m.activity.card)),
      textsPerWeek: spread(perWeek((m) => !m.activity.card)),
      nonUrgentCardsPerWeek: spread(nonUrgent),
      urgentCards: mine.filter((m) => m.activity.card && isUrgent(m, unreachableFlags)).length,
      neededAction: mine.filter((m) => knownActions(m.activity.card).length > 0).length,
      repeats: mine.filter((m) => isRepeat.get(m.id)).length,
      neverActedOn: never.filter((x) => x.personId === p.id).length,
      outsideWorkingTime: outside.filter((x) => x.personId === p.id).length,
      weeks: nonUrgent,
    };
  });

  const roleNames = [...new Set(personFigures.map((p) => p.role))].sort();
  const roles: RoleFigures[] = roleNames.map((role) => {
    const ps = personFigures.filter((p) => p.role === role);
    const weeksOf = (k: 'cardsPerWeek' | 'textsPerWeek' | 'nonUrgentCardsPerWeek') =>
      ps.flatMap((p) => {
        const mine = delivered.filter((m) => personOf(m) === p.personId);
        const w = new Array<number>(weeks).fill(0);
        for (const m of mine) {
          const card = !!m.activity.card;
          if (k === 'cardsPerWeek' ? card : k === 'textsPerWeek' ? !card : card && !isUrgent(m, unreachableFlags)) w[weekOf(at(m))]!++;
        }
        return w;
      });
    return {
      role,
      people: ps.length,
      cardsPerWeek: spread(weeksOf('cardsPerWeek')),
      textsPerWeek: spread(weeksOf('textsPerWeek')),
      nonUrgentCardsPerWeek: spread(weeksOf('nonUrgentCardsPerWeek')),
      neededAction: ps.reduce((a, p) => a + p.neededAction, 0),
      repeats: ps.reduce((a, p) => a + p.repeats, 0),
      neverActedOn: ps.reduce((a, p) => a + p.neverActedOn, 0),
    };
  });

  const firstDelivery = (prefix: string, pred: (m: OutboxMessage) => boolean) =>
    delivered.filter((m) => m.id.startsWith(prefix) && pred(m)).sort((a, b) => at(a).localeCompare(at(b)))[0];
  const bound = r.policy.levels[0]?.delayMinutes ?? 15;
  const requests: RequestFigures[] = [
    ...r.declarations.map((d) => {
      const first = firstDelivery(d.id, (m) => m.purpose === 'declaration.alert' || m.purpose === 'declaration.redeployment');
      return {
        id: d.id,
        kind: 'request' as const,
        what: "I'm not okay",
        personId: d.personId,
        raisedAt: d.raisedAt,
        urgent: true,
        firstReachedAt: first && at(first),
        firstReached: first && personOf(first),
        minutesToReach: first && minutesBetween(d.raisedAt, at(first)),
        acknowledgedAt: d.acknowledged?.at,
        acknowledgedBy: d.acknowledged?.by,
        minutesToAcknowledge: d.acknowledged && minutesBetween(d.raisedAt, d.acknowledged.at),
        boundMinutes: bound,
      };
    }),
    ...r.flags.map((f) => {
      const first = firstDelivery(`flag:${f.id}:`, () => true);
      const urgent = f.reason === 'unreachable';
      return {
        id: f.id,
        kind: 'flag' as const,
        what: f.reason,
        personId: f.personId,
        raisedAt: f.raisedAt,
        urgent,
        firstReachedAt: first && at(first),
        firstReached: first && personOf(first),
        minutesToReach: first && minutesBetween(f.raisedAt, at(first)),
        acknowledgedAt: f.acknowledgedAt,
        acknowledgedBy: f.acknowledgedBy,
        minutesToAcknowledge: f.acknowledgedAt ? minutesBetween(f.raisedAt, f.acknowledgedAt) : undefined,
        boundMinutes: urgent ? UNREACHABLE_NOTICE_BOUND_HOURS * 60 : undefined,
      };
    }),
  ].sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));

  const days1 = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 864_000) / 100;
  const breakItems: BreakFigures[] = r.breaks
    .filter((b) => b.kind === 'break')
    .map((b) => ({
      id: b.id,
      personId: b.personId,
      kind: b.kind,
      since: b.since,
      reviewOn: b.reviewOn,
      readyAt: b.readyAt,
      returnedAt: b.returned?.at,
      returnedBy: b.returned?.by,
      days: b.returned ? days1(b.since, b.returned.at) : undefined,
    }));
  const welfareLeads = new Set(people.filter((p) => p.roles.includes('welfareLead')).map((p) => p.id));
  const toldFirst: ToldFirstFigures[] = r.routes
    .filter((x) => x.tellFirst === 'welfareLead')
    .map((x) => {
      const q = requests.find((y) => y.id === x.declarationId)!;
      const inTime = !!q.acknowledgedBy && welfareLeads.has(q.acknowledgedBy) && (q.minutesToAcknowledge ?? Infinity) <= bound;
      return {
        id: q.id,
        personId: q.personId,
        raisedAt: q.raisedAt,
        firstReached: q.firstReached,
        firstReachedWelfareLead: !!q.firstReached && welfareLeads.has(q.firstReached),
        acknowledgedBy: q.acknowledgedBy,
        minutesToAcknowledge: q.minutesToAcknowledge,
        welfareLeadInTime: inTime,
        boundMinutes: bound,
      };
    });
  const concernItems: ConcernFigures[] = r.concerns.map((c) => ({
    id: c.id,
    personId: c.personId,
    category: c.category,
    openedAt: c.openedAt,
    firstTold: c.firstToldId,
    acknowledgedBy: c.acknowledged?.by,
    hoursToAcknowledge: c.acknowledged ? Math.round(minutesBetween(c.openedAt, c.acknowledged.at) / 6) / 10 : undefined,
    handled: !!c.outcome,
    outcome: c.outcome?.kind,
    daysToHandle: c.outcome ? days1(c.openedAt, c.outcome.at) : undefined,
  }));
  const trimStates: Record<string, number> = {};
  for (const f of r.trimFollowUps) trimStates[f.state] = (trimStates[f.state] ?? 0) + 1;

  const endIso = new Date(Date.parse(`${r.options.end}T00:00:00Z`)).toISOString();
  const breaches: Breach[] = [];
  for (const p of personFigures.filter((x) => BUDGETED_ROLES.has(x.role)))
    p.weeks.forEach((count, week) => {
      if (count > WEEKLY_CARD_BUDGET)
        breaches.push({
          kind: 'nonUrgentCards',
          personId: p.personId,
          week: week + 1,
          count,
          detail: `${count} non-urgent cards in week ${week + 1} (budget ${WEEKLY_CARD_BUDGET})`,
        });
    });
  for (const q of requests.filter((x) => x.urgent)) {
    const deadline = Date.parse(q.raisedAt) + q.boundMinutes! * 60_000;
    if (deadline > Date.parse(endIso)) continue; // the run ended before its bound: not judged
    if (q.minutesToReach === undefined || q.minutesToReach > q.boundMinutes!)
      breaches.push({
        kind: 'urgentLate',
        personId: q.personId,
        detail: `${q.kind} ${q.id} reached ${q.firstReached ? `someone after ${q.minutesToReach} min` : 'nobody'} (policy: ${q.boundMinutes} min)`,
      });
  }

  const lost = sends
    .filter((m) => m.status !== 'sent' && !blocked.has(personOf(m)))
    .map((m) => ({ outboxId: m.id, purpose: m.purpose, status: m.status, personId: personOf(m) }));

  const budgetHolds = !breaches.some((b) => b.kind === 'nonUrgentCards');
  const urgentInTime = !breaches.some((b) => b.kind === 'urgentLate');
  const supervisors = personFigures
    .filter((p) => p.role === 'supervisor')
    .sort((a, b) => b.reports - a.reports || b.nonUrgentCardsPerWeek.max - a.nonUrgentCardsPerWeek.max);
  const busiest = supervisors[0];
  return {
    about: 'Haven simulated unit-year (npm run simulate): what each person received, acted on and waited for.',
    options: r.options,
    run: r.run,
    notes: [
      ...r.unit.notes,
      'Urgent: "I\'m not okay" alerts, their escalations and card updates (declaration.* on the alert lane) and unreachable-person notices (flags raised because a check-in could not be delivered). Everything else is non-urgent.',
      'Cards per week count sends (new messages), not in-place updates. A repeat is a message with the same purpose and subject (the same care occurrence, flag, request, journey or questionnaire) as an earlier one to the same person; a digest is a repeat when every line on it was on an earlier digest to them (a weekly digest re-showing what is still open).',
      `An "I'm not okay" request is in time when its first alert was delivered to someone within the first escalation level's delay (${bound} min, ${r.unit.unitId === 'unit-2' ? 'data/escalation/default.json' : 'data/escalation/<unit>.json or default.json'}); an unreachable-person notice when it reached someone within ${UNREACHABLE_NOTICE_BOUND_HOURS} hours.`,
      'Never acted on: a card that asked its recipient to act, which they never did, and which nobody else settled (its card still offers the action).',
    ],
    totals: {
      people: people.length,
      outboxMessages: r.outbox.length,
      sends: sends.length,
      updates: toPerson.length - sends.length,
      delivered: delivered.length,
      urgentSends: sends.filter((m) => isUrgent(m, unreachableFlags)).length,
      presses: r.presses.length,
      pressesRefused: r.presses.filter((p) => !p.took).length,
    },
    roles,
    people: personFigures,
    requests,
    neverActedOn: never,
    outsideWorkingTime: outside,
    lost,
    journeys: r.journeys,
    waysBack: {
      breaks: {
        raised: breakItems.length,
        ended: breakItems.filter((b) => b.returnedAt).length,
        stillOff: breakItems.filter((b) => !b.returnedAt).length,
        daysToEnd: breakItems.flatMap((b) => (b.days === undefined ? [] : [b.days])),
        items: breakItems,
      },
      toldWelfareLeadFirst: {
        requests: toldFirst.length,
        reachedWelfareLeadFirst: toldFirst.filter((x) => x.firstReachedWelfareLead).length,
        welfareLeadInTime: toldFirst.filter((x) => x.welfareLeadInTime).length,
        items: toldFirst,
      },
      concerns: {
        raised: concernItems.length,
        acknowledged: concernItems.filter((c) => c.acknowledgedBy).length,
        handled: concernItems.filter((c) => c.handled).length,
        items: concernItems,
      },
      trimFollowUps: trimStates,
      eventProblems: r.eventProblems,
    },
    verdict: { budgetHolds, urgentInTime, holds: budgetHolds && urgentInTime, breaches },
    headline: {
      perRole: roles.map((x) => ({ role: x.role, median: x.nonUrgentCardsPerWeek.median, max: x.nonUrgentCardsPerWeek.max })),
      busiestSupervisor: busiest && {
        personId: busiest.personId,
        reports: busiest.reports,
        maxWeek: busiest.nonUrgentCardsPerWeek.max,
        medianWeek: busiest.nonUrgentCardsPerWeek.median,
      },
      breaches: breaches.length,
    },
  };
}
