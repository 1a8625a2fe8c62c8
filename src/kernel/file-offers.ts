// Issue 16 part 4: offering a file in someone's personal chat. The offer (who, what kind, parameters,
// expiry) is stored; the consent card goes out through the outbox like every proactive message and
// carries only the offer's opaque id. The content itself is never stored: src/teams/file-consent.ts asks
// the feature's FileKind to build it again when the person accepts.
import { randomUUID } from 'node:crypto';
import type { Clock, FileOfferRepository, FileOfferRequest, FileOffers, Notifier } from './ports.ts';
import { withLatest, type SubjectData } from './subject-data.ts';

/** How long a consent card can be accepted. */
export const FILE_OFFER_TTL_MS = 24 * 60 * 60 * 1000;

/** The outbox id of an offer's consent card (attempt 0 first; a failed upload sends it again). */
export function fileOfferMessageId(offerId: string, attempt: number): string {
  return `file:${offerId}:${attempt}`;
}

/** Safe as a file name in OneDrive: letters, digits, dot, dash and underscore only. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return (cleaned || 'haven-file').slice(0, 120);
}

export class OutboxFileOffers implements FileOffers {
  constructor(
    private readonly repo: FileOfferRepository,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
    private readonly ttlMs = FILE_OFFER_TTL_MS,
  ) {}

  async offer(request: FileOfferRequest): Promise<{ offerId: string }> {
    const now = this.clock.now();
    const id = randomUUID();
    const fileName = safeFileName(request.fileName);
    await this.repo.create({
      id,
      personId: request.personId,
      kind: request.kind,
      params: request.params,
      fileName,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.ttlMs).toISOString(),
      status: 'offered',
      attempts: 0,
      updatedAt: now.toISOString(),
    });
    await this.notifier.enqueue({
      id: fileOfferMessageId(id, 0),
      lane: 'bulk',
      target: { kind: 'person', personId: request.personId },
      operation: 'send',
      activity: {
        text: 'Haven has a file for you',
        fileConsent: { name: fileName, description: request.description, sizeInBytes: request.sizeInBytes, offerId: id },
      },
      purpose: 'file.offer',
    });
    return { offerId: id };
  }
}

/** What offering and delivering files needs (HavenDeps includes it; main.ts wires it). */
export interface FileOfferDeps {
  /** Offer a file to someone (features use this). */
  fileOffers: FileOffers;
  /** The stored offers (src/teams/file-consent.ts reads and settles them). */
  fileOfferRecords: FileOfferRepository;
}

/**
 * What file offers hold about a person (subject access and erasure), for the features that make them,
 * each for its own kinds: offers made to them are theirs (exported without content, none is stored;
 * deleted by an erasure); an offer to someone else whose parameters name them (an audit export about
 * them) is pseudonymised.
 */
export function fileOfferSubjectData(kinds: readonly string[]): SubjectData<Pick<FileOfferDeps, 'fileOfferRecords'>> {
  return {
    async gather({ fileOfferRecords }, subject) {
      const all = (await fileOfferRecords.list()).filter((o) => kinds.includes(o.value.kind));
      const own = all.filter((o) => o.value.personId === subject.person.id);
      const others = all.filter((o) => o.value.personId !== subject.person.id && subject.mentionedIn(o.value));
      return {
        own: [
          {
            kind: 'fileOffers',
            describe: 'file(s) offered to them in their chat (what and when; the files themselves are not stored)',
            records: own.map((o) => ({ id: o.value.id, data: o.value })),
            async erase() {
              for (const o of own)
                await withLatest(
                  () => fileOfferRecords.get(o.value.id),
                  (x) => fileOfferRecords.delete(x.value.id, x.version),
                );
            },
          },
        ],
        naming: [
          {
            kind: 'fileOffers',
            describe: "other person's file offer(s) about them (an audit trail export)",
            ids: others.map((o) => o.value.id),
            async pseudonymise(pseudonym) {
              for (const o of others)
                await withLatest(
                  () => fileOfferRecords.get(o.value.id),
                  (c) => fileOfferRecords.save(subject.replaceIn(c.value, pseudonym), c.version),
                );
            },
          },
        ],
        blockers: [],
        // Audit rows name an offer `file:<id>`; its consent cards are outbox messages `file:<id>:<n>`.
        references: own.map((o) => `file:${o.value.id}`),
      };
    },
    vocabulary: ['file', 'offered', 'uploading', 'delivered', 'declined', 'refused', 'csv', 'html', 'report', 'unit', 'predeployment'],
  };
}
