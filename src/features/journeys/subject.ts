// What pre-deployment journeys hold about one person, for subject access and erasure
// (kernel/subject-data.ts). A journey of theirs as the candidate is their data (exported with answers
// and drafts decrypted, deleted by an erasure); a closed journey of someone else that names them (as
// trainer, opener or reviewer) is pseudonymised; any journey still in progress blocks the erasure.
import type { SubjectData } from '../../kernel/subject-data.ts';
import { withLatest } from '../../kernel/subject-data.ts';
import type { JourneyDeps } from './deps.ts';
import { isJourneyClosed } from './rules.ts';

export const journeySubjectData: SubjectData<Pick<JourneyDeps, 'journeys'>> = {
  vocabulary: ['journey'],

  async gather({ journeys }, subject) {
    const id = subject.person.id;
    const all = await journeys.list();
    const own = all.filter((j) => j.value.candidateId === id).sort((a, b) => a.value.openedAt.localeCompare(b.value.openedAt));
    const others = all.filter((j) => j.value.candidateId !== id && subject.mentionedIn(j.value));
    const open = [...own, ...others].filter((j) => !isJourneyClosed(j.value)).map((j) => j.value.id);
    return {
      own: [
        {
          kind: 'journeys',
          describe: 'pre-deployment journey(s) of theirs as the candidate, with the messages about them',
          records: own.map(({ value: { pendingEffects: _pending, ...j } }) => ({ id: j.id, data: j })),
          async erase() {
            for (const j of own)
              await withLatest(
                () => journeys.get(j.value.id),
                (c) => journeys.delete(c.value.id, c.version),
              );
          },
        },
      ],
      naming: [
        {
          kind: 'journeys',
          describe: "other candidate's closed journey(s) that name them (as trainer, opener or reviewer)",
          ids: others.map((j) => j.value.id),
          async pseudonymise(pseudonym) {
            for (const j of others)
              await withLatest(
                () => journeys.get(j.value.id),
                (c) => journeys.save(subject.replaceIn(c.value, pseudonym), c.version),
              );
          },
        },
      ],
      blockers: open.length
        ? [
            `${id} is on ${open.length} pre-deployment journey(s) still in progress (${open.join(', ')}): erase once they are withdrawn, cancelled or ready to start.`,
          ]
        : [],
      references: own.map((j) => `journey:${j.value.id}`),
    };
  },
};
