// The file consent card's pieces, pure: the attachments as Teams expects them, the upload address rule
// (https always; plain http only to loopback and only in local mode), and the file name cleaning.
import assert from 'node:assert/strict';
import { fileConsentAttachment, fileInfoAttachment, FILE_CONSENT_CARD, FILE_INFO_CARD } from '../../../src/teams/file-consent-cards.ts';
import { uploadUrlAllowed } from '../../../src/teams/file-consent.ts';
import { safeFileName } from '../../../src/kernel/file-offers.ts';
import { BotConnectorGateway } from '../../../src/teams/connector-gateway.ts';

describe('file consent: attachments, upload addresses and file names', () => {
  it('the consent card carries name, description and size, and only the offer id as context', () => {
    const a = fileConsentAttachment({ name: 'r.csv', description: 'Report', sizeInBytes: 12, offerId: 'o-1' }) as any;
    assert.equal(a.contentType, FILE_CONSENT_CARD);
    assert.equal(a.name, 'r.csv');
    assert.deepEqual(a.content, {
      description: 'Report',
      sizeInBytes: 12,
      acceptContext: { offerId: 'o-1' },
      declineContext: { offerId: 'o-1' },
    });
    const info = fileInfoAttachment({ name: 'r.csv', contentUrl: 'https://x/r.csv', uniqueId: 'u', fileType: 'csv' }) as any;
    assert.deepEqual(info, {
      contentType: FILE_INFO_CARD,
      contentUrl: 'https://x/r.csv',
      name: 'r.csv',
      content: { uniqueId: 'u', fileType: 'csv' },
    });
  });

  it('the gateway sends a consent card as the activity attachment, with the neutral text', () => {
    const ref = {
      target: { kind: 'person' as const, personId: 'p' },
      conversationId: 'a:1',
      serviceUrl: 'https://s/',
      tenantId: 't',
      botId: 'b',
      capturedAt: '',
    };
    const body = BotConnectorGateway.toActivity(ref, {
      text: 'Haven has a file for you',
      fileConsent: { name: 'r.csv', description: 'Report', sizeInBytes: 12, offerId: 'o-1' },
    }) as any;
    assert.equal(body.text, 'Haven has a file for you');
    assert.equal(body.attachments.length, 1);
    assert.equal(body.attachments[0].contentType, FILE_CONSENT_CARD);
  });

  it('upload addresses: https anywhere; http only to loopback in local mode; never credentials or other schemes', () => {
    const cases: [string, 'local' | 'production', boolean][] = [
      ['https://contoso-my.sharepoint.com/upload?x=1', 'production', true],
      ['https://contoso-my.sharepoint.com/upload', 'local', true],
      ['http://127.0.0.1:5000/upload', 'local', true],
      ['http://localhost:5000/upload', 'local', true],
      ['http://[::1]:5000/upload', 'local', true],
      ['http://127.0.0.1:5000/upload', 'production', false],
      ['http://contoso-my.sharepoint.com/upload', 'production', false],
      ['http://example.com/upload', 'local', false],
      ['http://127.0.0.1.example.com/upload', 'local', false],
      ['https://user:pw@contoso-my.sharepoint.com/upload', 'production', false],
      ['ftp://127.0.0.1/x', 'local', false],
      ['file:///etc/passwd', 'local', false],
      ['not a url', 'local', false],
    ];
    for (const [url, mode, ok] of cases) assert.equal(uploadUrlAllowed(url, mode), ok, `${url} in ${mode}`);
  });

  it('file names keep letters, digits, dot, dash and underscore only', () => {
    assert.equal(safeFileName('predeployment-2025-11-24-2026-11-23.csv'), 'predeployment-2025-11-24-2026-11-23.csv');
    assert.equal(safeFileName('../../etc/passwd'), 'etc-passwd');
    assert.equal(safeFileName('a b/c\\d.csv'), 'a-b-c-d.csv');
    assert.equal(safeFileName(''), 'haven-file');
  });
});
