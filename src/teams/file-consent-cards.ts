// Issue 16 part 4: the two Teams file attachments, as the Bot Connector expects them. Pure.
import type { FileConsentAttachment } from '../kernel/ports.ts';

export const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';

/** The consent card: Teams asks the person to allow the upload; both contexts carry only the offer id. */
export function fileConsentAttachment(f: FileConsentAttachment): Record<string, unknown> {
  return {
    contentType: FILE_CONSENT_CARD,
    name: f.name,
    content: {
      description: f.description,
      sizeInBytes: f.sizeInBytes,
      acceptContext: { offerId: f.offerId },
      declineContext: { offerId: f.offerId },
    },
  };
}

/** The file card shown once the file is in the person's OneDrive. */
export function fileInfoAttachment(u: { name: string; contentUrl: string; uniqueId: string; fileType: string }): Record<string, unknown> {
  return { contentType: FILE_INFO_CARD, contentUrl: u.contentUrl, name: u.name, content: { uniqueId: u.uniqueId, fileType: u.fileType } };
}
