// Issue 16 (graph): when the directory and app installation are configured, and the catalogue id check.
import assert from 'node:assert/strict';
import { ConfigError, LOCAL_TEAMS_APP_CATALOG_ID, loadConfig, loadFakeGraphConfig } from '../../../src/config.ts';
import { graphAdaptersFor } from '../../../src/graph/from-config.ts';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const CATALOG = '0b1c2d3e-4f50-4a61-8b72-9c8d7e6f5a4b';
const production = {
  HAVEN_MODE: 'production',
  MicrosoftAppId: APP_ID,
  MicrosoftAppType: 'UserAssignedMSI',
  MicrosoftAppTenantId: '99999999-8888-4777-8666-555555555555',
  HAVEN_STORAGE_ACCOUNT_URL: 'https://havenprod.table.core.windows.net',
  HAVEN_DATA_KEY: Buffer.from(Array.from({ length: 32 }, (_, i) => i + 1)).toString('base64'),
};

describe('config: Microsoft Graph for the directory and app installation', () => {
  it('local mode: off unless HAVEN_GRAPH_URL is a loopback fake; then on, with the demo catalogue id', () => {
    assert.equal(loadConfig({}).graph, undefined);
    assert.equal(
      loadConfig({ HAVEN_GRAPH_URL: 'https://graph.microsoft.com' }).graph,
      undefined,
      'local mode has no identity for the real Graph',
    );
    assert.deepEqual(loadConfig({ HAVEN_GRAPH_URL: 'http://127.0.0.1:56160/' }).graph, {
      url: 'http://127.0.0.1:56160',
      teamsAppCatalogId: LOCAL_TEAMS_APP_CATALOG_ID,
    });
    const adapters = graphAdaptersFor(loadConfig({ HAVEN_GRAPH_URL: 'http://127.0.0.1:56160' }));
    assert.equal(adapters.directory.configured, true);
    assert.equal(adapters.appInstaller.configured, true);
    assert.equal(adapters.viewingAccess.configured, false);
    const off = graphAdaptersFor(loadConfig({}));
    assert.deepEqual([off.directory.configured, off.appInstaller.configured], [false, false]);
  });

  it('production: the directory always; installation only with HAVEN_TEAMS_APP_CATALOG_ID', () => {
    const without = loadConfig(production);
    assert.deepEqual(without.graph, { url: 'https://graph.microsoft.com', teamsAppCatalogId: undefined });
    assert.equal(graphAdaptersFor(without).directory.configured, true);
    assert.equal(graphAdaptersFor(without).appInstaller.configured, false);
    const withId = loadConfig({ ...production, HAVEN_TEAMS_APP_CATALOG_ID: CATALOG });
    assert.equal(withId.graph?.teamsAppCatalogId, CATALOG);
    assert.equal(graphAdaptersFor(withId).appInstaller.configured, true);
  });

  it('a catalogue id that is not a GUID is refused, listed with every other problem', () => {
    let caught: unknown;
    try {
      loadConfig({ ...production, HAVEN_TEAMS_APP_CATALOG_ID: 'haven-app', HAVEN_GRAPH_URL: 'http://127.0.0.1:1' });
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof ConfigError);
    assert.ok(caught.problems.some((p) => p.startsWith('HAVEN_TEAMS_APP_CATALOG_ID must be')));
    assert.ok(caught.problems.some((p) => p.startsWith('HAVEN_GRAPH_URL must be https')));
  });

  it('graph:fake: port 56160 by default; a bad port is refused', () => {
    assert.deepEqual({ ...loadFakeGraphConfig({}) }, { port: 56160, roster: 'data/demo-roster.csv' });
    assert.equal(loadFakeGraphConfig({ HAVEN_FAKE_GRAPH_PORT: '56999' }).port, 56999);
    assert.throws(() => loadFakeGraphConfig({ HAVEN_FAKE_GRAPH_PORT: 'x' }), /HAVEN_FAKE_GRAPH_PORT must be a port number/);
  });
});
