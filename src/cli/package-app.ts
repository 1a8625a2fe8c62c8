// npm run package [-- --out FILE]     build the Teams app package (default build/haven-app.zip)
//
// Fills manifest/manifest.template.json's ${{NAME}} placeholders from the environment (see
// loadPackagingConfig in src/config.ts), validates the result offline against the Teams schema bundled
// with @microsoft/app-manifest, checks both icons, and writes a zip with manifest.json, color.png and
// outline.png at its root. Any problem stops it with a message naming every problem found.
import { AppManifestUtils, TeamsManifestConverter, type AppManifest } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { loadPackagingConfig, PackagingConfigError, type PackagingConfig } from '../config.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_TEMPLATE = join(ROOT, 'manifest', 'manifest.template.json');
export const DEFAULT_OUT = join(ROOT, 'build', 'haven-app.zip');

export const ICON_SIZES = { color: 192, outline: 32 } as const;

export class PackagingError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cannot build the Teams app package:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackagingError';
  }
}

/** What each placeholder of the template is filled with. */
export function placeholderValues(config: PackagingConfig): Record<string, string> {
  return {
    HAVEN_TEAMS_APP_ID: config.teamsAppId,
    MicrosoftAppId: config.botId,
    HAVEN_BOT_DOMAIN: config.botDomain,
    HAVEN_APP_VERSION: config.appVersion,
    HAVEN_APP_NAME: config.appName,
    HAVEN_DEVELOPER_NAME: config.developer.name,
    HAVEN_WEBSITE_URL: config.developer.websiteUrl,
    HAVEN_PRIVACY_URL: config.developer.privacyUrl,
    HAVEN_TERMS_URL: config.developer.termsOfUseUrl,
  };
}
export const PLACEHOLDER_NAMES: readonly string[] = Object.keys(
  placeholderValues({
    teamsAppId: '',
    botId: '',
    botDomain: '',
    appVersion: '',
    appName: '',
    developer: { name: '', websiteUrl: '', privacyUrl: '', termsOfUseUrl: '' },
  }),
);

const PLACEHOLDER = /\$\{\{([^}]*)\}\}/g;

/** Problems with the template's placeholders themselves (unknown or malformed names), before any filling. */
export function placeholderProblems(templateText: string, templateName: string): string[] {
  const problems = new Set<string>();
  for (const match of templateText.matchAll(PLACEHOLDER)) {
    const name = match[1]!.trim();
    if (!PLACEHOLDER_NAMES.includes(name)) {
      problems.add(
        `${templateName} uses the placeholder \${{${name}}}, which packaging does not know (known: ${PLACEHOLDER_NAMES.join(', ')})`,
      );
    }
  }
  const unclosed = templateText.replace(PLACEHOLDER, '').indexOf('${{');
  if (unclosed >= 0)
    problems.add(
      `${templateName} has an unterminated placeholder near "${templateText.replace(PLACEHOLDER, '').slice(unclosed, unclosed + 40)}"`,
    );
  return [...problems];
}

/**
 * Fills every ${{NAME}} in the template's string values (after parsing, so values never need JSON
 * escaping). Throws PackagingError for unknown or unfilled placeholders and for a template that is
 * not JSON.
 */
export function fillTemplate(templateText: string, values: Record<string, string>, templateName = 'the manifest template'): unknown {
  const problems = placeholderProblems(templateText, templateName);
  let parsed: unknown;
  try {
    parsed = JSON.parse(templateText);
  } catch (error) {
    problems.push(`${templateName} is not valid JSON: ${(error as Error).message}`);
  }
  if (problems.length) throw new PackagingError(problems);
  const unfilled = new Set<string>();
  const fill = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') {
      return value.replace(PLACEHOLDER, (whole, rawName: string) => {
        const name = rawName.trim();
        const v = values[name];
        if (v === undefined || v === '') {
          unfilled.add(`\${{${name}}} (at ${path || '/'}) has no value`);
          return whole;
        }
        return v;
      });
    }
    if (Array.isArray(value)) return value.map((item, i) => fill(item, `${path}/${i}`));
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => {
          if (k.includes('${{')) unfilled.add(`placeholders are only allowed in values, not in the key "${k}"`);
          return [k, fill(v, `${path}/${k}`)];
        }),
      );
    }
    return value;
  };
  const filled = fill(parsed, '');
  if (unfilled.size) throw new PackagingError([...unfilled].map((p) => `${templateName}: ${p}`));
  return filled;
}

