// Card gallery: every card template in every state (test/fixtures/cards.ts), rendered by the
// adaptivecards library in Chromium with a Teams-like host config, into one self-contained HTML page
// a reviewer can scroll and one PNG per card.
//
//   npm run cards:gallery      → test-results/cards-gallery/index.html, <template>--<state>.png,
//                                full-page.png and results.json; exits 1 if any card has errors.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CARD_FIXTURES, templateNames, type CardFixture } from '../fixtures/cards.ts';
import { launchChromium } from '../support/chromium.ts';
import { TEAMS_COLOURS, TEAMS_FONT_STACK, TEAMS_HOST_CONFIG } from './teams-host-config.ts';

export const GALLERY_DIR = 'test-results/cards-gallery';

const require = createRequire(import.meta.url);

export interface GalleryCardResult {
  template: string;
  state: string;
  slug: string;
  /** The card's PNG (element screenshot of its figure). */
  png: string;
  bindError: string | null;
  /** SerializationContext events while parsing for Adaptive Cards 1.5. */
  parseErrors: string[];
  /** validateProperties() events, with the Teams-like host config. */
  validationErrors: string[];
  /** An exception thrown by parse, validate or render. */
  renderError: string | null;
  /** render() returned an element. */
  rendered: boolean;
  width: number;
  height: number;
  /** Action.Execute in the card JSON (fallbacks not counted) and as parsed: equal when the renderer kept them all. */
  executeActionsInJson: number;
  executeActionsParsed: number;
  /** Titles of the rendered action buttons. */
  buttons: string[];
  /** Everything wrong with this card; empty when it is fine. */
  errors: string[];
}

export interface GalleryReport {
  dir: string;
  html: string;
  fullPagePng: string;
  cards: GalleryCardResult[];
  /** Templates in cards/ that no fixture renders. */
  missingTemplates: string[];
  /** Uncaught page errors, console errors and any network request the page tried to make. */
  pageErrors: string[];
  ok: boolean;
}

export interface GalleryOptions {
  outDir?: string;
  fixtures?: readonly CardFixture[];
}

export function stateSlug(state: string): string {
  return (
    state
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'default'
  );
}

interface PageCard {
  template: string;
  state: string;
  slug: string;
  card: unknown;
  bindError: string | null;
}

type PageCardResult = Omit<GalleryCardResult, 'png' | 'errors'>;

/** A script's text, safe to put between <script> and </script>. */
function scriptText(js: string, what: string): string {
  if (/<\/script|<!--/i.test(js)) throw new Error(`${what} cannot be inlined in a <script> element as it is`);
  return js;
}

