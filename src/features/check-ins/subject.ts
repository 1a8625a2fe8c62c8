// What check-ins hold about one person, for subject access and erasure (kernel/subject-data.ts).
// Their check-ins are theirs: exported with the answers, free text and score decrypted, deleted by an
// erasure. The flags about them (the reason category, who was told, whether the conversation
// happened) are data about them too: exported and deleted. A flag about someone else that names them
// (as the supervisor told, or who resolved it) is pseudonymised.
import type { SubjectData } from '../../kernel/subject-data.ts';
import { withLatest } from '../../kernel/subject-data.ts';
import type { CheckInDeps } from './deps.ts';
import { FLAG_REASON_TITLES } from './flag.ts';

export const checkInSubjectData: SubjectData<Pick<CheckInDeps, 'checkIns' | 'flags' | 'workloadWeeks'>> = {
  async gather({ checkIns, flags, workloadWeeks }, subject) {
    const id = subject.person.id;
    const own = (await checkIns.listForPerson(id)).sort((a, b) => a.value.sentAt.localeCompare(b.value.sentAt));
    const ownFlags = (await flags.listForPerson(id)).sort((a, b) => a.value.openedAt.localeCompare(b.value.openedAt));
    const weeks = (await workloadWeeks.listForPerson(id)).sort((a, b) => a.value.week.localeCompare(b.value.week));
    const otherFlags = (await flags.list()).filter((f) => f.value.personId !== id && subject.mentionedIn(f.value));
    return {
      own: [
        {
          kind: 'checkIns',
          describe: 'check-in(s) of theirs, with their answers',
          records: own.map((c) => ({ id: c.value.id, data: c.value })),
          async erase() {
            for (const c of own)
              await withLatest(
                () => checkIns.get(c.value.id),
                (x) => checkIns.delete(x.value.id, x.version),
              );
          },
        },
        {
          kind: 'flags',
          describe: 'flag(s) about them (reason categories, who was told)',
          // The reason in words as well as its code, as the supervisor's digest line and flag card put it.
          records: ownFlags.map((f) => ({
            id: f.value.id,
            data: { ...f.value, reasonTitles: [f.value.reason, ...(f.value.otherReasons ?? [])].map((r) => FLAG_REASON_TITLES[r]) },
          })),
          async erase() {
            for (const f of ownFlags)
              await withLatest(
                () => flags.get(f.value.id),
                (x) => flags.delete(x.value.id, x.version),
              );
          },
        },
        {
          // Issue 14: the exposure and workload log, figures decrypted (the person's own).
          kind: 'workloadWeeks',
          describe: 'week(s) of their exposure and workload log (hours, categories, violent material, caseload)',
          records: weeks.map((w) => ({ id: w.value.id, data: w.value })),
          async erase() {
            for (const w of weeks)
              await withLatest(
                () => workloadWeeks.get(w.value.id),
                (x) => workloadWeeks.delete(x.value.id, x.version),
              );
          },
        },
      ],
      naming: [
        {
          kind: 'flags',
          describe: "other person's flag(s) that name them (as the supervisor told, or who resolved it)",
          ids: otherFlags.map((f) => f.value.id),
          async pseudonymise(pseudonym) {
            for (const f of otherFlags)
              await withLatest(
                () => flags.get(f.value.id),
                (c) => flags.save(subject.replaceIn(c.value, pseudonym), c.version),
              );
          },
        },
      ],
      blockers: [],
      // Audit rows name a flag as `flag:<id>` (its id embeds the person's id).
      references: [...own.map((c) => c.value.id), ...ownFlags.map((f) => `flag:${f.value.id}`), ...weeks.map((w) => w.value.id)],
    };
  },
};
