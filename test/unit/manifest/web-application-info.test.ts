// Issue 16 (graph): Haven installs itself for people with TeamsAppInstallation.ReadWriteSelfForUser.All,
// which Graph allows only for the Teams app whose manifest names the calling Entra app in
// webApplicationInfo.id. That is the bot's identity (the same id as bots[0].botId).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { buildAppPackage } from '../../../src/cli/package-app.ts';
import { BOT_ID, scratch, validEnv } from './helpers.ts';

describe('Teams app package: webApplicationInfo for installing itself through Graph', () => {
  it("names the bot's identity, the same id as the bot", async () => {
    const { dir, cleanup } = scratch();
    try {
      const outFile = join(dir, 'haven-app.zip');
      await buildAppPackage({ env: validEnv, outFile, defaultVersion: '0.1.0' });
      const zip = await JSZip.loadAsync(readFileSync(outFile));
      const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
        webApplicationInfo?: { id?: string };
        bots: { botId: string }[];
      };
      assert.equal(manifest.webApplicationInfo?.id, BOT_ID);
      assert.equal(manifest.webApplicationInfo?.id, manifest.bots[0]!.botId);
    } finally {
      cleanup();
    }
  });
});
