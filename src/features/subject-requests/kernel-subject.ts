// What the kernel holds about one person, as a SubjectData like any feature's: their own absences and
// their conversation reference (exported, deleted), other supervisors' past absences they covered
// (pseudonymised), and the roster rows and settings that still need them (blockers). The roster entry
// itself, the outbox and the audit trail are handled by subject-request.ts, since they depend on
// what every piece found.
import type { SubjectData } from '../../kernel/subject-data.ts';
import { withLatest } from '../../kernel/subject-data.ts';
import type { Absence } from '../../kernel/types.ts';
import type { Versioned } from '../../kernel/ports.ts';
import type { SubjectKernelDeps } from './deps.ts';

export const kernelSubjectData: SubjectData<SubjectKernelDeps> = {
  async gather(deps, subject) {
    const id = subject.person.id;
    const [people, units, absences, conversation] = await Promise.all([
      deps.people.list(),
      deps.units.list(),
      deps.absences.list(),
      deps.conversations.get({ kind: 'person', personId: id }),
    ]);
    const own = absences.filter((a) => a.value.personId === id);
    const covered = absences.filter((a) => a.value.personId !== id && a.value.coverId === id);
    const pastCovered = covered.filter((a) => a.value.to < subject.today);
    const reread = (a: Versioned<Absence>) => async () =>
      (await deps.absences.list()).find((x) => x.value.id === a.value.id && x.value.personId === a.value.personId);

    const blockers: string[] = [];
    const supervised = people
      .filter((p) => p.value.id !== id && (p.value.supervisorId === id || p.value.coverId === id))
      .map((p) => p.value.id);
    if (supervised.length)
      blockers.push(
        `The roster names ${id} as supervisor or cover of ${supervised.join(', ')}: import a roster that names someone else, then erase.`,
      );
    const headOf = units.filter((u) => u.value.departmentHeadId === id || u.value.aboveId === id).map((u) => u.value.id);
    if (headOf.length)
      blockers.push(
        `The roster names ${id} as department head or "above" of unit(s) ${headOf.join(', ')}: import a roster that names someone else, then erase.`,
      );
    const covering = covered.filter((a) => a.value.to >= subject.today).map((a) => a.value.id);
    if (covering.length)
      blockers.push(`${id} covers current or future absence(s) ${covering.join(', ')}: import a roster with another cover, then erase.`);
    if (deps.fallbackResponders.includes(id))
      blockers.push(`${id} is in HAVEN_FALLBACK_RESPONDERS: remove them from the configuration and restart Haven, then erase.`);

    return {
      own: [
        {
          kind: 'absences',
          describe: 'absence(s) of theirs',
          records: own.map((a) => ({ id: a.value.id, data: a.value })),
          async erase() {
            for (const a of own) await withLatest(reread(a), (c) => deps.absences.delete(c.value, c.version));
          },
        },
        {
          kind: 'conversations',
          describe: 'conversation reference(s)',
          records: conversation ? [{ id: `person:${id}`, data: conversation.value }] : [],
          async erase() {
            await deps.conversations.remove({ kind: 'person', personId: id });
          },
        },
      ],
      naming: [
        {
          kind: 'absences',
          describe: 'past absence(s) they covered',
          ids: pastCovered.map((a) => a.value.id),
          async pseudonymise(pseudonym) {
            for (const a of pastCovered)
              await withLatest(reread(a), (c) => deps.absences.save({ ...c.value, coverId: pseudonym }, c.version));
          },
        },
      ],
      blockers,
      references: [],
    };
  },
};
