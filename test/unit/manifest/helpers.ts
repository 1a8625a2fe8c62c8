import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MANIFEST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'manifest');
export const TEMPLATE = join(MANIFEST_DIR, 'manifest.template.json');

export type Env = Record<string, string | undefined>;

export const TEAMS_APP_ID = '0b7e3f4a-5c6d-4e8f-9a0b-1c2d3e4f5a6b';
export const BOT_ID = '99999999-8888-4777-8666-555555555555';

export const validEnv: Env = {
  HAVEN_TEAMS_APP_ID: TEAMS_APP_ID,
  MicrosoftAppId: BOT_ID,
  HAVEN_BOT_DOMAIN: 'haven-prod.azurewebsites.net',
  HAVEN_DEVELOPER_NAME: 'Example "Constabulary"',
  HAVEN_WEBSITE_URL: 'https://www.example.police.uk/haven',
  HAVEN_PRIVACY_URL: 'https://www.example.police.uk/haven/privacy',
  HAVEN_TERMS_URL: 'https://www.example.police.uk/haven/terms',
};

export const REQUIRED = [
  'HAVEN_TEAMS_APP_ID',
  'MicrosoftAppId',
  'HAVEN_BOT_DOMAIN',
  'HAVEN_DEVELOPER_NAME',
  'HAVEN_WEBSITE_URL',
  'HAVEN_PRIVACY_URL',
  'HAVEN_TERMS_URL',
];

/** A scratch directory; removed by the returned cleanup. */
export function scratch(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'haven-manifest-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A copy of manifest/ (template and icons) in dir, with the template changed by edit. */
export function copyManifestDir(dir: string, edit: (template: string) => string = (t) => t): string {
  for (const f of ['color.png', 'outline.png']) copyFileSync(join(MANIFEST_DIR, f), join(dir, f));
  const template = join(dir, 'manifest.template.json');
  writeFileSync(template, edit(readFileSync(TEMPLATE, 'utf8')));
  return template;
}
