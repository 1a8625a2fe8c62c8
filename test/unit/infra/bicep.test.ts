// infra/main.bicep cannot be compiled here (no Bicep CLI offline), so this test reads it: comments are
// stripped, every top-level declaration is parsed into plain values (a small parser for the subset of
// Bicep the template uses), and the security settings the deployment depends on are asserted per
// resource. A mutation test proves each check bites: delete or weaken a setting and a check fails.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DefaultAzureCredential } from '@azure/identity';
import { ConfigError, loadConfig } from '../../../src/config.ts';
import { FieldCipher } from '../../../src/storage/field-cipher.ts';
import { TableStore } from '../../../src/storage/table-store.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const INFRA = join(ROOT, 'infra');
const MAIN = join(INFRA, 'main.bicep');
const PARAMS = join(INFRA, 'main.bicepparam');

// ---------------------------------------------------------------------------------------------
// A parser for the Bicep subset in infra/
// ---------------------------------------------------------------------------------------------

/** A Bicep expression kept as its source text (identifiers, calls, property access, ternaries). */
export class Expr {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type BicepValue = string | number | boolean | null | Expr | BicepValue[] | BicepObject;
export interface BicepObject {
  [key: string]: BicepValue;
}

export interface Resource {
  symbol: string;
  type: string;
  apiVersion: string;
  existing: boolean;
  condition?: string;
  body: BicepObject;
}
export interface Param {
  name: string;
  type?: string;
  value?: BicepValue;
  decorators: string[];
}
export interface Model {
  using?: string;
  params: Map<string, Param>;
  vars: Map<string, BicepValue>;
  resources: Resource[];
  outputs: Map<string, { type: string; value: BicepValue; decorators: string[] }>;
}

/** Removes // and /* *\/ comments outside strings (and inside ${} interpolations), keeping line breaks. */
export function stripComments(src: string): string {
  let out = '';
  const stack: { kind: 'code' | 'string' | 'interp'; depth: number }[] = [{ kind: 'code', depth: 0 }];
  let i = 0;
  while (i < src.length) {
    const top = stack[stack.length - 1]!;
    const c = src[i]!;
    if (top.kind === 'string') {
      if (c === '\\') {
        out += src.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (src.startsWith('${', i)) {
        out += '${';
        i += 2;
        stack.push({ kind: 'interp', depth: 0 });
        continue;
      }
      if (c === "'") stack.pop();
      out += c;
      i++;
      continue;
    }
    if (src.startsWith('//', i)) {
      const nl = src.indexOf('\n', i);
      i = nl === -1 ? src.length : nl;
      continue;
    }
    if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      if (end === -1) throw new Error('unterminated /* comment');
      out += src.slice(i, end + 2).replace(/[^\n]/g, ' ');
      i = end + 2;
      continue;
    }
    if (src.startsWith("'''", i)) {
      const end = src.indexOf("'''", i + 3);
      if (end === -1) throw new Error("unterminated ''' string");
      out += src.slice(i, end + 3);
      i = end + 3;
      continue;
    }
    if (c === "'") stack.push({ kind: 'string', depth: 0 });
    else if (c === '{') top.depth++;
    else if (c === '}') {
      if (top.kind === 'interp' && top.depth === 0) stack.pop();
      else top.depth--;
    }
    out += c;
    i++;
  }
  if (stack.length !== 1) throw new Error('unterminated string or interpolation');
  return out;
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  get done(): boolean {
    this.ws(true);
    return this.i >= this.s.length;
  }

  private fail(message: string): never {
    const line = this.s.slice(0, this.i).split('\n').length;
    throw new Error(`Bicep parse error at line ${line}: ${message} (near "${this.s.slice(this.i, this.i + 40).replace(/\n/g, '\\n')}")`);
  }

  ws(newlines: boolean): void {
    while (this.i < this.s.length) {
      const c = this.s[this.i]!;
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) this.i++;
      else break;
    }
  }

  ident(): string {
    this.ws(false);
    IDENT.lastIndex = this.i;
    const m = IDENT.exec(this.s);
    if (!m) this.fail('expected an identifier');
    this.i += m[0].length;
    return m[0];
  }

  peekIdent(): string | undefined {
    this.ws(false);
    IDENT.lastIndex = this.i;
    return IDENT.exec(this.s)?.[0];
  }

  expect(text: string): void {
    this.ws(false);
    if (!this.s.startsWith(text, this.i)) this.fail(`expected "${text}"`);
    this.i += text.length;
  }

  /** Index just past the string literal starting at `at` (handles escapes and ${} interpolation). */
  stringEnd(at: number): number {
    if (this.s.startsWith("'''", at)) {
      const end = this.s.indexOf("'''", at + 3);
      if (end === -1) this.fail("unterminated ''' string");
      return end + 3;
    }
    let j = at + 1;
    while (j < this.s.length) {
      const c = this.s[j]!;
      if (c === '\\') j += 2;
      else if (this.s.startsWith('${', j)) j = this.balancedEnd(j + 1);
      else if (c === "'") return j + 1;
      else if (c === '\n') break;
      else j++;
    }
    this.i = at;
    return this.fail('unterminated string');
  }

  /** `at` is an opening bracket; returns the index just past its partner (skipping strings). */
  balancedEnd(at: number): number {
    const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
    const stack: string[] = [];
    let j = at;
    while (j < this.s.length) {
      const c = this.s[j]!;
      if (c === "'") {
        j = this.stringEnd(j);
        continue;
      }
      if (pairs[c]) stack.push(pairs[c]);
      else if (c === ')' || c === ']' || c === '}') {
        if (stack.pop() !== c) {
          this.i = j;
          this.fail(`unbalanced "${c}"`);
        }
        if (stack.length === 0) return j + 1;
      }
      j++;
    }
    this.i = at;
    return this.fail('unclosed bracket');
  }

