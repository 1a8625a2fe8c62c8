// What the "I'm not okay" feature holds about one person, for subject access and erasure
// (kernel/subject-data.ts). Their own requests are theirs: exported with the note and the risk
// assessment decrypted, deleted by an erasure. Someone else's request that names them (as a
// responder) is that person's record: the erasure pseudonymises them in it.
import type { SubjectData } from '../../kernel/subject-data.ts';
import { withLatest } from '../../kernel/subject-data.ts';
import type { DeclarationDeps } from './deps.ts';
import { DECLARATION_KINDS, isOpen, type Declaration } from './rules.ts';

/** Has Haven still work to do on this request (alerts, escalation, follow-ups)? */
function stillActive(d: Declaration): boolean {
  return isOpen(d) || (d.status !== 'withdrawn' && (d.followUps ?? []).some((f) => !f.sentAt));
}

export const declarationSubjectData: SubjectData<Pick<DeclarationDeps, 'declarations' | 'stepAways'>> = {
  vocabulary: [
    ...DECLARATION_KINDS.map((k) => k.value),
    'declaration',
    'responder',
    'raised',
    'alerted',
    'escalated',
    'acknowledged',
    'realerted',
    'reassigned',
    'withdrawn',
    'assessed',
    // The redeployment discussion's outcomes and the move (issue #14 part 5).
    'moveAgreed',
    'stayingWithAdjustments',
    'notPossibleYet',
    'moveDone',
    'moveOverdue',
    // A break that ends (issue 14, part 1): the off-viewing period's words.
    'reviewSet',
    'reviewDue',
    'reviewOverdue',
    'readyToReturn',
    'returnAgreed',
    'accessRestored',
    'default',
    'pending',
    'done',
    'failed',
  ],

  async gather({ declarations, stepAways }, subject) {
    const id = subject.person.id;
    const all = await declarations.list();
    const owns = (d: Declaration) => d.personId === id || d.personId === subject.unrosteredId;
    const own = all.filter((d) => owns(d.value)).sort((a, b) => a.value.raisedAt.localeCompare(b.value.raisedAt));
    const others = all.filter((d) => !owns(d.value) && subject.mentionedIn(d.value));

    const away = (await stepAways.listForPerson(id)).sort((a, b) => a.value.startedAt.localeCompare(b.value.startedAt));
    const blockers: string[] = [];
    const openOwn = own.filter((d) => isOpen(d.value));
    if (openOwn.length) {
      blockers.push(
        `${id} has ${openOwn.length} open request(s) (${openOwn.map((d) => d.value.id).join(', ')}). An open welfare case must be closed first: its responders close it in Teams once it is looked after.`,
      );
    }
    const activeOthers = others.filter((d) => stillActive(d.value));
    if (activeOthers.length) {
      blockers.push(
        `${id} is named on ${activeOthers.length} other person's request(s) that Haven is still working on (${activeOthers.map((d) => d.value.id).join(', ')}): open, or with peer-support follow-ups still due. Erase once they are closed and their follow-ups sent (reassign first if ${id} is the one on call).`,
      );
    }

    return {
      own: [
        {
          kind: 'declarations',
          describe: 'request(s) they raised',
          // pendingEffects are Haven's own bookkeeping of messages not yet queued, not data about the person.
          records: own.map(({ value: { pendingEffects: _pending, ...d } }) => ({ id: d.id, data: d })),
          async erase() {
            for (const d of own)
              await withLatest(
                () => declarations.get(d.value.id),
                (c) => declarations.delete(c.value.id, c.version),
              );
          },
        },
        // Private screen breaks ("I'm stepping away for a bit"): only the person ever sees these.
        {
          kind: 'stepAways',
          describe: 'private screen break(s) they noted',
          records: away.map(({ value: s }) => ({ id: s.id, data: s })),
          async erase() {
            for (const s of away) {
              const current = (await stepAways.listForPerson(id)).find((v) => v.value.id === s.value.id);
              if (current) await stepAways.delete(current.value, current.version);
            }
          },
        },
      ],
      naming: [
        {
          kind: 'declarations',
          describe: "other person's request(s) they responded to",
          ids: others.map((d) => d.value.id),
          async pseudonymise(pseudonym) {
            for (const d of others)
              await withLatest(
                () => declarations.get(d.value.id),
                (c) => declarations.save(subject.replaceIn(c.value, pseudonym), c.version),
              );
          },
        },
      ],
      blockers,
      // Outbox ids start with the request's id; audit rows name it as `declaration:<id>`.
      references: own.flatMap((d) => [d.value.id, `declaration:${d.value.id}`]),
    };
  },
};