/** The Teams schema for a manifest version, from the copy bundled with @microsoft/app-manifest (never fetched). */
export function bundledTeamsSchemaFile(manifestVersion: string): string {
  const entry = createRequire(import.meta.url).resolve('@microsoft/app-manifest');
  return join(dirname(entry), 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
}

/** Schema problems of a filled manifest, validated offline. An empty list means valid. */
export async function validateManifestOffline(manifest: unknown): Promise<string[]> {
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) return ['the manifest must be a JSON object'];
  const m = manifest as Record<string, unknown>;
  const version = m.manifestVersion;
  if (typeof version !== 'string' || !/^1\.\d+$/.test(version))
    return [`manifestVersion must be a version such as "1.25" (got ${JSON.stringify(version)})`];
  const expectedSchema = `https://developer.microsoft.com/en-us/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;
  const problems: string[] = [];
  if (m.$schema !== expectedSchema)
    problems.push(`$schema must be ${expectedSchema} to match manifestVersion ${version} (got ${JSON.stringify(m.$schema)})`);
  const schemaFile = bundledTeamsSchemaFile(version);
  if (!existsSync(schemaFile))
    return [
      ...problems,
      `@microsoft/app-manifest has no bundled schema for manifestVersion ${version}; packaging validates offline only, so use a version it bundles`,
    ];
  const text = JSON.stringify(manifest);
  try {
    // The library's own type check of the version's manifest shape.
    TeamsManifestConverter.jsonToManifest(text);
  } catch (error) {
    problems.push(`the manifest does not have the shape of a ${version} manifest: ${(error as Error).message}`);
  }
  // The bundled schema is read here and passed in, so validation can never fall back to the network.
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as Parameters<
    typeof AppManifestUtils.validateAgainstSchema
  >[1];
  const errors = await AppManifestUtils.validateAgainstSchema(JSON.parse(text) as AppManifest, schema);
  problems.push(...errors.map((e) => `schema ${version}: ${e.trim()}`));
  return problems;
}

/**
 * Problems with an icon: not a PNG, the wrong size, and for the outline icon anything but white on a
 * fully transparent background (Teams recolours it, so other colours show as smudges).
 */
export function iconProblems(kind: 'color' | 'outline', file: string, data: Buffer): string[] {
  const name = basename(file);
  let png: PNG;
  try {
    png = PNG.sync.read(data);
  } catch (error) {
    return [`${kind} icon ${name} is not a readable PNG: ${(error as Error).message}`];
  }
  const size = ICON_SIZES[kind];
  if (png.width !== size || png.height !== size)
    return [`${kind} icon ${name} must be ${size}×${size} pixels (it is ${png.width}×${png.height})`];
  if (kind === 'color') return [];
  let coloured = 0;
  let first = '';
  let transparent = 0;
  let opaque = 0;
  for (let i = 0; i < png.width * png.height; i++) {
    const [r, g, b, a] = [png.data[i * 4]!, png.data[i * 4 + 1]!, png.data[i * 4 + 2]!, png.data[i * 4 + 3]!];
    if (a === 0) transparent++;
    else {
      opaque++;
      if (r !== 255 || g !== 255 || b !== 255) {
        coloured++;
        if (!first) first = ` (first at x=${i % png.width}, y=${Math.floor(i / png.width)}: rgb(${r}, ${g}, ${b}))`;
      }
    }
  }
  const problems: string[] = [];
  if (coloured)
    problems.push(`outline icon ${name} must be white on a transparent background, but ${coloured} visible pixel(s) are not white${first}`);
  if (!transparent) problems.push(`outline icon ${name} must have a transparent background (no pixel is fully transparent)`);
  if (!opaque) problems.push(`outline icon ${name} is empty (every pixel is transparent)`);
  return problems;
}

export interface PackageOptions {
  /** Environment to read; the process environment when absent. */
  env?: Record<string, string | undefined>;
  templateFile?: string;
  outFile?: string;
  /** Used when HAVEN_APP_VERSION is empty; package.json's version by default. */
  defaultVersion?: string;
}

export interface PackageResult {
  outFile: string;
  manifest: Record<string, unknown>;
  files: string[];
}

function packageJsonVersion(): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}

const display = (file: string) => {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
};

/** Builds and writes the package, or throws PackagingError listing every problem found. Writes nothing on failure. */
export async function buildAppPackage(options: PackageOptions = {}): Promise<PackageResult> {
  const templateFile = resolve(options.templateFile ?? DEFAULT_TEMPLATE);
  const outFile = resolve(options.outFile ?? DEFAULT_OUT);
  const templateName = display(templateFile);
  const problems: string[] = [];

  let config: Readonly<PackagingConfig> | undefined;
  try {
    config = loadPackagingConfig(options.env, { appVersion: options.defaultVersion ?? packageJsonVersion() });
  } catch (error) {
    if (!(error instanceof PackagingConfigError)) throw error;
    problems.push(...error.problems);
  }

  let templateText: string | undefined;
  try {
    templateText = readFileSync(templateFile, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    problems.push(`cannot read the manifest template ${templateName}: ${(error as Error).message}`);
  }
  let templateJson: Record<string, unknown> | undefined;
  if (templateText !== undefined) {
    problems.push(...placeholderProblems(templateText, templateName));
    try {
      templateJson = JSON.parse(templateText) as Record<string, unknown>;
    } catch (error) {
      problems.push(`${templateName} is not valid JSON: ${(error as Error).message}`);
    }
  }

  // The icons the manifest names, next to the template; checked even when the configuration is bad,
  // so one run lists everything.
  const icons: { kind: 'color' | 'outline'; name: string; data: Buffer }[] = [];
  const iconRefs = templateJson?.icons as Record<string, unknown> | undefined;
  if (templateJson) {
    for (const kind of ['color', 'outline'] as const) {
      const ref = iconRefs?.[kind];
      if (typeof ref !== 'string' || !/^[A-Za-z0-9._-]+\.png$/.test(ref)) {
        problems.push(`${templateName}: icons.${kind} must name a .png file next to the template (got ${JSON.stringify(ref)})`);
        continue;
      }
      const file = join(dirname(templateFile), ref);
      let data: Buffer;
      try {
        data = readFileSync(file);
      } catch (error) {
        problems.push(`cannot read the ${kind} icon ${display(file)}: ${(error as Error).message}`);
        continue;
      }
      problems.push(...iconProblems(kind, file, data));
      icons.push({ kind, name: ref, data });
    }
    if (icons.length === 2 && icons[0]!.name === icons[1]!.name)
      problems.push(`${templateName}: the color and outline icons must be different files`);
  }

  if (problems.length || !config || templateText === undefined) throw new PackagingError(problems);

  const manifest = fillTemplate(templateText, placeholderValues(config), templateName) as Record<string, unknown>;
  const schemaProblems = await validateManifestOffline(manifest);
  if (schemaProblems.length) throw new PackagingError(schemaProblems.map((p) => `the filled manifest is not valid: ${p}`));

  const zip = new JSZip();
  // A fixed date keeps the zip identical for identical inputs.
  const date = new Date(Date.UTC(2020, 0, 1));
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date });
  for (const icon of icons) zip.file(icon.name, icon.data, { date });
  const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, data);
  return { outFile, manifest, files: ['manifest.json', ...icons.map((i) => i.name)] };
}

const USAGE = `Usage: npm run package [-- --out FILE]

Builds the Teams app package (default ${display(DEFAULT_OUT)}) from manifest/manifest.template.json.
Set HAVEN_TEAMS_APP_ID, MicrosoftAppId, HAVEN_BOT_DOMAIN, HAVEN_DEVELOPER_NAME, HAVEN_WEBSITE_URL,
HAVEN_PRIVACY_URL and HAVEN_TERMS_URL (optional: HAVEN_APP_VERSION, HAVEN_APP_NAME); see .env.sample.`;

export async function runPackageCommand(
  args: string[],
  out: (s: string) => void,
  err: (s: string) => void,
  options: Omit<PackageOptions, 'outFile'> = {},
): Promise<number> {
  let outFile: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') {
      out(USAGE);
      return 0;
    }
    if (arg === '--out' || arg.startsWith('--out=')) {
      const value = arg === '--out' ? args[++i] : arg.slice('--out='.length);
      if (!value) {
        err(`--out needs a file name.\n${USAGE}`);
        return 2;
      }
      outFile = value;
      continue;
    }
    err(`Unknown argument "${arg}".\n${USAGE}`);
    return 2;
  }
  try {
    const result = await buildAppPackage({ ...options, outFile });
    const m = result.manifest;
    const name = (m.name as { short?: string } | undefined)?.short;
    out(
      `Wrote ${display(result.outFile)} (${result.files.join(', ')}): ${name} ${String(m.version)}, Teams app id ${String(m.id)}, manifest ${String(m.manifestVersion)} validated offline, icons ${ICON_SIZES.color}×${ICON_SIZES.color} and ${ICON_SIZES.outline}×${ICON_SIZES.outline} checked.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof PackagingError) {
      err(error.message);
      return 1;
    }
    throw error;
  }
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  runPackageCommand(
    process.argv.slice(2),
    (s) => process.stdout.write(`${s}\n`),
    (s) => process.stderr.write(`${s}\n`),
  )
    .then((code) => process.exit(code))
    .catch((error: Error) => {
      process.stderr.write(`package: ${error.stack ?? error.message}\n`);
      process.exit(1);
    });
}
