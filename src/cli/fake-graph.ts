// npm run graph:fake — a fake Microsoft Graph on 127.0.0.1 (HAVEN_FAKE_GRAPH_PORT, default 56160) holding
// the demo tenant (src/graph/demo-tenant.ts: the demo roster as Entra ID would have it, plus a newcomer
// and a leaver). Point the roster commands at it, in local mode:
//   HAVEN_GRAPH_URL=http://127.0.0.1:56160 npm run roster -- install --dry-run
// It prints each request it answers (method, path, status: object ids, never names). Ctrl-C stops it.
import { readFileSync } from 'node:fs';
import { ConfigError, loadFakeGraphConfig } from '../config.ts';
import { DEMO_GROUPS, DEMO_LEAVER, DEMO_NEWCOMER, demoTenant } from '../graph/demo-tenant.ts';
import { startFakeGraph } from '../graph/fake-graph-server.ts';

async function main(): Promise<void> {
  const config = loadFakeGraphConfig();
  const { tenant } = demoTenant(readFileSync(config.roster, 'utf8'));
  const graph = await startFakeGraph({ tenant, port: config.port });
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(`Fake Microsoft Graph (demo tenant) listening on ${graph.url}`);
  out(`  ${tenant.users.length} users; members group ${DEMO_GROUPS.members} (mapping: data/demo-entra/unit-2.json, read by local mode)`);
  out(`  not yet on the roster: ${DEMO_NEWCOMER.userPrincipalName}; left the members group: ${DEMO_LEAVER}`);
  out(`Try, in another terminal:`);
  out(`  HAVEN_GRAPH_URL=${graph.url} npm run roster -- install --dry-run`);
  out(`Ctrl-C stops it.`);
  let seen = 0;
  const timer = setInterval(() => {
    for (; seen < graph.requests.length; seen++) {
      const r = graph.requests[seen]!;
      out(`${r.method} ${r.path} ${r.status}`);
    }
  }, 200);
  const stop = () => {
    clearInterval(timer);
    void graph.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `graph:fake: ${error.message}\n`);
  process.exit(1);
});
