// What concerns hold about one person, for subject access and erasure (kernel/subject-data.ts).
//  - Concerns about them are data about them: the export shows that a concern was raised, when, its
//    category and how it was handled (acknowledged, the outcome and when), never who raised it, the
//    raiser's note, who was told, or the responsible person's note (which could point to the raiser;
//    the force's data-protection officer can review it by hand). An erasure deletes them.
//  - Concerns they raised about someone else: the export shows that they raised one, when, the
//    category, whom it was about (they chose that person themselves; it tells them nothing new) and
//    their own note, but nothing of how it was handled (that is the colleague's data). An erasure
//    deletes their note and puts a pseudonym where their id was; the colleague's record is kept.
//  - Concerns about someone else that name them as someone told, or who acknowledged or recorded it:
//    not exported (the colleague's data), pseudonymised by an erasure.
import { nameIn } from '../../kernel/format.ts';
import type { SubjectData } from '../../kernel/subject-data.ts';
import { withLatest } from '../../kernel/subject-data.ts';
import type { Person } from '../../kernel/types.ts';
import type { ConcernDeps } from './deps.ts';
import { categoryTitle, isConcernOpen, outcomeTitle } from './model.ts';

export const concernSubjectData: SubjectData<Pick<ConcernDeps, 'concerns' | 'people'>> = {
  async gather({ concerns, people }, subject) {
    const id = subject.person.id;
    const all = (await concerns.list()).sort((a, b) => a.value.openedAt.localeCompare(b.value.openedAt));
    const about = all.filter((c) => c.value.personId === id);
    const raised = all.filter((c) => c.value.personId !== id && c.value.raisedBy === id);
    const naming = all.filter((c) => c.value.personId !== id && subject.mentionedIn(c.value));
    const roster = { people: (await people.list()).map((p) => p.value) as Person[], units: [], absences: [] };
    const name = nameIn(roster);
    return {
      own: [
        {
          kind: 'concerns',
          describe: 'concern(s) about them (category, dates and outcome; never who raised them)',
          records: about.map(({ value: c }) => ({
            id: c.id,
            data: {
              id: c.id,
              raisedAt: c.openedAt,
              how: c.source === 'noticed' ? 'recorded by someone responsible for you' : 'raised by someone in your unit',
              category: c.category,
              categoryTitle: categoryTitle(c.category),
              status: isConcernOpen(c) ? (c.acknowledged ? 'acknowledged' : 'open') : 'recorded',
              ...(c.acknowledged ? { acknowledgedAt: c.acknowledged.at } : {}),
              ...(c.outcome ? { outcome: c.outcome.kind, outcomeTitle: outcomeTitle(c.outcome.kind), outcomeAt: c.outcome.at } : {}),
            },
          })),
          async erase() {
            for (const c of about)
              await withLatest(
                () => concerns.get(c.value.id),
                (x) => concerns.delete(x.value.id, x.version),
              );
          },
        },
        {
          kind: 'concernsRaised',
          describe: 'concern(s) they raised about a colleague: their note is deleted and their id replaced; the colleague keeps the record',
          records: raised.map(({ value: c }) => ({
            id: c.id,
            data: {
              raisedAt: c.openedAt,
              about: { id: c.personId, name: name(c.personId) },
              how:
                c.source === 'noticed' ? 'you recorded something you noticed ("I\'ve noticed")' : 'you raised a concern about a colleague',
              category: c.category,
              categoryTitle: categoryTitle(c.category),
              ...(c.note ? { note: c.note } : {}),
            },
          })),
          async erase() {
            for (const c of raised)
              await withLatest(
                () => concerns.get(c.value.id),
                (x) => {
                  const { note: _note, ...rest } = x.value;
                  return concerns.save(rest, x.version);
                },
              );
          },
        },
      ],
      naming: [
        {
          kind: 'concerns',
          describe: "other person's concern(s) that name them (who raised it, who was told, who acknowledged or recorded it)",
          ids: naming.map((c) => c.value.id),
          async pseudonymise(pseudonym) {
            for (const c of naming)
              await withLatest(
                () => concerns.get(c.value.id),
                (x) => concerns.save(subject.replaceIn(x.value, pseudonym), x.version),
              );
          },
        },
      ],
      blockers: [],
      // Audit rows and outbox messages name a concern as `concern:<id>` (its id embeds the person's id).
      // The rows of the concerns they raised are not theirs: they stay with the colleague's record.
      references: about.map((c) => `concern:${c.value.id}`),
    };
  },
};
