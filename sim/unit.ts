// The simulated units: who is in them (as a roster CSV the roster loader accepts), how each person
// behaves, and what happens to them during the year. Everything is derived from the seed, so a run is
// repeatable: the same seed gives the same unit, the same absences and the same "I'm not okay" nights.
import { readFileSync } from 'node:fs';
import { seededRandom } from '../bench/lib/stats.ts';
import { parseRoster } from '../src/kernel/roster.ts';
import { addDays } from '../src/kernel/working-time.ts';
import type { Person } from '../src/kernel/types.ts';

/** How quickly someone acts on a card that asks them to: most within a working day, some after days, one never. */
export type Pace = 'prompt' | 'slow' | 'never';
/** How someone answers their check-ins. */
export type CheckInHabit = 'onTime' | 'late' | 'never';

export interface SimPerson {
  id: string;
  name: string;
  teamsUserId: string;
  aadObjectId: string;
  roles: string[];
  pace: Pace;
  checkIns: CheckInHabit;
  /** Joins during the year: added to the roster and installed on this date. */
  joinsOn?: string;
  /** Wellbeing answers: mostly fine; a few people have a low patch. */
  lowFromDay?: number;
  /** Minutes (from, to) they take to answer an urgent alert they can see; default 5 to 25. */
  urgentMinutes?: [number, number];
}

export interface RaiseEvent {
  personId: string;
  /** Local date and minute of the day (Europe/London). */
  date: string;
  minute: number;
  kind: 'talk' | 'break' | 'leave';
  /** Whom they choose to tell first on the form (issue 14): their supervisor (the default) or the unit's welfare lead. */
  tellFirst?: 'supervisor' | 'welfareLead';
}

/** "I'm concerned about a colleague": a unit member tells Haven about a colleague (issue 14). */
export interface ConcernEvent {
  raiserId: string;
  aboutId: string;
  /** Local date and minute of the day (Europe/London). */
  date: string;
  minute: number;
  category: 'withdrawn' | 'changedBehaviour' | 'mentionedStruggling' | 'workload' | 'other';
}

export interface SimUnit {
  name: 'realistic' | 'demo';
  unitId: string;
  /** Roster CSV loaded at go-live (everyone but the joiners). */
  rosterCsv: string;
  /** Roster CSV as it stands on a date: the go-live roster plus everyone who has joined by then. */
  rosterOn(date: string): string;
  people: SimPerson[];
  /** Officers who block the app on a day (their deliveries fail with 403 from then on). */
  blocks: { personId: string; from: string }[];
  /** A supervisor off sick whose absence nobody recorded: they simply do not act those days. */
  unrecordedAbsences: { personId: string; from: string; to: string }[];
  raises: RaiseEvent[];
  concerns: ConcernEvent[];
  /** data/contacts/<unit>.json for this unit (the realistic unit's is written to a temp dir; the demo's is the repo's). */
  contactsJson?: string;
  /** Issue 16 (rotas): data/duty-rota/<unit>.json for this unit (written to a temp dir, as the contacts file is). */
  dutyRotaJson?: string;
  journeys: { candidateId: string; trainerId: string; openedBy: string; openOn: string; plannedStartDate: string }[];
  notes: string[];
}

const HEADER =
  'kind,id,name,roles,unit,supervisor,teams_user_id,aad_object_id,joined_unit,working_pattern,channel_id,head,above,from,to,cover,part_time';
const CHANNEL = '19:haven-demo-supervisors@thread.tacv2';

const FIRST = ['Ada', 'Ben', 'Cara', 'Dan', 'Eve', 'Finn', 'Gwen', 'Huw', 'Iris', 'Jack', 'Kim', 'Liam', 'Maya', 'Ned', 'Olga', 'Pete'];
const LAST = ['Archer', 'Baker', 'Carter', 'Dixon', 'Ellis', 'Fox', 'Grant', 'Hayes', 'Irwin', 'Jones', 'Kerr', 'Lloyd', 'Marsh', 'Nash'];

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * The realistic unit: a department head, five sergeants (one with 22 reports, the others 4–6), two
 * trainers, HR, officers on varied weekly patterns, three joiners, three candidates on pre-deployment
 * journeys. Go-live is `start`; people joined the unit years before it, so years of care fall due then.
 */
