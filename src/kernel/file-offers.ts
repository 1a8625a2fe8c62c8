// Issue 16 part 4: offering a file in someone's personal chat. The offer (who, what kind, parameters,
// expiry) is stored; the consent card goes out through the outbox like every proactive message and
// carries only the offer's opaque id. The content itself is never stored: src/teams/file-consent.ts asks
// the feature's FileKind to build it again when the person accepts.
import { randomUUID } from 'node:crypto';
import type { Clock, FileOfferRepository, FileOfferRequest, FileOffers, Notifier } from './ports.ts';

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
