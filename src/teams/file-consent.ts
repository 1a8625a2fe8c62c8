// Issue 16 part 4: the answer to Teams' file consent card (`fileConsent/invoke`). The person who clicks
// must be the person the file was offered to; the feature that offered it builds the content again now
// (re-checking in its policy that they may still have it); the bytes go to the upload URL Teams gave,
// and a file card follows. Declined, expired or already used: a clear message and nothing uploaded. A
// failed upload leaves the offer open and sends the consent card again, so it can be retried.
import http from 'node:http';
import https from 'node:https';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { FileKind } from '../kernel/feature.ts';
import type { Feature } from '../kernel/feature.ts';
import { identifyPerson, unrosteredId } from '../kernel/identify-person.ts';
import { noticeCard } from '../kernel/notice-card.ts';
import type { Card } from '../kernel/cards.ts';
import type { FileOffer, Versioned } from '../kernel/ports.ts';
import { VersionConflict } from '../kernel/ports.ts';
import { fileOfferMessageId } from '../kernel/file-offers.ts';
import type { AuditEntry } from '../kernel/types.ts';
import type { HavenDeps } from '../haven-deps.ts';
import { actorOf, isPersonalChat } from './activity.ts';
import { fileInfoAttachment } from './file-consent-cards.ts';

export const FILE_CONSENT_INVOKE = 'fileConsent/invoke';
/** An upload that started this long ago and never finished (a crash) may be tried again. */
const STUCK_UPLOAD_MS = 2 * 60 * 1000;
const UPLOAD_TIMEOUT_MS = 60_000;
const CARD = 'application/vnd.microsoft.card.adaptive';

const consentSchema = z.object({
  type: z.literal('fileUpload'),
  action: z.enum(['accept', 'decline']),
  context: z.object({ offerId: z.string().regex(/^[0-9a-f-]{36}$/) }).passthrough(),
  uploadInfo: z
    .object({
      uploadUrl: z.string().min(1).max(4000),
      name: z.string().min(1).max(400),
      contentUrl: z.string().min(1).max(4000),
      uniqueId: z.string().min(1).max(200),
      fileType: z.string().max(40).optional(),
    })
    .passthrough()
    .optional(),
});

/** Where Haven will PUT a file: https always; plain http only to loopback, and only in local mode (tests). */
export function uploadUrlAllowed(raw: string, mode: Config['mode']): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  return mode === 'local' && url.protocol === 'http:' && loopback;
}

/** PUTs the whole file in one range (Teams' upload session accepts files up to 4 MB in one request). */
export function uploadFile(uploadUrl: string, bytes: Buffer, timeoutMs = UPLOAD_TIMEOUT_MS): Promise<number> {
  const url = new URL(uploadUrl);
  const request = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'PUT',
        headers: {
          'Content-Type': 'application/octet-stream',
          'Content-Length': String(bytes.length),
          'Content-Range': `bytes 0-${Math.max(0, bytes.length - 1)}/${bytes.length}`,
        },
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('upload timed out')));
    req.on('error', reject);
    req.end(bytes);
  });
}

function notice(title: string, text: string): Partial<import('botbuilder').Activity> {
  const card: Card = noticeCard({ title, lines: [{ text }], showFooter: false });
  return { type: ActivityTypes.Message, attachments: [{ contentType: CARD, content: card }] };
}

const MESSAGES = {
  notUnderstood: notice('That file could not be sent', 'Teams sent something Haven did not recognise. Nothing was uploaded.'),
  notYours: notice(
    'That file is not available',
    'This file was not offered to you, or the offer no longer exists. Nothing was uploaded. Type "reports" or ask again for a new one.',
  ),
  expired: notice(
    'That offer has expired',
    'Files offered by Haven can be accepted for a day. Nothing was uploaded. Ask again for a new one.',
  ),
  used: notice('That file was already handled', 'You have already accepted or declined this file. Nothing more was uploaded.'),
  busy: notice('That file is on its way', 'Haven is already sending this file. Nothing more was uploaded.'),
  declined: notice('Not downloaded', 'No problem: nothing was saved to your OneDrive. You can ask for the file again at any time.'),
  badUrl: notice(
    'That file could not be sent',
    'Teams gave an upload address Haven does not trust, so nothing was uploaded. Please try again; if it keeps happening, tell your administrator.',
  ),
} as const;