  /** Index where an expression starting at `at` ends: a line break, "," or a closer, at depth 0. */
  expressionEnd(at: number): number {
    let j = at;
    while (j < this.s.length) {
      const c = this.s[j]!;
      if (c === "'") j = this.stringEnd(j);
      else if (c === '(' || c === '[' || c === '{') j = this.balancedEnd(j);
      else if (c === '\n' || c === ',' || c === ')' || c === ']' || c === '}') return j;
      else j++;
    }
    return j;
  }

  private atValueEnd(j: number): boolean {
    while (j < this.s.length && (this.s[j] === ' ' || this.s[j] === '\t' || this.s[j] === '\r')) j++;
    return j >= this.s.length || [',', '\n', '}', ']', ')'].includes(this.s[j]!);
  }

  value(): BicepValue {
    this.ws(false);
    const start = this.i;
    const c = this.s[start];
    if (c === '{') return this.object();
    if (c === '[' && !/^\[\s*for\b/.test(this.s.slice(start, start + 20))) return this.array();
    if (c === "'") {
      const end = this.stringEnd(start);
      if (this.atValueEnd(end)) {
        this.i = end;
        return this.s.startsWith("'''", start) ? this.s.slice(start + 3, end - 3) : decodeString(this.s.slice(start + 1, end - 1));
      }
    }
    const end = this.expressionEnd(start);
    const text = this.s.slice(start, end).trim();
    if (!text) this.fail('expected a value');
    this.i = end;
    if (text === 'true') return true;
    if (text === 'false') return false;
    if (text === 'null') return null;
    if (/^-?\d+$/.test(text)) return Number(text);
    return new Expr(text);
  }

  object(): BicepObject {
    this.expect('{');
    const obj: BicepObject = {};
    for (;;) {
      this.skipSeparators();
      if (this.s[this.i] === '}') {
        this.i++;
        return obj;
      }
      let key: string;
      if (this.s[this.i] === "'") {
        const end = this.stringEnd(this.i);
        key = decodeString(this.s.slice(this.i + 1, end - 1));
        this.i = end;
      } else key = this.ident();
      if (key in obj) this.fail(`duplicate property "${key}"`);
      this.expect(':');
      obj[key] = this.value();
      if (!this.atValueEnd(this.i)) this.fail('expected a line break, "," or "}" after a property');
    }
  }

  array(): BicepValue[] {
    this.expect('[');
    const items: BicepValue[] = [];
    for (;;) {
      this.skipSeparators();
      if (this.s[this.i] === ']') {
        this.i++;
        return items;
      }
      items.push(this.value());
      if (!this.atValueEnd(this.i)) this.fail('expected a line break, "," or "]" after an item');
    }
  }

  private skipSeparators(): void {
    for (;;) {
      this.ws(true);
      if (this.s[this.i] === ',') this.i++;
      else return;
    }
  }

  /** A decorator: `@name(...)`, returned as source text. */
  decorator(): string {
    const start = this.i;
    this.expect('@');
    this.ident();
    while (this.s[this.i] === '.') {
      this.i++;
      this.ident();
    }
    if (this.s[this.i] === '(') this.i = this.balancedEnd(this.i);
    return this.s.slice(start, this.i);
  }

  /** A plain string literal (a resource type, a using path), whatever follows it. */
  stringLiteral(): string {
    this.ws(false);
    if (this.s[this.i] !== "'") this.fail('expected a string');
    const end = this.stringEnd(this.i);
    const raw = this.s.slice(this.i + 1, end - 1);
    if (raw.includes('${')) this.fail('expected a string without interpolation');
    this.i = end;
    return decodeString(raw);
  }

  restOfLineIsEmpty(): void {
    this.ws(false);
    if (this.i < this.s.length && this.s[this.i] !== '\n') this.fail('unexpected text after a declaration');
  }
}

function decodeString(raw: string): string {
  return raw.replace(/\\(.)/g, (_, ch: string) => ({ n: '\n', r: '\r', t: '\t' })[ch] ?? ch);
}

/** Parses a .bicep or .bicepparam file into its declarations. */
export function parseBicep(source: string): Model {
  const p = new Parser(stripComments(source));
  const model: Model = { params: new Map(), vars: new Map(), resources: [], outputs: new Map() };
  while (!p.done) {
    const decorators: string[] = [];
    while (p.s[p.i] === '@') {
      decorators.push(p.decorator());
      p.ws(true);
    }
    const keyword = p.ident();
    switch (keyword) {
      case 'targetScope':
        p.expect('=');
        p.value();
        break;
      case 'using':
        model.using = p.stringLiteral();
        break;
      case 'param': {
        const name = p.ident();
        p.ws(false);
        const param: Param = { name, decorators };
        if (p.s[p.i] !== '=') param.type = p.ident();
        p.ws(false);
        if (p.s[p.i] === '=') {
          p.expect('=');
          param.value = p.value();
        }
        if (model.params.has(name)) throw new Error(`param ${name} declared twice`);
        model.params.set(name, param);
        break;
      }
      case 'var': {
        const name = p.ident();
        p.expect('=');
        model.vars.set(name, p.value());
        break;
      }
      case 'resource': {
        const symbol = p.ident();
        const typeText = p.stringLiteral();
        const [type, apiVersion] = typeText.split('@');
        if (!type || !apiVersion) throw new Error(`resource ${symbol}: "${typeText}" is not 'Type@api-version'`);
        let existing = false;
        if (p.peekIdent() === 'existing') {
          p.ident();
          existing = true;
        }
        p.expect('=');
        let condition: string | undefined;
        if (p.peekIdent() === 'if') {
          p.ident();
          p.ws(false);
          const end = p.balancedEnd(p.i);
          condition = p.s.slice(p.i + 1, end - 1).trim();
          p.i = end;
        }
        p.ws(false);
        const body = p.value();
        if (typeof body !== 'object' || body === null || Array.isArray(body) || body instanceof Expr) {
          throw new Error(`resource ${symbol}: only single resources (no loops) are understood by this test`);
        }
        if (model.resources.some((r) => r.symbol === symbol)) throw new Error(`resource ${symbol} declared twice`);
        model.resources.push({ symbol, type, apiVersion, existing, condition, body });
        break;
      }
      case 'output': {
        const name = p.ident();
        const type = p.ident();
        p.expect('=');
        model.outputs.set(name, { type, value: p.value(), decorators });
        break;
      }
      default:
        throw new Error(
          `this test does not understand "${keyword}" declarations; extend parseBicep in ${relative(ROOT, fileURLToPath(import.meta.url))}`,
        );
    }
    p.restOfLineIsEmpty();
  }
  return model;
}

// ---------------------------------------------------------------------------------------------
// Helpers over the model
// ---------------------------------------------------------------------------------------------

function isObject(v: BicepValue | undefined): v is BicepObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Expr);
}

