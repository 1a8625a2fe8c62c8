// Microsoft Graph wired from the configuration: the token for Haven's own identity, and the directory,
// app installer and grading-access group built on the shared client (src/graph/graph-client.ts).
import { ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import type { Config } from '../config.ts';
import { noAppInstaller, noDirectory } from '../kernel/go-live-defaults.ts';
import type { AppInstaller, EntraDirectory, ViewingAccess } from '../kernel/ports.ts';
import { GraphAppInstaller } from './app-installer.ts';
import { GraphEntraDirectory } from './entra-directory.ts';
import { createGraphClient, type TokenProvider } from './graph-client.ts';
import { GraphViewingAccess, noViewingAccess } from './viewing-access.ts';

/** A loopback Graph (the fake server, local mode only: config.ts refuses it in production). */
export function isLoopbackGraph(url: string): boolean {
  return /^http:\/\/127\.0\.0\.1(:\d+)?$/.test(url);
}

/**
 * Graph tokens for the bot's own identity: its managed identity, or its app registration. A loopback Graph
 * gets none. Without an identity (local mode against a real Graph), asking for one fails with a plain reason.
 */
export function graphTokenFor(config: Readonly<Config>, graphUrl: string): TokenProvider | undefined {
  if (isLoopbackGraph(graphUrl)) return undefined;
  const scope = 'https://graph.microsoft.com/.default';
  if (config.bot.appType === 'UserAssignedMSI') {
    const credential = new ManagedIdentityCredential({ clientId: config.bot.appId });
    return async () => (await credential.getToken(scope)).token;
  }
  if (config.bot.appId && config.bot.password) {
    const credential = new ClientSecretCredential(config.bot.tenantId, config.bot.appId, config.bot.password);
    return async () => (await credential.getToken(scope)).token;
  }
  return async () => {
    throw new Error('no identity to call Microsoft Graph with (local mode)');
  };
}

export interface GraphAdapters {
  directory: EntraDirectory;
  appInstaller: AppInstaller;
  viewingAccess: ViewingAccess;
}

/**
 * The Graph adapters the configuration asks for; the not-configured defaults for the rest.
 * `token` replaces Haven's identity (tests pointing at the fake server with a fixed token).
 */
export function graphAdaptersFor(config: Readonly<Config>, token?: TokenProvider): GraphAdapters {
  const adapters: GraphAdapters = { directory: noDirectory, appInstaller: noAppInstaller, viewingAccess: noViewingAccess };
  if (config.graph) {
    // Directory reads and installs (the daily sync, the install command): wait out throttling up to a minute.
    const graph = createGraphClient({ baseUrl: config.graph.url, token: token ?? graphTokenFor(config, config.graph.url) });
    adapters.directory = new GraphEntraDirectory(graph);
    if (config.graph.teamsAppCatalogId) adapters.appInstaller = new GraphAppInstaller(graph, config.graph.teamsAppCatalogId);
  }
  if (config.viewingGroup) {
    // Inside a job tick: only short waits; a longer Retry-After is the job's to schedule.
    const graph = createGraphClient({
      baseUrl: config.viewingGroup.graphUrl,
      token: token ?? graphTokenFor(config, config.viewingGroup.graphUrl),
      maxRetries: 2,
      maxWaitSeconds: 10,
      timeoutMs: 10_000,
    });
    adapters.viewingAccess = new GraphViewingAccess({ graph, groupId: config.viewingGroup.groupId });
  }
  return adapters;
}
