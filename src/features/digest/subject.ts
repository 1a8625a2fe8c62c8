// What the digest holds about one person, for subject access and erasure (kernel/subject-data.ts):
// - the tray lines about them: what was asked of whom about them (the feature, the line, since when,
//   when it was done). A line never says who raised anything (a flag's or a request's origin stays with
//   its own feature's rules);
// - the lines they were given about others and their own digests: exported as keys, dates and counts,
//   never the line's words (each names someone else);
// - others' digests that showed a line about them: those lines are removed by an erasure (they hold
//   the name as text, which a pseudonym cannot replace).
import type { SubjectData } from '../../kernel/subject-data.ts';
import { withLatest } from '../../kernel/subject-data.ts';
import type { DigestDeps } from './deps.ts';

export const digestSubjectData: SubjectData<Pick<DigestDeps, 'tray' | 'digests'>> = {
  async gather({ tray, digests }, subject) {
    const id = subject.person.id;
    const about = await tray.listAbout(id);
    const received = (await tray.listFor(id)).filter((i) => i.value.aboutPersonId !== id);
    const own = await digests.listFor(id);
    const naming = (await digests.listNaming(id)).filter((d) => d.value.recipientId !== id);
    return {
      own: [
        {
          kind: 'trayItems',
          describe:
            'line(s) about them that someone was asked to act on (what, of whom, since when, when done), and line(s) they were given about others (dates only)',
          records: [
            ...about.map((i) => ({
              id: `${i.value.recipientId}/${i.value.key}`,
              data: {
                key: i.value.key,
                feature: i.value.feature,
                askedOf: i.value.recipientId,
                line: i.value.line,
                since: i.value.since,
                overdue: !!i.value.overdue,
                postedAt: i.value.postedAt,
                resolvedAt: i.value.resolvedAt,
              },
            })),
            ...received.map((i) => ({
              id: `${id}/${i.value.key}`,
              data: {
                key: i.value.key,
                feature: i.value.feature,
                askedOf: id,
                since: i.value.since,
                postedAt: i.value.postedAt,
                resolvedAt: i.value.resolvedAt,
              },
            })),
          ],
          async erase() {
            for (const i of [...about, ...received])
              await withLatest(
                () => tray.get(i.value.recipientId, i.value.key),
                (c) => tray.delete(c.value, c.version),
              );
          },
        },
        {
          kind: 'digests',
          describe: 'daily digest(s) they were sent (dates and counts only)',
          records: own.map((d) => ({
            id: `${id}/${d.value.date}`,
            data: {
              recipientId: id,
              date: d.value.date,
              status: d.value.status,
              weekly: d.value.weekly,
              lines: d.value.lines.length,
              done: d.value.doneKeys.length,
            },
          })),
          async erase() {
            for (const d of own)
              await withLatest(
                () => digests.get(d.value.date, id),
                (c) => digests.delete(c.value, c.version),
              );
            await digests.deleteState(id);
          },
        },
      ],
      naming: [
        {
          kind: 'digests',
          describe: "other person's digest(s) that showed a line about them (those lines are removed)",
          ids: naming.map((d) => `${d.value.recipientId}/${d.value.date}`),
          async pseudonymise() {
            for (const d of naming)
              await withLatest(
                () => digests.get(d.value.date, d.value.recipientId),
                (c) => digests.save({ ...c.value, lines: c.value.lines.filter((l) => l.aboutPersonId !== id) }, c.version),
              );
          },
        },
      ],
      blockers: [],
      references: [`digest:${id}`],
    };
  },
};