/** JSON as a JavaScript expression safe inside <script>. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function pageCss(): string {
  const c = TEAMS_COLOURS;
  return `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; background: ${c.chatBackground}; color: ${c.text}; font-family: ${TEAMS_FONT_STACK}; font-size: 14px; }
header h1 { font-size: 20px; font-weight: 600; margin: 0 0 4px; }
header p { margin: 0 0 4px; color: ${c.subtle}; }
#summary { color: ${c.good}; font-weight: 600; }
#summary.failed { color: ${c.attention}; }
nav { margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 6px 14px; }
nav a { color: ${c.accent}; text-decoration: none; }
section.template { margin-top: 28px; }
section.template h2 { font-size: 16px; font-weight: 600; margin: 0 0 12px; border-bottom: 1px solid ${c.border}; padding-bottom: 6px; }
section.template h2 .file { font-weight: 400; color: ${c.subtle}; font-size: 13px; margin-left: 10px; font-family: Consolas, 'Liberation Mono', monospace; }
.grid { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
figure { margin: 0; padding: 12px; width: 524px; background: ${c.chatBackground}; }
figcaption { font-size: 13px; font-weight: 600; color: ${c.subtle}; margin: 0 0 8px; }
.bubble { width: 500px; background: ${c.card}; border: 1px solid ${c.border}; border-radius: 6px; box-shadow: 0 1px 2px rgba(0,0,0,0.08); overflow: hidden; }
figure.failed .bubble { border-color: ${c.attention}; }
ul.problems { margin: 8px 0 0; padding-left: 18px; color: ${c.attention}; font-size: 12px; }
/* Teams-like card chrome for what the host config does not cover: buttons and inputs. */
.bubble .ac-adaptiveCard { font-family: ${TEAMS_FONT_STACK}; }
.bubble .ac-textBlock p { margin: 0; }
/* Teams wraps a row of buttons that does not fit rather than cutting their titles short. */
.bubble .ac-actionSet { flex-wrap: wrap; gap: 8px; }
.bubble .ac-actionSet > div:empty { display: none; }
.bubble .ac-pushButton { font-family: ${TEAMS_FONT_STACK}; font-size: 14px; font-weight: 600; line-height: 20px; min-height: 32px; padding: 5px 12px; border-radius: 4px; background: ${c.card}; color: ${c.text}; border: 1px solid #D1D1D1; }
.bubble .ac-pushButton:hover { background: ${c.chatBackground}; color: ${c.text}; border-color: #C7C7C7; }
.bubble .ac-pushButton.style-positive { background: ${c.accent}; color: #FFFFFF; border-color: ${c.accent}; }
.bubble .ac-pushButton.style-positive:hover { background: ${c.accentHover}; border-color: ${c.accentHover}; }
.bubble .ac-pushButton.style-destructive { background: ${c.card}; color: ${c.attention}; border-color: ${c.attention}; }
.bubble .ac-pushButton.style-destructive:hover { background: ${c.attentionBackground}; }
.bubble .ac-input { font-family: ${TEAMS_FONT_STACK}; font-size: 14px; color: ${c.text}; }
.bubble .ac-input.ac-textInput, .bubble .ac-input.ac-numberInput, .bubble .ac-input.ac-dateInput, .bubble .ac-input.ac-timeInput, .bubble .ac-input.ac-multichoiceInput {
  border: 1px solid #D1D1D1; border-bottom-color: #616161; border-radius: 4px; padding: 5px 10px; background: ${c.card}; min-height: 32px; }
.bubble .ac-input.ac-textInput.ac-multiline { height: 72px; }
.bubble .ac-input input[type=radio], .bubble .ac-input input[type=checkbox] { accent-color: ${c.accent}; }
`;
}

export function buildGalleryHtml(cards: readonly PageCard[]): string {
  const bundle = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');
  const libraryCss = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.css'), 'utf8');
  const pageScript = readFileSync(new URL('./gallery-page.js', import.meta.url), 'utf8');
  const { version } = require('adaptivecards/package.json') as { version: string };
  const templates = [...new Set(cards.map((c) => c.template))];
  const input = { hostConfig: TEAMS_HOST_CONFIG, cards };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>Haven card gallery</title>
<style>
${libraryCss.replace(/<\/style/gi, '<\\/style')}
</style>
<style>${pageCss()}</style>
</head>
<body>
<header>
<h1>Haven card gallery</h1>
<p>Every card template in every state, bound with fixture data (test/fixtures/cards.ts) and rendered by adaptivecards ${escapeHtml(version)} for Adaptive Cards 1.5 with a Teams-like host config (light theme).</p>
<p id="summary">Rendering…</p>
<nav>${templates.map((t) => `<a href="#template-${escapeHtml(t)}">${escapeHtml(t)}</a>`).join('')}</nav>
</header>
<main id="gallery"></main>
<script>
${scriptText(bundle, 'the adaptivecards bundle')}
</script>
<script>window.__galleryInput = ${jsonForScript(input)};</script>
<script>
${scriptText(pageScript, 'gallery-page.js')}
</script>
</body>
</html>
`;
}

function bindAll(fixtures: readonly CardFixture[]): PageCard[] {
  const seen = new Set<string>();
  return fixtures.map((f) => {
    const slug = `${f.template}--${stateSlug(f.state)}`;
    if (seen.has(slug)) throw new Error(`two fixtures share the file name ${slug}.png: give "${f.template} — ${f.state}" a distinct state`);
    seen.add(slug);
    try {
      return { template: f.template, state: f.state, slug, card: f.card(), bindError: null };
    } catch (e) {
      return { template: f.template, state: f.state, slug, card: null, bindError: e instanceof Error ? e.message : String(e) };
    }
  });
}

function errorsOf(r: PageCardResult): string[] {
  const errors: string[] = [];
  if (r.bindError) errors.push(`bind: ${r.bindError}`);
  for (const e of r.parseErrors) errors.push(`parse: ${e}`);
  for (const e of r.validationErrors) errors.push(`validation: ${e}`);
  if (r.renderError) errors.push(`render: ${r.renderError}`);
  if (!r.bindError && !r.renderError && !r.rendered) errors.push('render() returned no element');
  if (r.rendered && (r.width === 0 || r.height === 0)) errors.push(`rendered element has no size (${r.width}×${r.height})`);
  if (r.executeActionsParsed !== r.executeActionsInJson)
    errors.push(`${r.executeActionsInJson} Action.Execute in the card but ${r.executeActionsParsed} after parsing: the renderer fell back`);
  return errors;
}

/** Builds the gallery page, renders it in Chromium and screenshots every card. */
export async function buildCardGallery(options: GalleryOptions = {}): Promise<GalleryReport> {
  const dir = resolve(options.outDir ?? GALLERY_DIR);
  const fixtures = options.fixtures ?? CARD_FIXTURES;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });

  const cards = bindAll(fixtures);
  const html = join(dir, 'index.html');
  writeFileSync(html, buildGalleryHtml(cards));

  const pageErrors: string[] = [];
  const userDataDir = mkdtempSync(join(tmpdir(), 'haven-gallery-chromium-'));
  const context = await launchChromium(userDataDir, { width: 1200, height: 900 });
  let results: PageCardResult[];
  const fullPagePng = join(dir, 'full-page.png');
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(`console error: ${m.text()}`);
    });
    page.on('request', (r) => {
      if (!/^(file|data|about):/.test(r.url())) pageErrors.push(`network request: ${r.url()}`);
    });
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
    await page.waitForFunction('window.__galleryDone === true', undefined, { timeout: 30_000 });
    await page.evaluate('document.fonts.ready');
    results = (await page.evaluate('window.__galleryResults')) as PageCardResult[];
    for (const r of results) {
      await page.locator(`figure[data-slug="${r.slug}"]`).screenshot({ path: join(dir, `${r.slug}.png`) });
    }
    await page.screenshot({ path: fullPagePng, fullPage: true });
  } finally {
    await context.close().catch(() => undefined);
    rmSync(userDataDir, { recursive: true, force: true });
  }

  const covered = new Set(fixtures.map((f) => f.template));
  const missingTemplates = templateNames().filter((t) => !covered.has(t));
  const cardResults: GalleryCardResult[] = results.map((r) => ({ ...r, png: join(dir, `${r.slug}.png`), errors: errorsOf(r) }));
  const report: GalleryReport = {
    dir,
    html,
    fullPagePng,
    cards: cardResults,
    missingTemplates,
    pageErrors,
    ok: pageErrors.length === 0 && missingTemplates.length === 0 && cardResults.every((c) => c.errors.length === 0),
  };
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

export function formatReport(report: GalleryReport): string {
  const rel = (p: string) => relative(process.cwd(), p) || '.';
  const lines = [`Card gallery: ${report.cards.length} cards`];
  for (const c of report.cards) {
    lines.push(
      `${c.errors.length ? '✗' : '✓'} ${c.template} — ${c.state}  ${c.width}×${c.height}  [${c.buttons.join(' | ')}]  ${rel(c.png)}`,
    );
    for (const e of c.errors) lines.push(`    ${e}`);
  }
  for (const t of report.missingTemplates) lines.push(`✗ cards/${t}.json has no fixture in test/fixtures/cards.ts`);
  for (const e of report.pageErrors) lines.push(`✗ ${e}`);
  const failed = report.cards.filter((c) => c.errors.length).length;
  lines.push(
    `${report.ok ? 'OK' : 'FAILED'}: ${report.cards.length - failed}/${report.cards.length} cards clean; page ${rel(report.html)}; full page ${rel(report.fullPagePng)}`,
  );
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildCardGallery().then(
    (report) => {
      console.log(formatReport(report));
      process.exitCode = report.ok ? 0 : 1;
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