/** `get(r.body, 'properties.siteConfig.alwaysOn')`. */
function get(v: BicepValue | undefined, path: string): BicepValue | undefined {
  let cur = v;
  for (const key of path.split('.')) {
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

function exprText(v: BicepValue | undefined): string | undefined {
  return v instanceof Expr ? v.text : undefined;
}

/** Exactly one resource of this type (conditional ones excluded unless asked for). */
function only(m: Model, type: string, where: (r: Resource) => boolean = () => true): Resource {
  const found = m.resources.filter((r) => r.type.toLowerCase() === type.toLowerCase() && !r.existing && where(r));
  assert.equal(found.length, 1, `expected exactly one ${type}, found ${found.length}`);
  return found[0]!;
}

function all(m: Model, type: string): Resource[] {
  return m.resources.filter((r) => r.type.toLowerCase() === type.toLowerCase());
}

function expectSetting(r: Resource, path: string, expected: BicepValue): void {
  const actual = get(r.body, path);
  const show = (x: BicepValue | undefined) => (x instanceof Expr ? `expression ${x.text}` : JSON.stringify(x));
  const same = expected instanceof Expr ? actual instanceof Expr && actual.text === expected.text : actual === expected;
  assert.ok(same, `${r.symbol} (${r.type}): ${path} must be ${show(expected)}, found ${show(actual)}`);
}

/** Whether an expression names a role definition id, directly or through a var. */
function namesRole(m: Model, v: BicepValue | undefined, roleId: string): boolean {
  const text = exprText(v) ?? (typeof v === 'string' ? v : '');
  if (text.includes(roleId)) return true;
  return [...m.vars].some(([name, value]) => value === roleId && new RegExp(`\\b${name}\\b`).test(text));
}

function appSettings(m: Model): Map<string, BicepValue> {
  const site = only(m, 'Microsoft.Web/sites');
  const list = get(site.body, 'properties.siteConfig.appSettings');
  assert.ok(Array.isArray(list), 'the site must list its appSettings inline in siteConfig');
  const settings = new Map<string, BicepValue>();
  for (const item of list) {
    assert.ok(
      isObject(item) && typeof item.name === 'string' && item.value !== undefined,
      "each app setting is { name: '...', value: ... }",
    );
    assert.ok(!settings.has(item.name), `app setting ${item.name} is listed twice`);
    settings.set(item.name, item.value);
  }
  return settings;
}

/**
 * Renders a Bicep string template with the values Azure would put in, to feed the app's own
 * configuration loader: identity client id, tenant id, storage account name, the data key.
 */
function render(m: Model, v: BicepValue, known: Record<string, string>): string {
  if (typeof v === 'string') {
    return v.replace(/\$\{([^}]*)\}/g, (_, e: string) => {
      const value = known[e.trim()] ?? (m.params.get(e.trim())?.value as string | undefined);
      if (typeof value !== 'string') assert.fail(`no value to render \${${e}} with`);
      return value;
    });
  }
  if (v instanceof Expr) {
    const value = known[v.text] ?? m.params.get(v.text)?.value;
    if (typeof value !== 'string') assert.fail(`no value to render ${v.text} with`);
    return value;
  }
  return String(v);
}

// ---------------------------------------------------------------------------------------------
// The checks (each throws an AssertionError naming the resource and the setting)
// ---------------------------------------------------------------------------------------------

const ROLE = {
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6',
};

/** Resource types and API versions the template is expected to use (all published versions). */
const API_VERSIONS: Record<string, string[]> = {
  'Microsoft.ManagedIdentity/userAssignedIdentities': ['2023-01-31'],
  'Microsoft.BotService/botServices': ['2022-09-15'],
  'Microsoft.BotService/botServices/channels': ['2022-09-15'],
  'Microsoft.Web/serverfarms': ['2023-01-01'],
  'Microsoft.Web/sites': ['2023-01-01'],
  'Microsoft.Web/sites/basicPublishingCredentialsPolicies': ['2023-01-01'],
  'Microsoft.Storage/storageAccounts': ['2023-01-01'],
  'Microsoft.Storage/storageAccounts/tableServices': ['2023-01-01'],
  'Microsoft.Authorization/roleAssignments': ['2022-04-01'],
  'Microsoft.KeyVault/vaults': ['2023-07-01'],
  'Microsoft.Insights/components': ['2020-02-02'],
  'Microsoft.OperationalInsights/workspaces': ['2022-10-01'],
  'Microsoft.Insights/diagnosticSettings': ['2021-05-01-preview'],
};

type Check = { name: string; run(m: Model): void };

const checks: Check[] = [
  {
    name: 'resource types and API versions are known ones',
    run(m) {
      for (const r of m.resources) {
        const versions = API_VERSIONS[r.type];
        assert.ok(versions, `${r.symbol}: unexpected resource type ${r.type}; add it (with a published API version) to API_VERSIONS`);
        assert.ok(versions.includes(r.apiVersion), `${r.symbol}: ${r.type}@${r.apiVersion} is not one of ${versions.join(', ')}`);
      }
    },
  },
  {
    name: 'location defaults to uksouth and every regional resource uses it',
    run(m) {
      assert.equal(m.params.get('location')?.value, 'uksouth', "param location must default to 'uksouth'");
      for (const r of m.resources) {
        if (!('location' in r.body)) continue;
        const expected = r.type.startsWith('Microsoft.BotService/') ? 'botLocation' : 'location';
        expectSetting(r, 'location', new Expr(expected));
      }
    },
  },
  {
    name: 'a user-assigned managed identity',
    run(m) {
      only(m, 'Microsoft.ManagedIdentity/userAssignedIdentities');
    },
  },
  {
    name: 'Azure Bot: UserAssignedMSI, single tenant, the identity as its app, endpoint /api/messages',
    run(m) {
      const id = only(m, 'Microsoft.ManagedIdentity/userAssignedIdentities').symbol;
      const bot = only(m, 'Microsoft.BotService/botServices');
      expectSetting(bot, 'kind', 'azurebot');
      expectSetting(bot, 'properties.msaAppType', 'UserAssignedMSI');
      expectSetting(bot, 'properties.msaAppId', new Expr(`${id}.properties.clientId`));
      expectSetting(bot, 'properties.msaAppMSIResourceId', new Expr(`${id}.id`));
      expectSetting(bot, 'properties.msaAppTenantId', new Expr('tenant().tenantId'));
      const site = only(m, 'Microsoft.Web/sites').symbol;
      expectSetting(bot, 'properties.endpoint', `https://\${${site}.properties.defaultHostName}/api/messages`);
    },
  },
  {
    name: 'the Teams channel is enabled on the bot',
    run(m) {
      const bot = only(m, 'Microsoft.BotService/botServices');
      const channel = only(m, 'Microsoft.BotService/botServices/channels', (r) => r.body.name === 'MsTeamsChannel');
      assert.equal(channel.condition, undefined, 'the Teams channel is unconditional');
      expectSetting(channel, 'parent', new Expr(bot.symbol));
      expectSetting(channel, 'properties.channelName', 'MsTeamsChannel');
      expectSetting(channel, 'properties.properties.isEnabled', true);
    },
  },
  {
    name: 'App Service: Linux plan, Node 22 LTS, always on, /readyz health check, HTTPS only, TLS 1.2, no FTP',
    run(m) {
      const plan = only(m, 'Microsoft.Web/serverfarms');
      expectSetting(plan, 'kind', 'linux');
      expectSetting(plan, 'properties.reserved', true);
      const site = only(m, 'Microsoft.Web/sites');
      expectSetting(site, 'kind', 'app,linux');
      expectSetting(site, 'properties.serverFarmId', new Expr(`${plan.symbol}.id`));
      expectSetting(site, 'properties.httpsOnly', true);
      expectSetting(site, 'properties.siteConfig.linuxFxVersion', 'NODE|22-lts');
      expectSetting(site, 'properties.siteConfig.appCommandLine', 'npm run serve');
      expectSetting(site, 'properties.siteConfig.alwaysOn', true);
      expectSetting(site, 'properties.siteConfig.healthCheckPath', '/readyz');
      expectSetting(site, 'properties.siteConfig.minTlsVersion', '1.2');
      expectSetting(site, 'properties.siteConfig.scmMinTlsVersion', '1.2');
      expectSetting(site, 'properties.siteConfig.ftpsState', 'Disabled');
    },
  },
  {
    name: 'App Service runs as the user-assigned identity and resolves Key Vault references with it',
    run(m) {
      const id = only(m, 'Microsoft.ManagedIdentity/userAssignedIdentities').symbol;
      const site = only(m, 'Microsoft.Web/sites');
      expectSetting(site, 'identity.type', 'UserAssigned');
      const assigned = get(site.body, 'identity.userAssignedIdentities');
      assert.ok(
        isObject(assigned) && Object.keys(assigned).join() === `\${${id}.id}`,
        `${site.symbol}: identity.userAssignedIdentities must be exactly { '\${${id}.id}': {} }`,
      );
      expectSetting(site, 'properties.keyVaultReferenceIdentity', new Expr(`${id}.id`));
    },
  },
  {
    name: 'App Service publishing: no FTP or basic-auth credentials',
    run(m) {
      const site = only(m, 'Microsoft.Web/sites').symbol;
      for (const kind of ['ftp', 'scm']) {
        const policy = only(m, 'Microsoft.Web/sites/basicPublishingCredentialsPolicies', (r) => r.body.name === kind);
        expectSetting(policy, 'parent', new Expr(site));
        expectSetting(policy, 'properties.allow', false);
      }
    },
  },
  {
    name: 'app settings: production, UserAssignedMSI, managed-identity storage URL, data key from Key Vault',
    run(m) {
      const id = only(m, 'Microsoft.ManagedIdentity/userAssignedIdentities').symbol;
      const storage = only(m, 'Microsoft.Storage/storageAccounts').symbol;
      const vault = only(m, 'Microsoft.KeyVault/vaults').symbol;
      const insights = only(m, 'Microsoft.Insights/components').symbol;
      const s = appSettings(m);
      const show = (name: string) => String(s.get(name));
      assert.equal(s.get('HAVEN_MODE'), 'production', 'HAVEN_MODE must be production');
      assert.equal(
        s.get('MicrosoftAppType'),
        'UserAssignedMSI',
        `MicrosoftAppType must be UserAssignedMSI, found ${show('MicrosoftAppType')}`,
      );
      assert.equal(exprText(s.get('MicrosoftAppId')), `${id}.properties.clientId`, "MicrosoftAppId must be the identity's client id");
      assert.equal(exprText(s.get('MicrosoftAppTenantId')), 'tenant().tenantId', 'MicrosoftAppTenantId must be tenant().tenantId');
      assert.equal(
        s.get('HAVEN_STORAGE_ACCOUNT_URL'),
        `https://\${${storage}.name}.table.\${environment().suffixes.storage}`,
        "HAVEN_STORAGE_ACCOUNT_URL must be the account's table endpoint",
      );
      const dataKey = s.get('HAVEN_DATA_KEY');
      assert.ok(
        typeof dataKey === 'string' &&
          /^@Microsoft\.KeyVault\(SecretUri=\$\{([A-Za-z0-9_]+)\.properties\.vaultUri\}secrets\/\$\{dataKeySecretName\}\/\)$/.test(
            dataKey,
          ) &&
          dataKey.includes(`\${${vault}.`),
        `HAVEN_DATA_KEY must be a Key Vault reference to ${vault}, found ${String(dataKey)}`,
      );
      assert.equal(
        exprText(s.get('APPLICATIONINSIGHTS_CONNECTION_STRING')),
        `${insights}.properties.ConnectionString`,
        'APPLICATIONINSIGHTS_CONNECTION_STRING must come from the Application Insights resource',
      );
      for (const forbidden of [
        'MicrosoftAppPassword',
        'HAVEN_STORAGE_CONNECTION_STRING',
        'AzureWebJobsStorage',
        'HAVEN_DEMO_ROSTER',
        'HOST',
      ]) {
        assert.ok(!s.has(forbidden), `app setting ${forbidden} must not be set in production`);
      }
      const documented = new Set(
        [...readFileSync(join(ROOT, '.env.sample'), 'utf8').matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((x) => x[1]),
      );
      for (const name of s.keys()) {
        if (/^(HAVEN_|Microsoft)/.test(name))
          assert.ok(documented.has(name), `app setting ${name} is not a variable Haven reads (.env.sample)`);
      }
    },
  },
  {
    name: 'the app settings make a valid production configuration that reaches storage with the managed identity',
    run(m) {
      const env = productionEnvironment(m);
      let config: ReturnType<typeof loadConfig>;
      try {
        config = loadConfig(env);
      } catch (error) {
        if (error instanceof ConfigError) assert.fail(`Haven refuses the app settings in main.bicep: ${error.problems.join('; ')}`);
        throw error;
      }
      assert.equal(config.mode, 'production');
      assert.equal(config.bot.appType, 'UserAssignedMSI');
      assert.equal(config.host, '0.0.0.0', 'production listens on all interfaces (App Service routes to it)');
      assert.deepEqual(config.storage, {
        kind: 'managedIdentity',
        accountUrl: env.HAVEN_STORAGE_ACCOUNT_URL,
        clientId: env.MicrosoftAppId,
      });
    },
  },
  {
    name: 'Storage: ZRS, StorageV2, no shared keys, TLS 1.2, HTTPS only, no public blobs, network access a parameter',
    run(m) {
      const storage = only(m, 'Microsoft.Storage/storageAccounts');
      expectSetting(storage, 'sku.name', 'Standard_ZRS');
      expectSetting(storage, 'kind', 'StorageV2');
      expectSetting(storage, 'properties.allowSharedKeyAccess', false);
      expectSetting(storage, 'properties.minimumTlsVersion', 'TLS1_2');
      expectSetting(storage, 'properties.supportsHttpsTrafficOnly', true);
      expectSetting(storage, 'properties.allowBlobPublicAccess', false);
      expectSetting(storage, 'properties.publicNetworkAccess', new Expr('publicNetworkAccess'));
      const param = m.params.get('publicNetworkAccess');
      assert.ok(param, 'param publicNetworkAccess must exist');
      assert.ok(
        param.decorators.some((d) => /^@allowed\(\[\s*'Enabled'\s+'Disabled'\s*\]\)$/.test(d)),
        "param publicNetworkAccess must be @allowed(['Enabled' 'Disabled'])",
      );
      const tables = only(m, 'Microsoft.Storage/storageAccounts/tableServices');
      expectSetting(tables, 'parent', new Expr(storage.symbol));
      expectSetting(tables, 'name', 'default');
    },
  },
  {
    name: 'RBAC: the identity is Storage Table Data Contributor on the account, Key Vault Secrets User on the vault',
    run(m) {
      const id = only(m, 'Microsoft.ManagedIdentity/userAssignedIdentities').symbol;
      const targets: [string, string, string][] = [
        ['Microsoft.Storage/storageAccounts', ROLE.storageTableDataContributor, 'Storage Table Data Contributor'],
        ['Microsoft.KeyVault/vaults', ROLE.keyVaultSecretsUser, 'Key Vault Secrets User'],
      ];
      for (const [type, roleId, roleName] of targets) {
        const scope = only(m, type).symbol;
        const grants = all(m, 'Microsoft.Authorization/roleAssignments').filter((r) =>
          namesRole(m, get(r.body, 'properties.roleDefinitionId'), roleId),
        );
        assert.equal(grants.length, 1, `exactly one role assignment must grant ${roleName} (${roleId})`);
        const grant = grants[0]!;
        assert.equal(grant.condition, undefined, `${grant.symbol} must be unconditional`);
        expectSetting(grant, 'scope', new Expr(scope));
        expectSetting(grant, 'properties.principalId', new Expr(`${id}.properties.principalId`));
        expectSetting(grant, 'properties.principalType', 'ServicePrincipal');
        assert.match(
          exprText(get(grant.body, 'properties.roleDefinitionId')) ?? '',
          /^subscriptionResourceId\('Microsoft\.Authorization\/roleDefinitions', /,
          `${grant.symbol}: roleDefinitionId must be a subscriptionResourceId of a built-in role`,
        );
      }
      for (const grant of all(m, 'Microsoft.Authorization/roleAssignments')) {
        const name = exprText(get(grant.body, 'name')) ?? '';
        assert.match(name, /^guid\(/, `${grant.symbol}: the name must be a deterministic guid(...)`);
        assert.doesNotMatch(name, /newGuid/, `${grant.symbol}: the name must be deterministic`);
      }
    },
  },
  {
    name: 'Key Vault: RBAC, soft delete with purge protection, this tenant',
    run(m) {
      const vault = only(m, 'Microsoft.KeyVault/vaults');
      expectSetting(vault, 'properties.enableRbacAuthorization', true);
      expectSetting(vault, 'properties.enableSoftDelete', true);
      expectSetting(vault, 'properties.enablePurgeProtection', true);
      expectSetting(vault, 'properties.tenantId', new Expr('tenant().tenantId'));
      expectSetting(vault, 'properties.publicNetworkAccess', new Expr('publicNetworkAccess'));
      const days = get(vault.body, 'properties.softDeleteRetentionInDays');
      assert.ok(typeof days === 'number' && days >= 7 && days <= 90, 'softDeleteRetentionInDays must be 7 to 90');
      assert.ok(!('accessPolicies' in (get(vault.body, 'properties') as BicepObject)), 'no access policies: RBAC only');
    },
  },
  {
    name: 'Application Insights is workspace-based',
    run(m) {
      const workspace = only(m, 'Microsoft.OperationalInsights/workspaces');
      const insights = only(m, 'Microsoft.Insights/components');
      expectSetting(insights, 'properties.WorkspaceResourceId', new Expr(`${workspace.symbol}.id`));
      for (const [scopeType] of [['Microsoft.Web/sites'], ['Microsoft.KeyVault/vaults']] as const) {
        const target = only(m, scopeType).symbol;
        const diag = only(m, 'Microsoft.Insights/diagnosticSettings', (r) => exprText(r.body.scope) === target);
        expectSetting(diag, 'properties.workspaceId', new Expr(`${workspace.symbol}.id`));
      }
    },
  },
  {
    name: 'outputs: the bot endpoint, the host name, the identity client id',
    run(m) {
      const site = only(m, 'Microsoft.Web/sites').symbol;
      const id = only(m, 'Microsoft.ManagedIdentity/userAssignedIdentities').symbol;
      assert.equal(
        m.outputs.get('botEndpoint')?.value,
        `https://\${${site}.properties.defaultHostName}/api/messages`,
        'output botEndpoint',
      );
      assert.equal(exprText(m.outputs.get('appHostName')?.value), `${site}.properties.defaultHostName`, 'output appHostName');
      assert.equal(exprText(m.outputs.get('identityClientId')?.value), `${id}.properties.clientId`, 'output identityClientId');
    },
  },
  {
    name: 'parameters that could hold a secret are @secure()',
    run(m) {
      for (const p of m.params.values()) {
        if (/key|secret|password|token|connection/i.test(p.name) && !/Name$|PrincipalId$|PrincipalType$/.test(p.name)) {
          assert.ok(p.decorators.includes('@secure()'), `param ${p.name} looks like a secret: mark it @secure()`);
          assert.ok(p.value === undefined || p.value === '', `param ${p.name} must not have a default value`);
        }
      }
    },
  },
];

function productionEnvironment(m: Model): Record<string, string> {
  const storage = only(m, 'Microsoft.Storage/storageAccounts').symbol;
  const id = only(m, 'Microsoft.ManagedIdentity/userAssignedIdentities').symbol;
  const vault = only(m, 'Microsoft.KeyVault/vaults').symbol;
  const insights = only(m, 'Microsoft.Insights/components').symbol;
  const known: Record<string, string> = {
    [`${id}.properties.clientId`]: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
    'tenant().tenantId': '72f988bf-86f1-41af-91ab-2d7cd011db47',
    [`${storage}.name`]: 'sthavenabcdefghijklm',
    'environment().suffixes.storage': 'core.windows.net',
    [`${vault}.properties.vaultUri`]: 'https://kv-haven.vault.azure.net/',
    [`${insights}.properties.ConnectionString`]: 'placeholder-for-test',
  };
  const env: Record<string, string> = {};
  for (const [name, value] of appSettings(m)) {
    if (!/^(HAVEN_|Microsoft)/.test(name)) continue; // not read by Haven's configuration
    // App Service resolves the Key Vault reference to the secret itself: 32 random bytes, base64.
    env[name] = name === 'HAVEN_DATA_KEY' ? randomBytes(32).toString('base64') : render(m, value, known);
  }
  return env;
}

/** Names of the checks that fail on this model. */
function failingChecks(m: Model): string[] {
  return checks.flatMap((c) => {
    try {
      c.run(m);
      return [];
    } catch (error) {
      if (!(error instanceof assert.AssertionError)) throw error;
      return [c.name];
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The parameters file and the secret scan
// ---------------------------------------------------------------------------------------------

function checkParamsFile(paramsSource: string, main: Model): void {
  const p = parseBicep(paramsSource);
  assert.equal(p.using, './main.bicep', "main.bicepparam must start with using './main.bicep'");
  assert.equal(p.params.get('location')?.value, 'uksouth', "main.bicepparam must set location = 'uksouth'");
  for (const name of p.params.keys()) assert.ok(main.params.has(name), `main.bicepparam sets ${name}, which main.bicep does not declare`);
  for (const param of main.params.values()) {
    if (param.value === undefined)
      assert.ok(p.params.has(param.name), `main.bicep param ${param.name} has no default; main.bicepparam must set it`);
    if (param.decorators.includes('@secure()'))
      assert.ok(!p.params.has(param.name), `secure param ${param.name} must not be written in main.bicepparam`);
  }
  // Every parameter is explained: the line(s) just above each `param` are comments.
  const lines = paramsSource.split('\n');
  lines.forEach((line, n) => {
    if (/^param\s/.test(line))
      assert.match(lines[n - 1] ?? '', /^\s*\/\//, `main.bicepparam line ${n + 1}: explain "${line.trim()}" in a // comment above it`);
  });
}

/** What a credential looks like. Each pattern is proved by a sample in the tests below. */
const SECRET_PATTERNS: [RegExp, string][] = [
  [/AccountKey\s*=/i, 'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc'],
  [/DefaultEndpointsProtocol\s*=/i, 'DefaultEndpointsProtocol=https;AccountName=x'],
  [/UseDevelopmentStorage|devstoreaccount1/i, 'UseDevelopmentStorage=true'],
  [/SharedAccessSignature\s*=|[?&]sig=[A-Za-z0-9%]/i, 'https://x.table.core.windows.net/?sv=2022&sig=abc%3D'],
  [/InstrumentationKey\s*=\s*[0-9a-f]{8}-/i, 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://x'],
  [/\b(password|passwd|pwd|client_?secret|AZURE_CLIENT_SECRET)\b\s*[:=]\s*['"]?[^'"\s]+/i, "password: 'hunter2'"],
  [/MicrosoftAppPassword/, "name: 'MicrosoftAppPassword'"],
  [/\b(listKeys|listConnectionStrings|listCredentials|listSecrets)\s*\(/, 'storage.listKeys().keys[0].value'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, '-----BEGIN RSA PRIVATE KEY-----'],
  // A literal 32-byte key in base64 (what HAVEN_DATA_KEY looks like).
  [/(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{43}=(?![A-Za-z0-9+/=])/, `value: '${Buffer.alloc(32, 9).toString('base64')}'`],
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function secretFindings(files: { path: string; text: string }[]): string[] {
  const findings: string[] = [];
  for (const { path, text } of files) {
    text.split('\n').forEach((line, n) => {
      for (const [pattern] of SECRET_PATTERNS) {
        if (pattern.test(line)) findings.push(`${path}:${n + 1} matches ${pattern}: ${line.trim()}`);
      }
    });
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe('infra/main.bicep (read offline)', () => {
  const source = readFileSync(MAIN, 'utf8');
  let model: Model;
  before(() => {
    model = parseBicep(source);
  });

  describe('the parser', () => {
    it('keeps // inside strings and removes real comments', () => {
      const stripped = stripComments("var a = 'https://x' // gone\n/* gone\ntoo */var b = '${c('//')}' // gone");
      assert.equal(stripped.includes('gone'), false);
      assert.match(stripped, /var a = 'https:\/\/x'/);
      assert.match(stripped, /var b = '\$\{c\('\/\/'\)\}'/);
      assert.equal(stripped.split('\n').length, 3, 'line breaks are kept');
    });

    it('parses resources, conditions, objects, arrays and expressions', () => {
      const m = parseBicep(
        [
          "@description('x')",
          "param p string = 'a'",
          "resource r 'A.B/c@2020-01-01' = if (!empty(p)) {",
          "  name: guid(p, 'x')",
          "  '${p}': {}",
          '  list: [',
          "    'one'",
          '    2',
          '  ]',
          '  flag: false',
          "  nested: { a: 'b', c: x.y }",
          '}',
        ].join('\n'),
      );
      const r = m.resources[0]!;
      assert.deepEqual([r.symbol, r.type, r.apiVersion, r.condition], ['r', 'A.B/c', '2020-01-01', '!empty(p)']);
      assert.equal(exprText(r.body.name), "guid(p, 'x')");
      assert.deepEqual(r.body.list, ['one', 2]);
      assert.equal(r.body.flag, false);
      assert.equal(get(r.body, 'nested.a'), 'b');
      assert.equal(exprText(get(r.body, 'nested.c')), 'x.y');
      assert.ok('${p}' in r.body);
      assert.deepEqual(m.params.get('p')?.decorators, ["@description('x')"]);
    });

    it('reads every declaration in main.bicep', () => {
      assert.ok(model.resources.length >= 15, `found only ${model.resources.length} resources`);
      assert.ok(model.outputs.size >= 3);
    });
  });

  for (const c of checks) {
    it(c.name, () => c.run(model));
  }

  it('main.bicepparam sets the location and explains every parameter in a comment', () => {
    checkParamsFile(readFileSync(PARAMS, 'utf8'), model);
  });

  it('no secret literal appears anywhere in infra/', () => {
    for (const [pattern, sample] of SECRET_PATTERNS) assert.match(sample, pattern, `the pattern ${pattern} must catch its own sample`);
    const files = filesUnder(INFRA).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));
    assert.ok(
      files.some((f) => f.path.endsWith('README.md')),
      'infra/README.md exists and is scanned',
    );
    assert.deepEqual(secretFindings(files), []);
  });

  it("the app reaches storage with DefaultAzureCredential (the identity's client id) in production, and with a connection string locally", () => {
    const cipher = new FieldCipher(randomBytes(32));
    const config = loadConfig(productionEnvironment(model));
    assert.equal(config.storage.kind, 'managedIdentity');
    if (config.storage.kind !== 'managedIdentity') return;
    const store = new TableStore({ accountUrl: config.storage.accountUrl, managedIdentityClientId: config.storage.clientId }, cipher);
    const credential = (store.client('havenPeople') as unknown as { credential?: unknown }).credential;
    assert.ok(credential instanceof DefaultAzureCredential, 'a TableClient for an account URL signs in with DefaultAzureCredential');

    const local = loadConfig({ HAVEN_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' });
    assert.equal(local.mode, 'local');
    assert.deepEqual(local.storage, { kind: 'connectionString', connectionString: 'UseDevelopmentStorage=true' });
  });

  describe('each check bites: weakening a setting fails the test', () => {
    const mutations: { label: string; from: string | RegExp; to: string }[] = [
      { label: 'storage allows shared keys', from: 'allowSharedKeyAccess: false', to: 'allowSharedKeyAccess: true' },
      { label: 'allowSharedKeyAccess removed', from: /^ *allowSharedKeyAccess: false\n/m, to: '' },
      { label: 'storage TLS 1.0', from: "minimumTlsVersion: 'TLS1_2'", to: "minimumTlsVersion: 'TLS1_0'" },
      { label: 'storage LRS', from: "name: 'Standard_ZRS'", to: "name: 'Standard_LRS'" },
      { label: 'HTTP allowed on storage', from: /^ *supportsHttpsTrafficOnly: true\n/m, to: '' },
      { label: 'public blobs', from: /^ *allowBlobPublicAccess: false\n/m, to: '' },
      {
        label: 'storage network access hard-coded',
        from: /(resource storage '[^]*?)publicNetworkAccess: publicNetworkAccess/,
        to: "$1publicNetworkAccess: 'Enabled'",
      },
      { label: 'site httpsOnly removed', from: /^ *httpsOnly: true\n/m, to: '' },
      { label: 'site TLS removed', from: /^ *minTlsVersion: '1\.2'\n/m, to: '' },
      { label: 'site TLS 1.0', from: "minTlsVersion: '1.2'", to: "minTlsVersion: '1.0'" },
      { label: 'always on removed', from: /^ *alwaysOn: true\n/m, to: '' },
      { label: 'health check on /healthz', from: "healthCheckPath: '/readyz'", to: "healthCheckPath: '/healthz'" },
      { label: 'Node 20', from: "linuxFxVersion: 'NODE|22-lts'", to: "linuxFxVersion: 'NODE|20-lts'" },
      { label: 'FTP allowed', from: "ftpsState: 'Disabled'", to: "ftpsState: 'AllAllowed'" },
      { label: 'startup command changed', from: "appCommandLine: 'npm run serve'", to: "appCommandLine: 'npm start'" },
      { label: 'system-assigned identity', from: "type: 'UserAssigned'", to: "type: 'SystemAssigned'" },
      { label: 'no Key Vault reference identity', from: /^ *keyVaultReferenceIdentity: identity\.id\n/m, to: '' },
      { label: 'basic-auth publishing allowed', from: /(name: 'scm'\n *properties: \{\n *allow: )false/, to: '$1true' },
      { label: 'multi-tenant bot', from: "msaAppType: 'UserAssignedMSI'", to: "msaAppType: 'MultiTenant'" },
      { label: 'bot without MSI resource', from: /^ *msaAppMSIResourceId: identity\.id\n/m, to: '' },
      { label: 'Teams channel removed', from: /resource teamsChannel [^]*?\n\}\n/, to: '' },
      { label: 'Teams channel disabled', from: 'isEnabled: true', to: 'isEnabled: false' },
      {
        label: 'storage role is only a reader',
        from: "storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'",
        to: "storageTableDataContributorRoleId = '76199698-9eea-4c19-bc75-cec21354c6b6'",
      },
      {
        label: 'storage role on the resource group',
        from: /(storageTableDataContributor '[^]*?)scope: storage\n/,
        to: '$1scope: resourceGroup()\n',
      },
      {
        label: 'random role assignment name',
        from: 'name: guid(storage.id, identity.id, storageTableDataContributorRoleId)',
        to: 'name: newGuid()',
      },
      { label: 'Key Vault without RBAC', from: 'enableRbacAuthorization: true', to: 'enableRbacAuthorization: false' },
      { label: 'no purge protection', from: /^ *enablePurgeProtection: true\n/m, to: '' },
      {
        label: 'no Key Vault Secrets User',
        from: "keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'",
        to: "keyVaultSecretsUserRoleId = '21090545-7ca7-4776-b22c-e363652d74d2'",
      },
      { label: 'location West Europe', from: "param location string = 'uksouth'", to: "param location string = 'westeurope'" },
      { label: 'one resource in another region', from: /(resource keyVault '[^]*?)location: location/, to: "$1location: 'westeurope'" },
      { label: 'app type SingleTenant', from: "value: 'UserAssignedMSI'", to: "value: 'SingleTenant'" },
      { label: 'local mode', from: "value: 'production'", to: "value: 'local'" },
      { label: 'storage URL points at blobs', from: "value: 'https://${storage.name}.table.", to: "value: 'https://${storage.name}.blob." },
      { label: 'data key inline', from: /value: '@Microsoft\.KeyVault\([^']*'/, to: 'value: dataKey' },
      {
        label: 'a client secret setting',
        from: "          name: 'HAVEN_MODE'",
        to: "          name: 'MicrosoftAppPassword'\n          value: 'x'\n        }\n        {\n          name: 'HAVEN_MODE'",
      },
      {
        label: 'a secret param without @secure()',
        from: "param dataKeySecretName string = 'haven-data-key'",
        to: "param dataKeySecretName string = 'haven-data-key'\nparam dataKey string",
      },
      { label: 'workspace-less Application Insights', from: /^ *WorkspaceResourceId: workspace\.id\n/m, to: '' },
      { label: 'identity client id output removed', from: /^output identityClientId string = .*\n/m, to: '' },
      { label: 'an unknown API version', from: "'Microsoft.KeyVault/vaults@2023-07-01'", to: "'Microsoft.KeyVault/vaults@2099-01-01'" },
    ];
    for (const { label, from, to } of mutations) {
      it(label, () => {
        const hits =
          typeof from === 'string'
            ? source.split(from).length - 1
            : (source.match(new RegExp(from.source, from.flags.includes('g') ? from.flags : `${from.flags}g`)) ?? []).length;
        assert.equal(hits, 1, `the mutation must match main.bicep exactly once (matched ${hits} times): ${String(from)}`);
        const mutated = source.replace(from, to);
        const m = parseBicep(mutated); // still well-formed: the checks, not the parser, must catch it
        assert.notDeepEqual(failingChecks(m), [], 'no check noticed');
      });
    }

    it('a parameters file without comments, or in another region', () => {
      const params = readFileSync(PARAMS, 'utf8');
      assert.throws(() => checkParamsFile(params.replace(/^\/\/.*\n(?=param logLevel)/m, ''), model), assert.AssertionError);
      assert.throws(
        () => checkParamsFile(params.replace("param location = 'uksouth'", "param location = 'westeurope'"), model),
        assert.AssertionError,
      );
    });

    it('a secret literal in any infra file', () => {
      for (const [, sample] of SECRET_PATTERNS) {
        assert.notDeepEqual(secretFindings([{ path: 'infra/x.bicep', text: `// ${sample}` }]), [], sample);
      }
    });
  });
});