export function realisticUnit(seed: number, start: string, days: number): SimUnit {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const used = new Set<string>();
  let n = 0;
  const person = (role: string) => {
    let name = `${pick(FIRST)} ${pick(LAST)}`;
    while (used.has(name)) name = `${pick(FIRST)} ${pick(LAST)}`;
    used.add(name);
    n++;
    const id = name.toLowerCase().replace(' ', '.');
    const hex = n.toString(16).padStart(12, '0');
    return { id, name, teamsUserId: `29:haven-sim-${id.replace('.', '-')}`, aadObjectId: `00000000-0000-4000-9000-${hex}`, role };
  };
  const rows: string[] = [];
  const joinerRows: { joinsOn: string; row: string }[] = [];
  const people: SimPerson[] = [];
  const years = (min: number, max: number) => addDays(start, -int(min * 365, max * 365));
  const add = (
    p: ReturnType<typeof person>,
    extra: {
      supervisor?: string;
      joined?: string;
      pattern: string;
      cover?: string;
      pace?: Pace;
      checkIns?: CheckInHabit;
      joinsOn?: string;
      urgentMinutes?: [number, number];
      /** Issue 16 (rotas): the roster's part_time column. */
      partTime?: string;
    },
  ) => {
    const row = [
      'person',
      p.id,
      p.name,
      p.role,
      'unit-sim',
      extra.supervisor ?? '',
      p.teamsUserId,
      p.aadObjectId,
      extra.joined ?? '',
      extra.pattern,
      '',
      '',
      '',
      '',
      '',
      extra.cover ?? '',
      extra.partTime ?? '',
    ]
      .map(csvField)
      .join(',');
    if (extra.joinsOn) joinerRows.push({ joinsOn: extra.joinsOn, row });
    else rows.push(row);
    people.push({
      id: p.id,
      name: p.name,
      teamsUserId: p.teamsUserId ?? `29:sim-${p.id}`,
      aadObjectId: p.aadObjectId,
      roles: [p.role],
      pace: extra.pace ?? 'prompt',
      checkIns: extra.checkIns ?? 'onTime',
      joinsOn: extra.joinsOn,
      urgentMinutes: extra.urgentMinutes,
    });
  };

  const head = person('departmentHead');
  const sergeants = [1, 2, 3, 4, 5].map(() => person('supervisor'));
  const trainers = [1, 2].map(() => person('trainer'));
  const hr = person('hr');
  const candidates = [1, 2, 3].map(() => person('candidate'));
  // Sergeant 1 has 22 reports (as in the IOPC case); sergeant 4 never acts on anything.
  const sergeantPatterns = [
    'Mon-Fri 07:00-16:00',
    'Mon-Thu 08:00-18:00',
    'Mon-Fri 08:00-17:00',
    'Tue-Fri 07:00-17:00',
    'Mon-Fri 09:00-17:00',
  ];
  const sergeantPace: Pace[] = ['prompt', 'prompt', 'slow', 'never', 'prompt'];
  add(head, { joined: years(6, 9), pattern: 'Mon-Fri 08:00-17:00' });
  sergeants.forEach((s, i) =>
    add(s, {
      supervisor: head.id,
      joined: years(2, 8),
      pattern: sergeantPatterns[i]!,
      cover: sergeants[(i + 1) % 5]!.id,
      pace: sergeantPace[i]!,
    }),
  );
  trainers.forEach((t, i) =>
    add(t, { supervisor: head.id, joined: years(3, 10), pattern: i ? 'Mon-Thu 08:00-18:00' : 'Mon-Fri 08:00-16:00' }),
  );
  add(hr, { joined: years(1, 5), pattern: 'Mon-Fri 09:00-17:00' });
  for (const c of candidates) add(c, { pattern: 'Mon-Fri 08:00-16:00' });

  // Officers: weekday days, Mon-Thu long days, nights across midnight, weekend shifts.
  const officerPatterns = [
    'Mon-Fri 08:00-16:00',
    'Mon-Fri 09:00-17:00',
    'Mon-Thu 07:00-17:00',
    'Mon-Fri 22:00-06:00',
    'Sat,Sun 08:00-20:00',
    'Wed-Sun 10:00-18:00',
    'Mon-Fri 08:00-16:00',
  ];
  const teamSizes = [22, 4, 5, 4, 6];
  const joinerSlots = new Map<string, number>([
    ['0:21', 60],
    ['2:4', 150],
    ['4:5', 240],
  ]); // sergeant index : report index → joins on day
  const officers: SimPerson[] = [];
  teamSizes.forEach((size, s) => {
    for (let k = 0; k < size; k++) {
      const o = person('officer');
      const joinDay = joinerSlots.get(`${s}:${k}`);
      const joinsOn = joinDay !== undefined && joinDay < days ? addDays(start, joinDay) : undefined;
      if (joinDay !== undefined && !joinsOn) continue; // the run ends before they would join
      const r = rnd();
      add(o, {
        supervisor: sergeants[s]!.id,
        joined: joinsOn ?? years(0.5, 9),
        pattern: pick(officerPatterns),
        checkIns: r < 0.7 ? 'onTime' : r < 0.93 ? 'late' : 'never',
        joinsOn,
      });
      officers.push(people[people.length - 1]!);
    }
  });
  // Two officers have a low patch (a flag for their sergeant).
  for (const o of [officers[3], officers[24]]) if (o) o.lowFromDay = int(20, Math.max(21, days - 20));
  // The unit's confidential contacts (issue 14): a welfare lead and a TRiM practitioner. Drawn after
  // everyone else, so the rest of the unit is the same for a seed as before they were added.
  const welfareLead = person('welfareLead');
  const trimPractitioner = person('trimPractitioner');
  // Answering people who chose to tell them is the welfare lead's job: they answer an alert they see within minutes.
  add(welfareLead, { supervisor: head.id, joined: years(2, 6), pattern: 'Mon-Fri 08:00-16:00', urgentMinutes: [3, 12] });
  add(trimPractitioner, { supervisor: head.id, joined: years(2, 6), pattern: 'Mon-Fri 09:00-17:00' });
  const contactsJson = `${JSON.stringify(
    {
      contacts: [
        { kind: 'welfareLead', personIds: [welfareLead.id] },
        { kind: 'trimPractitioner', personIds: [trimPractitioner.id] },
        { kind: 'departmentHead' },
        { kind: 'trainer', role: 'trainer' },
      ],
    },
    null,
    2,
  )}\n`;

  // Issue 16 (rotas), drawn after everyone else so the rest of the unit is the same for a seed: a
  // response team on four on, four off (two on days, two on nights, in two shifts of the cycle) under a
  // sergeant on the day cycle, and a part-time officer (half time, three short days) in sergeant 2's team.
  const responseSergeant = person('supervisor');
  add(responseSergeant, { supervisor: head.id, joined: years(2, 6), pattern: `4on4off from ${start} 07:00-19:00`, pace: 'prompt' });
  const responseCycles = [
    `4on4off from ${start} 07:00-19:00`,
    `4on4off from ${addDays(start, 4)} 07:00-19:00`,
    `4on4off from ${start} 19:00-07:00`,
    `4on4off from ${addDays(start, 4)} 19:00-07:00`,
  ];
  const responseTeam = responseCycles.map((pattern) => {
    const o = person('officer');
    add(o, { supervisor: responseSergeant.id, joined: years(0.5, 6), pattern });
    return people[people.length - 1]!;
  });
  const partTimer = person('officer');
  add(partTimer, { supervisor: sergeants[1]!.id, joined: years(1, 6), pattern: 'Mon-Wed 09:00-15:00', partTime: '0.5' });
  // The duty rota: on nights, sergeant 1 (Mon, Wed, Fri, Sun) and sergeant 2 (Tue, Thu, Sat), with the
  // department head as duty inspector; weekend days, sergeant 5.
  const dutyRotaJson = `${JSON.stringify(
    {
      periods: [
        { pattern: 'Mon,Wed,Fri,Sun 19:00-07:00', sergeant: sergeants[0]!.id, inspector: head.id },
        { pattern: 'Tue,Thu,Sat 19:00-07:00', sergeant: sergeants[1]!.id, inspector: head.id },
        { pattern: 'Sat-Sun 07:00-19:00', sergeant: sergeants[4]!.id, inspector: head.id },
      ],
    },
    null,
    2,
  )}\n`;

  const unitRow = [
    'unit',
    'unit-sim',
    'Simulated Online Child Abuse Team',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    CHANNEL,
    head.id,
    '',
    '',
    '',
    '',
    '',
  ]
    .map(csvField)
    .join(',');
  const day = (d: number) => addDays(start, Math.min(d, Math.max(0, days - 1)));
  const absence = (id: string, who: string, from: number, len: number, cover = '') =>
    ['absence', id, '', '', '', who, '', '', '', '', '', '', '', day(from), day(from + len - 1), cover, ''].map(csvField).join(',');
  const absences = [
    absence('sim-leave-s1', sergeants[0]!.id, 35, 10, sergeants[1]!.id), // recorded, with a cover
    absence('sim-sick-s2', sergeants[1]!.id, 100, 5), // recorded, no cover named (the standing cover applies)
    absence('sim-leave-head', head.id, 180, 10), // the department head away, no cover
    absence('sim-leave-s3', sergeants[2]!.id, 200, 14, sergeants[4]!.id),
  ];
  const rosterCsv = [HEADER, unitRow, ...rows, ...absences].join('\n') + '\n';
  const rosterOn = (date: string) =>
    [HEADER, unitRow, ...rows, ...joinerRows.filter((j) => j.joinsOn <= date).map((j) => j.row), ...absences].join('\n') + '\n';

  // "I'm not okay" at night and at weekends, by officers on different teams.
  const raises: RaiseEvent[] = [];
  const raiseDays = [9, 26, 47, 75, 118, 160, 205, 251, 300, 340].filter((d) => d < days);
  raiseDays.forEach((d, i) => {
    const who = officers[(i * 7 + 2) % officers.length]!;
    if (who.joinsOn) return;
    const weekend = i % 2 === 1;
    let date = day(d);
    if (weekend) while (new Date(`${date}T12:00:00Z`).getUTCDay() !== 6) date = addDays(date, 1);
    raises.push({
      personId: who.id,
      date,
      minute: weekend ? 14 * 60 + 20 : 23 * 60 + 10,
      kind: i % 3 === 2 ? 'break' : 'talk',
      // Every fourth night-time request goes to the welfare lead first (issue 14, "Choosing whom to tell first").
      tellFirst: i % 4 === 0 ? 'welfareLead' : 'supervisor',
    });
  });
  // Two in the working day, told first to the welfare lead: a request to talk, and a break (whose review
  // and return stay with the supervisor).
  const daytime: { d: number; minute: number; officer: number; kind: RaiseEvent['kind'] }[] = [
    { d: 16, minute: 10 * 60 + 40, officer: 12, kind: 'talk' },
    { d: 30, minute: 12 * 60 + 15, officer: 19, kind: 'break' },
    { d: 190, minute: 11 * 60 + 5, officer: 33, kind: 'break' },
  ];
  for (const r of daytime.filter((x) => x.d < days)) {
    const who = officers[r.officer % officers.length]!;
    if (!who.joinsOn) raises.push({ personId: who.id, date: day(r.d), minute: r.minute, kind: r.kind, tellFirst: 'welfareLead' });
  }
  // Issue 16 (rotas): a response officer on nights says they are not okay at 02:30 in a night shift
  // (their sergeant works the day cycle): it reaches the duty sergeant at once.
  const nightOfficer = responseTeam[2]!;
  // Their nights start on days 0-3, 8-11, 16-19…: 02:30 on day 17 is in the night that began on day 16.
  const nightRaiseDay = days > 17 ? day(17) : undefined;
  if (nightRaiseDay)
    raises.push({ personId: nightOfficer.id, date: nightRaiseDay, minute: 2 * 60 + 30, kind: 'talk', tellFirst: 'supervisor' });
  raises.sort((a, b) => a.date.localeCompare(b.date) || a.minute - b.minute);

  // "I'm concerned about a colleague": an officer about a teammate, in the working day.
  const concerns: ConcernEvent[] = [
    { d: 23, raiser: 4, about: 6, category: 'withdrawn' as const },
    { d: 52, raiser: 30, about: 31, category: 'mentionedStruggling' as const },
    { d: 140, raiser: 40, about: 38, category: 'changedBehaviour' as const },
    { d: 280, raiser: 14, about: 15, category: 'workload' as const },
  ]
    .filter((c) => c.d < days)
    .map((c) => ({
      raiserId: officers[c.raiser % officers.length]!.id,
      aboutId: officers[c.about % officers.length]!.id,
      date: day(c.d),
      minute: 14 * 60 + 5,
      category: c.category,
    }))
    .filter(
      (c) =>
        c.raiserId !== c.aboutId && !people.find((p) => p.id === c.aboutId)?.joinsOn && !people.find((p) => p.id === c.raiserId)?.joinsOn,
    );

  const candidateJourneys = candidates.map((c, i) => ({
    candidateId: c.id,
    trainerId: trainers[i % 2]!.id,
    openedBy: i === 2 ? hr.id : head.id,
    openOn: day(14 + i * 40),
    plannedStartDate: day(14 + i * 40 + 120),
  }));

  return {
    name: 'realistic',
    unitId: 'unit-sim',
    rosterCsv,
    rosterOn,
    people,
    blocks: [{ personId: officers[5]!.id, from: day(20) }],
    unrecordedAbsences: [{ personId: sergeants[4]!.id, from: day(130), to: day(136) }],
    raises,
    concerns,
    contactsJson,
    dutyRotaJson,
    journeys: candidateJourneys.filter((j) => j.openOn < day(days)),
    notes: [
      `Officers are on weekly patterns (weekday days, Mon-Thu long days, nights across midnight, weekend and Wed-Sun shifts), except a response team on four on, four off (${responseTeam.map((o) => o.id).join(', ')}: two on days, two on nights, under ${responseSergeant.id} on the day cycle) and a part-time officer (${partTimer.id}, half time, Mon-Wed 09:00-15:00). The duty rota names a duty sergeant and the department head as duty inspector every night and weekend day; a response officer on nights raises "I'm not okay" at 02:30 on ${nightRaiseDay ?? 'no day (the run is too short)'}.`,
      'Team sizes are kept as asked (22, 4, 5, 4, 6 reports); with the department head, two trainers, HR, three candidates, a welfare lead, a TRiM practitioner, the response team (a sergeant and four officers) and a part-timer that is 61 people at the end of the year (58 at go-live, three joiners), not 40: 40 cannot hold one sergeant with 22 reports and four with 4-6.',
      `Sergeants 1-5 are ${sergeants.map((s) => s.id).join(', ')} (department head ${head.id}). Sergeant 4 never acts on a card about anyone else; sergeant 3 acts after days; the others within a working day. Sergeant 5 is off sick ${day(130)} to ${day(136)} and nobody recorded it: they act on nothing that week. Recorded absences: sergeant 1 (10 days from ${day(35)}, cover sergeant 2), sergeant 2 (5 days from ${day(100)}, no cover named), the department head (10 days from ${day(180)}), sergeant 3 (14 days from ${day(200)}, cover sergeant 5).`,
      `Officer ${officers[5]!.id} blocks the app on ${day(20)}; "I'm not okay" is raised ${raises.length} times, at 23:10 on weekdays and 14:20 on Saturdays, and a few times in the working day; ${raises.filter((r) => r.tellFirst === 'welfareLead').length} of them choose to tell the welfare lead (${welfareLead.id}) first; answering them is the welfare lead's job, so they answer an alert they can see within 3 to 12 minutes (everyone else 5 to 25). A colleague raises a concern about a teammate ${concerns.length} time(s). The TRiM practitioner is ${trimPractitioner.id}; the contacts file the run uses names both.`,
    ],
  };
}

