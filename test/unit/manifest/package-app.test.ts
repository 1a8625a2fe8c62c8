import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import {
  buildAppPackage,
  fillTemplate,
  PackagingError,
  placeholderValues,
  PLACEHOLDER_NAMES,
  runPackageCommand,
  validateManifestOffline,
} from '../../../src/cli/package-app.ts';
import { loadPackagingConfig } from '../../../src/config.ts';
import { BOT_ID, copyManifestDir, MANIFEST_DIR, REQUIRED, scratch, TEAMS_APP_ID, TEMPLATE, validEnv, type Env } from './helpers.ts';

async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PackagingError, `expected a PackagingError, got ${String(error)}`);
    for (const p of error.problems) assert.ok(error.message.includes(p), 'the message lists every problem');
    return error.problems;
  }
  assert.fail('expected packaging to fail');
}

interface Manifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  version: string;
  name: { short: string; full: string };
  description: { short: string; full: string };
  developer: Record<string, string>;
  icons: { color: string; outline: string };
  validDomains: string[];
  bots: {
    botId: string;
    scopes: string[];
    supportsFiles: boolean;
    isNotificationOnly: boolean;
    commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
  }[];
}

describe('Teams app package (npm run package)', function () {
  // Packaging validates the manifest and builds the zip: well over mocha's 2 s default on a loaded 2-core machine.
  this.timeout(20_000);
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = scratch()));
  afterEach(() => cleanup());

  describe('with a valid environment', () => {
    let zip: JSZip;
    let manifest: Manifest;
    let manifestText: string;
    let outFile: string;

    beforeEach(async () => {
      outFile = join(dir, 'out', 'haven-app.zip');
      const result = await buildAppPackage({ env: validEnv, outFile, defaultVersion: '0.1.0' });
      assert.equal(result.outFile, outFile);
      zip = await JSZip.loadAsync(readFileSync(outFile));
      manifestText = await zip.file('manifest.json')!.async('string');
      manifest = JSON.parse(manifestText) as Manifest;
    });

    it('writes a zip with exactly manifest.json, color.png and outline.png at its root', () => {
      const names = Object.values(zip.files)
        .filter((f) => !f.dir)
        .map((f) => f.name)
        .sort();
      assert.deepEqual(names, ['color.png', 'manifest.json', 'outline.png']);
    });

    it('has a manifest that validates offline against its bundled schema (1.25 or later)', async () => {
      assert.deepEqual(await validateManifestOffline(manifest), []);
      const [major, minor] = manifest.manifestVersion.split('.').map(Number);
      assert.ok(major === 1 && minor! >= 25, `manifestVersion ${manifest.manifestVersion}`);
      assert.match(manifest.$schema, new RegExp(`/teams/v${manifest.manifestVersion}/MicrosoftTeams\\.schema\\.json$`));
    });

    it('fills every placeholder from the environment', () => {
      assert.ok(!manifestText.includes('${{'), 'no placeholder is left');
      assert.equal(manifest.id, TEAMS_APP_ID);
      assert.equal(manifest.bots[0]!.botId, BOT_ID);
      assert.deepEqual(manifest.validDomains, ['haven-prod.azurewebsites.net']);
      assert.equal(manifest.version, '0.1.0');
      assert.equal(manifest.name.short, 'Haven');
      assert.deepEqual(manifest.developer, {
        name: 'Example "Constabulary"',
        websiteUrl: validEnv.HAVEN_WEBSITE_URL,
        privacyUrl: validEnv.HAVEN_PRIVACY_URL,
        termsOfUseUrl: validEnv.HAVEN_TERMS_URL,
      });
    });

    it('declares the bot in personal and team scopes, conversational, sending files (issue 16: reports and the audit export)', () => {
      assert.equal(manifest.bots.length, 1);
      const bot = manifest.bots[0]!;
      assert.deepEqual([...bot.scopes].sort(), ['personal', 'team']);
      assert.equal(bot.supportsFiles, true);
      assert.equal(bot.isNotificationOnly, false);
    });

    it('lists the personal and team commands', () => {
      const lists = manifest.bots[0]!.commandLists;
      const titles = (scope: string) => lists.filter((l) => l.scopes.includes(scope)).flatMap((l) => l.commands.map((c) => c.title));
      assert.deepEqual(titles('personal'), [
        'not okay',
        'status',
        'check in',
        'stage',
        'my team',
        'absence',
        'unit overview',
        'journey',
        'questionnaire',
        'what can I ask',
      ]);
      assert.deepEqual(titles('team'), ['what can I ask']);
      for (const list of lists) assert.equal(list.scopes.length, 1, 'one command list per scope');
      for (const c of lists.flatMap((l) => l.commands)) assert.ok(c.description.length > 10 && c.description.length <= 128, c.title);
    });

    it('uses neutral wording wherever Teams shows the app in notifications and lists', () => {
      const shown = [
        manifest.name.short,
        manifest.name.full,
        manifest.description.short,
        ...manifest.bots[0]!.commandLists.flatMap((l) => l.commands.flatMap((c) => [c.title, c.description])),
      ];
      for (const text of shown) assert.doesNotMatch(text, /child|image|indecent|abuse|iioc|suicid|trauma/i, text);
      assert.equal(manifest.name.short, 'Haven');
      assert.ok(manifest.description.short.length <= 80);
    });

    it('puts the committed icons in the zip unchanged', async () => {
      for (const name of ['color.png', 'outline.png']) {
        const inZip = await zip.file(name)!.async('nodebuffer');
        assert.ok(inZip.equals(readFileSync(join(MANIFEST_DIR, name))), name);
      }
      assert.equal(manifest.icons.color, 'color.png');
      assert.equal(manifest.icons.outline, 'outline.png');
    });

    it('builds the same zip twice from the same inputs', async () => {
      const again = join(dir, 'again.zip');
      await buildAppPackage({ env: validEnv, outFile: again, defaultVersion: '0.1.0' });
      assert.ok(readFileSync(again).equals(readFileSync(outFile)));
    });
  });

  it('uses HAVEN_APP_VERSION and HAVEN_APP_NAME when set', async () => {
    const outFile = join(dir, 'v.zip');
    await buildAppPackage({
      env: { ...validEnv, HAVEN_APP_VERSION: '2.3.4', HAVEN_APP_NAME: 'Haven (test)' },
      outFile,
      defaultVersion: '0.1.0',
    });
    const manifest = JSON.parse(await (await JSZip.loadAsync(readFileSync(outFile))).file('manifest.json')!.async('string')) as Manifest;
    assert.equal(manifest.version, '2.3.4');
    assert.equal(manifest.name.short, 'Haven (test)');
  });

  it('reports every missing variable at once and writes nothing', async () => {
    const outFile = join(dir, 'missing.zip');
    const problems = await problemsOf(buildAppPackage({ env: {}, outFile, defaultVersion: '0.1.0' }));
    for (const name of REQUIRED)
      assert.ok(
        problems.some((p) => p.startsWith(`${name} is missing`)),
        `${name} reported: ${problems.join(' | ')}`,
      );
    assert.equal(problems.length, REQUIRED.length);
    assert.equal(existsSync(outFile), false);
  });

  it('reports every bad variable at once, each by name', async () => {
    const bad: Env = {
      HAVEN_TEAMS_APP_ID: 'not-a-guid',
      MicrosoftAppId: '1234',
      HAVEN_BOT_DOMAIN: 'https://haven-prod.azurewebsites.net',
      HAVEN_DEVELOPER_NAME: 'x'.repeat(33),
      HAVEN_WEBSITE_URL: 'http://www.example.police.uk',
      HAVEN_PRIVACY_URL: 'www.example.police.uk/privacy',
      HAVEN_TERMS_URL: 'ftp://example.police.uk/terms',
      HAVEN_APP_VERSION: '1.0',
      HAVEN_APP_NAME: 'y'.repeat(31),
    };
    const outFile = join(dir, 'bad.zip');
    const problems = await problemsOf(buildAppPackage({ env: bad, outFile }));
    for (const name of Object.keys(bad))
      assert.ok(
        problems.some((p) => p.startsWith(`${name} must`)),
        `${name} reported: ${problems.join(' | ')}`,
      );
    assert.equal(problems.length, Object.keys(bad).length);
    assert.ok(problems.some((p) => p.includes('leave out the scheme')));
    assert.equal(existsSync(outFile), false);
  });

  describe('HAVEN_BOT_DOMAIN', () => {
    const domainProblems = (domain: string) => {
      try {
        loadPackagingConfig({ ...validEnv, HAVEN_BOT_DOMAIN: domain }, { appVersion: '1.0.0' });
        return [];
      } catch (error) {
        return (error as { problems: string[] }).problems;
      }
    };
    for (const good of ['haven-prod.azurewebsites.net', 'abc123-3978.uks1.devtunnels.ms', 'Haven.Example.Police.UK']) {
      it(`accepts ${good}`, () => assert.deepEqual(domainProblems(good), []));
    }
    for (const bad of [
      'https://haven.example.com',
      'haven.example.com/api/messages',
      'haven.example.com:443',
      'localhost',
      '*.example.com',
      'haven example.com',
      '-haven.example.com',
    ]) {
      it(`refuses ${bad}`, () => assert.match(domainProblems(bad).join('\n'), /^HAVEN_BOT_DOMAIN must be a bare host name/));
    }
  });

  it('refuses a template with an unknown placeholder, naming it', async () => {
    const templateFile = copyManifestDir(dir, (t) => t.replace('"Wellbeing support for your unit"', '"${{HAVEN_TAGLINE}}"'));
    const problems = await problemsOf(buildAppPackage({ env: validEnv, templateFile, outFile: join(dir, 'x.zip') }));
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /placeholder \$\{\{HAVEN_TAGLINE\}\}, which packaging does not know/);
  });

  it('refuses a template with an unknown placeholder even when the environment is bad too, listing both', async () => {
    const templateFile = copyManifestDir(dir, (t) => t.replace('"en-gb"', '"${{LANGUAGE}}"'));
    const problems = await problemsOf(
      buildAppPackage({ env: { ...validEnv, MicrosoftAppId: undefined }, templateFile, outFile: join(dir, 'x.zip') }),
    );
    assert.ok(problems.some((p) => p.startsWith('MicrosoftAppId is missing')));
    assert.ok(problems.some((p) => p.includes('${{LANGUAGE}}')));
  });

  it('refuses an unterminated placeholder and a template that is not JSON', async () => {
    const unterminated = copyManifestDir(dir, (t) => t.replace('"en-gb"', '"${{HAVEN_APP_NAME"'));
    assert.match((await problemsOf(buildAppPackage({ env: validEnv, templateFile: unterminated }))).join('\n'), /unterminated placeholder/);
    const broken = copyManifestDir(dir, (t) => t.replace('"manifestVersion"', 'manifestVersion'));
    assert.match((await problemsOf(buildAppPackage({ env: validEnv, templateFile: broken }))).join('\n'), /is not valid JSON/);
  });

  it('refuses a filled manifest that does not validate against the schema, and writes nothing', async () => {
    const templateFile = copyManifestDir(dir, (t) =>
      t.replace('"accentColor": "#127C76"', '"accentColor": "teal"').replace('"supportsFiles": true', '"supportsFiles": "no"'),
    );
    const outFile = join(dir, 'invalid.zip');
    const problems = await problemsOf(buildAppPackage({ env: validEnv, templateFile, outFile }));
    assert.ok(
      problems.some((p) => p.includes('/accentColor')),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => p.includes('/bots/0/supportsFiles')),
      problems.join('\n'),
    );
    assert.equal(existsSync(outFile), false);
  });

  it('refuses a manifest version whose schema is not bundled, rather than fetching it', async () => {
    const templateFile = copyManifestDir(dir, (t) =>
      t.replace(/v1\.25/, 'v1.99').replace('"manifestVersion": "1.25"', '"manifestVersion": "1.99"'),
    );
    const problems = await problemsOf(buildAppPackage({ env: validEnv, templateFile, outFile: join(dir, 'x.zip') }));
    assert.match(problems.join('\n'), /no bundled schema for manifestVersion 1\.99/);
  });

  it('refuses icons of the wrong size, listed with the configuration problems', async () => {
    const templateFile = copyManifestDir(dir);
    writeFileSync(join(dir, 'color.png'), PNG.sync.write(new PNG({ width: 96, height: 96 })));
    writeFileSync(join(dir, 'outline.png'), Buffer.from('not a png'));
    const problems = await problemsOf(
      buildAppPackage({ env: { ...validEnv, HAVEN_TERMS_URL: '' }, templateFile, outFile: join(dir, 'x.zip') }),
    );
    assert.ok(
      problems.some((p) => p === 'color icon color.png must be 192×192 pixels (it is 96×96)'),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => p.startsWith('outline icon outline.png is not a readable PNG')),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => p.startsWith('HAVEN_TERMS_URL is missing')),
      problems.join('\n'),
    );
  });

  it('fills values into JSON strings safely', () => {
    const values = Object.fromEntries(PLACEHOLDER_NAMES.map((n) => [n, `"quoted" \\ ${n}`]));
    const filled = fillTemplate('{"a": "${{HAVEN_APP_NAME}}", "b": ["x ${{ MicrosoftAppId }} y"]}', values) as { a: string; b: string[] };
    assert.equal(filled.a, '"quoted" \\ HAVEN_APP_NAME');
    assert.equal(filled.b[0], 'x "quoted" \\ MicrosoftAppId y');
  });

  it('knows exactly the placeholders the template uses', () => {
    const used = new Set([...readFileSync(TEMPLATE, 'utf8').matchAll(/\$\{\{([^}]*)\}\}/g)].map((m) => m[1]!.trim()));
    assert.deepEqual([...used].sort(), [...PLACEHOLDER_NAMES].sort());
    const config = loadPackagingConfig(validEnv, { appVersion: '1.0.0' });
    for (const v of Object.values(placeholderValues(config))) assert.ok(v, 'every placeholder has a value');
  });

  describe('command line', () => {
    const run = async (args: string[], env: Env) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runPackageCommand(
        args,
        (s) => out.push(s),
        (s) => err.push(s),
        { env, defaultVersion: '0.1.0' },
      );
      return { code, out: out.join('\n'), err: err.join('\n') };
    };

    it('writes to --out and says where', async () => {
      const outFile = join(dir, 'cli', 'app.zip');
      const result = await run(['--out', outFile], validEnv);
      assert.equal(result.code, 0, result.err);
      assert.ok(existsSync(outFile));
      assert.ok(result.out.includes(outFile) || result.out.includes('app.zip'));
      const eq = join(dir, 'cli', 'eq.zip');
      assert.equal((await run([`--out=${eq}`], validEnv)).code, 0);
      assert.ok(existsSync(eq));
    });

    it('exits 1 with every problem on bad configuration, 2 on a bad argument', async () => {
      const bad = await run(['--out', join(dir, 'no.zip')], {});
      assert.equal(bad.code, 1);
      assert.match(bad.err, /^Cannot build the Teams app package:/);
      for (const name of REQUIRED) assert.ok(bad.err.includes(name), name);
      assert.equal((await run(['--outt', 'x.zip'], validEnv)).code, 2);
      assert.equal((await run(['--out'], validEnv)).code, 2);
    });
  });
});
