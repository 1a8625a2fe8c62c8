// What ongoing care holds about one person, for subject access and erasure (kernel/subject-data.ts).
// Their staged-exposure record (reflections and private notes decrypted), the care recorded for them,
// the reminders Haven keeps about what fell due for them, and the marks of periodic messages naming
// them are their data: exported and deleted by an erasure. Someone else's record that names them (who
// recorded the care, who was reminded, who confirmed a stage) is pseudonymised.
import type { SubjectData } from '../../kernel/subject-data.ts';
import { withLatest } from '../../kernel/subject-data.ts';
import type { CareDeps } from './deps.ts';

export const careSubjectData: SubjectData<Pick<CareDeps, 'care' | 'stages'>> = {
  async gather({ care, stages }, subject) {
    const id = subject.person.id;
    const stage = await stages.get(id);
    const records = (await care.listRecordsFor(id)).sort((a, b) => a.value.doneOn.localeCompare(b.value.doneOn));
    const reminders = (await care.listRemindersFor(id)).sort((a, b) => a.value.dueDate.localeCompare(b.value.dueDate));
    const marks = (await care.listMarksNaming(id)).sort((a, b) => a.at.localeCompare(b.at));
    const forward = await care.getForward(id);
    const otherStages = (await stages.list()).filter((x) => x.value.personId !== id && subject.mentionedIn(x.value));
    const otherRecords = (await care.listRecords()).filter((x) => x.value.personId !== id && subject.mentionedIn(x.value));
    const otherReminders = (await care.listReminders()).filter((x) => x.value.personId !== id && subject.mentionedIn(x.value));
    return {
      own: [
        {
          kind: 'stagedExposure',
          describe: 'staged-exposure record(s) of theirs, with reflections and private notes',
          records: stage ? [{ id, data: stage.value }] : [],
          async erase() {
            await withLatest(
              () => stages.get(id),
              (x) => stages.delete(id, x.version),
            );
          },
        },
        {
          kind: 'care',
          describe: 'care record(s) about them (what, when, by whom)',
          records: records.map((r) => ({ id: r.value.id, data: r.value })),
          async erase() {
            for (const r of records) await care.deleteRecord(r.value, r.version);
          },
        },
        {
          kind: 'careReminders',
          describe: 'care reminder(s) about them (what fell due, who was reminded)',
          records: reminders.map((r) => ({ id: r.value.id, data: r.value })),
          async erase() {
            for (const r of reminders) await care.deleteReminder(r.value, r.version);
          },
        },
        {
          kind: 'careMarks',
          describe: 'mark(s) of periodic messages naming them (a weekly team card, a span-of-control notice)',
          records: marks.map((m) => ({ id: m.key, data: m })),
          async erase() {
            await care.deleteMarksNaming(id);
          },
        },
        {
          kind: 'careForwards',
          describe: 'clinical supervision brought forward for them (when, due by, and whether a flag or a request raised it)',
          records: forward ? [{ id: forward.value.id, data: forward.value }] : [],
          async erase() {
            await withLatest(
              () => care.getForward(id),
              (x) => care.deleteForward(x.value, x.version),
            );
          },
        },
      ],
      naming: [
        {
          kind: 'stagedExposure',
          describe: "other person's staged-exposure record(s) that name them",
          ids: otherStages.map((x) => x.value.personId),
          async pseudonymise(pseudonym) {
            for (const s of otherStages)
              await withLatest(
                () => stages.get(s.value.personId),
                (c) => stages.save(subject.replaceIn(c.value, pseudonym), c.version),
              );
          },
        },
        {
          kind: 'care',
          describe: "other person's care record(s) that name them (as who recorded it)",
          ids: otherRecords.map((x) => x.value.id),
          async pseudonymise(pseudonym) {
            // Care records are written once (no save): replace is delete and add.
            for (const r of otherRecords) {
              await care.deleteRecord(r.value, r.version);
              await care.addRecord(subject.replaceIn(r.value, pseudonym));
            }
          },
        },
        {
          kind: 'careReminders',
          describe: "other person's care reminder(s) that name them (as who was reminded)",
          ids: otherReminders.map((x) => x.value.id),
          async pseudonymise(pseudonym) {
            for (const r of otherReminders)
              await withLatest(
                () => care.getReminder(r.value.id),
                (c) => care.saveReminder(subject.replaceIn(c.value, pseudonym), c.version),
              );
          },
        },
      ],
      blockers: [],
      references: [...records.map((r) => r.value.id), ...reminders.map((r) => r.value.id), ...(forward ? [forward.value.id] : [])],
    };
  },
};
