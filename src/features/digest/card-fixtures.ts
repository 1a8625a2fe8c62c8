// The digest card in the states that matter, for the card tests and the gallery: a short list, a list
// with lines done (after an in-place update), the weekly digest, and the 22-report sergeant's go-live
// list, longer than one card holds (it shows what fits and offers the rest).
import type { CardFixture } from '../../kernel/feature.ts';
import type { Person, Roster } from '../../kernel/types.ts';
import type { CareItem } from '../care/index.ts';
import { digestCard } from './cards.ts';
import type { DigestLine } from './model.ts';
import { digestView } from './views.ts';

const DATE = '2026-11-23';

function person(id: string, name: string): Person {
  return {
    id,
    name,
    teamsUserId: `29:${id}`,
    aadObjectId: '00000000-0000-4000-8000-000000000000',
    roles: ['officer'],
    unitId: 'unit-1',
    supervisorId: 'sam.okafor',
    workingPattern: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], startMinute: 540, endMinute: 1020 },
    viewingStatus: 'viewing',
  };
}

const FIRST = ['Alex', 'Bea', 'Chris', 'Dev', 'Erin', 'Femi', 'Gus', 'Hana', 'Ivan', 'Jo', 'Kai', 'Lena', 'Mo', 'Nia', 'Omar', 'Pat'];
const LAST = ['Moreno', 'Clarke', 'Lowe', 'Patel', 'Walsh', 'Adeyemi', 'Novak', 'Sato', 'Petrov', 'Quinn', 'Rhodes', 'Berg'];
const reports = Array.from({ length: 22 }, (_, i) =>
  person(`officer-${i + 1}`, `${FIRST[i % FIRST.length]} ${LAST[(i * 5) % LAST.length]}-${String.fromCharCode(65 + i)}`),
);
const roster: Roster = { units: [], people: reports, absences: [] };

const TITLES: Record<CareItem, string> = {
  clinicalSupervision: 'Clinical supervision / psychological support',
  oneToOne: 'One-to-one with supervisor',
  suitability: 'Annual suitability questionnaire',
  tenureReview: 'Tenure review',
  screening: 'Psychological screening',
};

function careLine(p: Person, item: CareItem, dueDate: string, overdue = false): DigestLine {
  return {
    key: `care:${p.id}:${item}:${dueDate}`,
    feature: 'care',
    aboutPersonId: p.id,
    line: `${TITLES[item]}${overdue ? '' : `, due by ${dueDate}`}`,
    since: overdue ? '2026-03-03' : dueDate,
    ...(overdue ? { overdue: true } : {}),
    actions: [
      { title: 'Done', verb: 'care.done', data: { personId: p.id, item } },
      { title: 'My team', verb: 'team.show', data: {} },
    ],
  };
}

const teamLine: DigestLine = {
  key: 'team:sam.okafor:2026-W48',
  feature: 'care',
  line: 'Your team this week: 22 people. Open "My team" for care due, check-ins and stages.',
  since: DATE,
  actions: [
    { title: 'My team', verb: 'team.show', data: {} },
    { title: 'Got it', verb: 'digest.dismiss', data: { trayKey: 'team:sam.okafor:2026-W48' } },
  ],
};

const short = [careLine(reports[0]!, 'oneToOne', '2026-11-30'), careLine(reports[1]!, 'suitability', '2026-06-18', true), teamLine];
const ITEMS: CareItem[] = ['clinicalSupervision', 'oneToOne', 'suitability', 'tenureReview', 'screening'];
const everyone = reports.flatMap((p, i) =>
  ITEMS.slice(0, 2 + (i % 4)).map((item, j) => careLine(p, item, '2026-11-23', (i + j) % 3 === 0)),
);

const view = (lines: DigestLine[], done: string[] = [], weekly = false) =>
  digestView({ lines, doneKeys: new Set(done), roster, date: DATE, weekly });

export function cardFixtures(): CardFixture[] {
  return [
    { template: 'digest', state: 'a short list, one overdue since March', card: () => digestCard(view(short)) },
    { template: 'digest', state: 'updated in place: one line done', card: () => digestCard(view(short, [short[0]!.key])) },
    {
      template: 'digest',
      state: 'all done',
      card: () =>
        digestCard(
          view(
            short,
            short.map((l) => l.key),
          ),
        ),
    },
    { template: 'digest', state: 'weekly digest', card: () => digestCard(view(short, [], true)) },
    { template: 'digest', state: '22-report sergeant at go-live: what fits, and the rest', card: () => digestCard(view(everyone)) },
    { template: 'digest', state: '22-report sergeant: the rest of the list', card: () => digestCard(view(everyone), 40) },
  ];
}