/** The 12-person demo unit (data/demo-roster.csv), with the demo's own absences. */
export function demoUnit(seed: number, start: string, days: number): SimUnit {
  const rnd = seededRandom(seed);
  const csv = readFileSync('data/demo-roster.csv', 'utf8');
  const parsed = parseRoster(csv);
  if (!parsed.ok) throw new Error('data/demo-roster.csv does not load');
  const people: SimPerson[] = parsed.roster.people.map((p: Person) => ({
    id: p.id,
    name: p.name,
    teamsUserId: p.teamsUserId ?? `29:sim-${p.id}`,
    aadObjectId: p.aadObjectId,
    roles: p.roles,
    pace: p.id === 'priya.shah' ? 'slow' : 'prompt',
    checkIns: rnd() < 0.75 ? 'onTime' : 'late',
  }));
  const day = (d: number) => addDays(start, Math.min(d, Math.max(0, days - 1)));
  return {
    name: 'demo',
    unitId: 'unit-2',
    rosterCsv: csv,
    rosterOn: () => csv,
    people,
    blocks: [],
    unrecordedAbsences: [],
    raises: [5, 33, 80, 150, 260]
      .filter((d) => d < days)
      .map((d, i) => ({
        personId: ['alex.moreno', 'bea.clarke', 'dev.patel'][i % 3]!,
        date: day(d),
        minute: 23 * 60,
        kind: (i === 1 ? 'break' : 'talk') as RaiseEvent['kind'],
        // The second request goes to the welfare lead first (data/contacts/unit-2.json names Wes Lyle).
        tellFirst: (i === 2 ? 'welfareLead' : 'supervisor') as RaiseEvent['tellFirst'],
      })),
    concerns: [12, 170]
      .filter((d) => d < days)
      .map((d) => ({ raiserId: 'bea.clarke', aboutId: 'alex.moreno', date: day(d), minute: 14 * 60 + 5, category: 'withdrawn' as const })),
    journeys: [],
    notes: [
      'The demo unit: data/demo-roster.csv as it is, with its own absence; Priya acts after days, everyone else within a working day.',
    ],
  };
}
