// What the annual suitability questionnaire holds about one person, for subject access and erasure
// (kernel/subject-data.ts). Their questionnaires are theirs: exported with the answers, the review
// outcome and the reviewer's note decrypted (in Teams the note is shown to reviewers only; a subject
// access request is the formal route to everything held about them, and whoever handles it applies
// any exemption), deleted by an erasure. Someone else's questionnaire that names them (as reviewer,
// or one it was shared with) is pseudonymised.
import type { SubjectData } from '../../kernel/subject-data.ts';
import { withLatest } from '../../kernel/subject-data.ts';
import type { SuitabilityDeps } from './deps.ts';

export const suitabilitySubjectData: SubjectData<Pick<SuitabilityDeps, 'suitability'>> = {
  async gather({ suitability }, subject) {
    const id = subject.person.id;
    const own = (await suitability.listForPerson(id)).sort((a, b) => a.value.dueDate.localeCompare(b.value.dueDate));
    const others = (await suitability.list()).filter((q) => q.value.personId !== id && subject.mentionedIn(q.value));
    return {
      own: [
        {
          kind: 'suitability',
          describe: 'suitability questionnaire(s) of theirs, with their answers and reviews',
          records: own.map((q) => ({ id: q.value.id, data: q.value })),
          async erase() {
            for (const q of own)
              await withLatest(
                () => suitability.get(q.value.id),
                (x) => suitability.delete(x.value.id, x.version),
              );
          },
        },
      ],
      naming: [
        {
          kind: 'suitability',
          describe: "other person's suitability questionnaire(s) that name them (as reviewer or one it was shared with)",
          ids: others.map((q) => q.value.id),
          async pseudonymise(pseudonym) {
            for (const q of others)
              await withLatest(
                () => suitability.get(q.value.id),
                (c) => suitability.save(subject.replaceIn(c.value, pseudonym), c.version),
              );
          },
        },
      ],
      blockers: [],
      references: own.map((q) => q.value.id),
    };
  },
};