export function registerFileConsent(
  app: Application,
  config: Config,
  deps: HavenDeps,
  features: readonly Feature<HavenDeps>[],
  log: Logger,
): void {
  const kinds = new Map<string, FileKind<HavenDeps>>();
  for (const f of features)
    for (const k of f.files ?? []) {
      if (kinds.has(k.kind)) throw new Error(`file kind ${k.kind} has two owners (the second in ${f.name})`);
      kinds.set(k.kind, k);
    }

  const isFileConsent = async (context: TurnContext) =>
    context.activity.type === ActivityTypes.Invoke && context.activity.name === FILE_CONSENT_INVOKE;

  app.addRoute(
    isFileConsent,
    async (context) => {
      try {
        await handle(context);
      } finally {
        // Teams waits for the invoke's answer; it is 200 whatever happened (what happened is in the chat).
        await context.sendActivity({ type: 'invokeResponse', value: { status: 200 } });
      }
    },
    true,
  );

  async function handle(context: TurnContext): Promise<void> {
    const parsed = consentSchema.safeParse(context.activity.value);
    const actor = actorOf(context.activity);
    if (!parsed.success || !actor || !isPersonalChat(context.activity)) {
      log.warn({ issues: parsed.success ? 0 : parsed.error.issues.length }, 'file consent not understood; nothing uploaded');
      await context.sendActivity(MESSAGES.notUnderstood);
      return;
    }
    const value = parsed.data;
    const now = deps.clock.now();
    const person = (await identifyPerson(deps, actor))?.value;
    const viewerId = person?.id ?? unrosteredId(actor);
    const audit = (action: AuditEntry['action'], subject: string, reason: string, outcome: AuditEntry['outcome'] = 'ok') =>
      deps.audit.append({ at: now.toISOString(), actor: viewerId, action, subject, reason, outcome });

    const stored = await deps.fileOfferRecords.get(value.context.offerId);
    if (!stored || !person || stored.value.personId !== person.id || !kinds.has(stored.value.kind)) {
      await audit(
        'file.download',
        `file:${value.context.offerId.slice(0, 80)}`,
        stored ? 'not offered to them' : 'no such offer',
        'denied',
      );
      await context.sendActivity(MESSAGES.notYours);
      return;
    }
    const offer = stored.value;
    const subject = `file:${offer.id}`;
    if (value.action === 'decline') {
      if (offer.status === 'offered') await settle(stored, { status: 'declined' }).catch(ignoreConflict);
      await audit('file.decline', subject, offer.kind);
      await context.sendActivity(MESSAGES.declined);
      return;
    }
    if (offer.status === 'delivered' || offer.status === 'declined' || offer.status === 'refused') {
      await audit('file.download', subject, `${offer.kind}: already ${offer.status}`, 'denied');
      await context.sendActivity(MESSAGES.used);
      return;
    }
    if (offer.status === 'uploading' && now.getTime() - Date.parse(offer.updatedAt) < STUCK_UPLOAD_MS) {
      await context.sendActivity(MESSAGES.busy);
      return;
    }
    if (now.toISOString() > offer.expiresAt) {
      await audit('file.download', subject, `${offer.kind}: expired`, 'denied');
      await context.sendActivity(MESSAGES.expired);
      return;
    }
    const upload = value.uploadInfo;
    if (!upload || !uploadUrlAllowed(upload.uploadUrl, config.mode)) {
      log.warn({ offerKind: offer.kind }, 'file consent with an upload URL Haven does not trust; nothing uploaded');
      await audit('file.download', subject, `${offer.kind}: upload address refused`, 'denied');
      await context.sendActivity(MESSAGES.badUrl);
      return;
    }
    // Claim the offer (guarded by its ETag): a second accept of the same card meets 'uploading'.
    let claimed: Versioned<FileOffer>;
    try {
      claimed = await settle(stored, { status: 'uploading', attempts: offer.attempts + 1 });
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
      await context.sendActivity(MESSAGES.busy);
      return;
    }
    const generated = await kinds.get(offer.kind)!.generate(deps, { personId: person.id, params: offer.params });
    if (!generated.ok) {
      await settle(claimed, { status: 'refused' });
      await audit('file.download', subject, `${offer.kind}: no longer entitled`, 'denied');
      await context.sendActivity(notice('That file is not available now', `${generated.message} Nothing was uploaded.`));
      return;
    }
    const bytes = Buffer.from(generated.content, 'utf8');
    let status = 0;
    try {
      status = await uploadFile(upload.uploadUrl, bytes);
    } catch (error) {
      log.warn({ err: { name: (error as Error).name }, offerKind: offer.kind }, 'file upload failed');
    }
    if (status < 200 || status >= 300) {
      const reopened = await settle(claimed, { status: 'offered' });
      await audit('file.download', subject, `${offer.kind}: upload failed${status ? ` (${status})` : ''}`, 'failed');
      // The same offer, on a fresh consent card: allowing it again tries the upload again.
      await deps.notifier.enqueue({
        id: fileOfferMessageId(offer.id, reopened.value.attempts),
        lane: 'bulk',
        target: { kind: 'person', personId: person.id },
        operation: 'send',
        activity: {
          text: 'Haven has a file for you',
          fileConsent: {
            name: offer.fileName,
            description: 'The same file, offered again after a failed upload.',
            sizeInBytes: bytes.length,
            offerId: offer.id,
          },
        },
        purpose: 'file.offer',
      });
      await context.sendActivity(
        notice(
          'The file did not arrive',
          'OneDrive did not accept the upload, so the file is not in your OneDrive. Haven has offered it again: choose Allow on the new card to try once more.',
        ),
      );
      return;
    }
    await settle(claimed, { status: 'delivered' });
    await audit('file.download', subject, offer.kind);
    log.info({ offerKind: offer.kind, bytes: bytes.length }, 'file delivered');
    await context.sendActivity({
      type: ActivityTypes.Message,
      attachments: [
        fileInfoAttachment({
          name: upload.name,
          contentUrl: upload.contentUrl,
          uniqueId: upload.uniqueId,
          fileType: upload.fileType ?? offer.fileName.split('.').pop() ?? '',
        }) as never,
      ],
    });
  }

  async function settle(current: Versioned<FileOffer>, change: Partial<FileOffer>): Promise<Versioned<FileOffer>> {
    const next: FileOffer = { ...current.value, ...change, updatedAt: deps.clock.now().toISOString() };
    return { value: next, version: await deps.fileOfferRecords.save(next, current.version) };
  }
}

function ignoreConflict(error: unknown): void {
  if (!(error instanceof VersionConflict)) throw error;
}
