// What TRiM follow-ups hold about one person, for subject access and erasure (kernel/subject-data.ts).
// Their own follow-ups are theirs: exported (where each came from, when they were asked, their answer,
// whether it was held and when; there is no content to export, none is stored) and deleted by an
// erasure. A follow-up of someone else that names them (as the practitioner told or who recorded it,
// or the supervisor who offered it) is pseudonymised.
import type { SubjectData } from '../../kernel/subject-data.ts';
import { withLatest } from '../../kernel/subject-data.ts';
import type { TrimDeps } from './deps.ts';
import { trimStatus, TRIM_ORIGINS } from './rules.ts';

const FROM: Record<string, string> = {
  request72h: 'about 72 hours after you asked for support',
  request1month: 'about a month after you asked for support',
  notableCaseSupervisor: 'offered by your supervisor after a notable case',
  notableCaseSelf: 'you asked for it after a notable case',
};

export const trimSubjectData: SubjectData<Pick<TrimDeps, 'trimFollowUps'>> = {
  async gather({ trimFollowUps }, subject) {
    const id = subject.person.id;
    const own = (await trimFollowUps.listForPerson(id)).sort((a, b) => a.value.createdAt.localeCompare(b.value.createdAt));
    const others = (await trimFollowUps.list()).filter((f) => f.value.personId !== id && subject.mentionedIn(f.value));
    return {
      own: [
        {
          kind: 'trimFollowUps',
          describe: 'TRiM follow-up(s) of theirs (asked, answered, held; no content is stored)',
          records: own.map((f) => ({ id: f.value.id, data: { ...f.value, status: trimStatus(f.value), from: FROM[f.value.origin] } })),
          async erase() {
            for (const f of own)
              await withLatest(
                () => trimFollowUps.get(f.value.id),
                (x) => trimFollowUps.delete(x.value.id, x.version),
              );
          },
        },
      ],
      naming: [
        {
          kind: 'trimFollowUps',
          describe: "other person's TRiM follow-up(s) that name them (as the practitioner told, or who offered it)",
          ids: others.map((f) => f.value.id),
          async pseudonymise(pseudonym) {
            for (const f of others)
              await withLatest(
                () => trimFollowUps.get(f.value.id),
                (c) => trimFollowUps.save(subject.replaceIn(c.value, pseudonym), c.version),
              );
          },
        },
      ],
      // A follow-up someone else still has to arrange for them is not a reason to refuse their erasure:
      // it is theirs, and it goes with them.
      blockers: [],
      // Audit rows and outbox messages name a follow-up as `trim:<id>` (its id embeds the declaration or the person).
      references: own.map((f) => `trim:${f.value.id}`),
    };
  },
  vocabulary: [...TRIM_ORIGINS, 'yes', 'notNow', 'held', 'notArranged', 'trim', 'case'],
};
