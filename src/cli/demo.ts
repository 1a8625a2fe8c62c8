// `npm run demo -- as <name>`: while `npm start` runs, opens a second Agents Playground in which you
// are another demo person (Sam, Priya, Dana, Tom or Gus). Local mode only, loopback only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { loadConfigOrExit } from '../main.ts';
import { startPlayground, waitForHttp } from './playground.ts';
import { configActingAs, findPerson, parseLoadedConfig, playgroundPeople, portFor, type LoadedPlaygroundConfig } from './act-as.ts';

const USAGE = 'usage: npm run demo -- as <name>     (for example: npm run demo -- as sam)\n';

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

async function fetchLoadedConfig(playgroundUrl: string): Promise<LoadedPlaygroundConfig | undefined> {
  try {
    const r = await fetch(`${playgroundUrl}/_internal/v1/config`, { signal: AbortSignal.timeout(20_000) });
    return r.ok ? parseLoadedConfig(await r.json()) : undefined;
  } catch {
    return undefined;
  }
}

/** Tells Haven, through the first Playground's own connector, that the person is back there. */
async function reinstallInFirstPlayground(
  playgroundUrl: string,
  config: LoadedPlaygroundConfig,
  person: { id: string; aadObjectId: string },
) {
  const template = (await (
    await fetch(`${playgroundUrl}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(config.personalChat.id)}`, {
      signal: AbortSignal.timeout(5_000),
    })
  ).json()) as Record<string, unknown>;
  await fetch(`${playgroundUrl}/_internal/v1/customActivities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...template,
      type: 'installationUpdate',
      action: 'add',
      from: { id: person.id, aadObjectId: person.aadObjectId },
      channelData: { tenant: { id: config.tenantId } },
    }),
    signal: AbortSignal.timeout(10_000),
  });
}

async function main(): Promise<void> {
  const [verb, name] = process.argv.slice(2);
  if (verb !== 'as' || !name) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  const config = loadConfigOrExit();
  if (config.mode !== 'local') {
    process.stderr.write('npm run demo is for the local demo only (local mode).\n');
    process.exit(1);
  }
  const firstUrl = `http://127.0.0.1:${config.playgroundPort}`;
  const loaded = await fetchLoadedConfig(firstUrl);
  if (!loaded) {
    process.stderr.write(`The demo is not running (nothing answers on ${firstUrl}). Start it first with npm start, in another terminal.\n`);
    process.exit(1);
  }
  const person = findPerson(loaded, name);
  if (!person) {
    process.stderr.write(
      `No "${name}" in the Playground. Try one of: ${playgroundPeople(loaded)
        .map((u) => u.givenName.toLowerCase())
        .join(', ')}\n`,
    );
    process.exit(2);
  }
  if (person.id === loaded.currentUser.id) {
    process.stdout.write(`You are already ${person.name} in ${firstUrl}.\n`);
    return;
  }

  const port = portFor(loaded, person, config.playgroundPort);
  // The Playground would quietly take another port if this one is taken; say so instead.
  if (!(await portFree(port))) {
    process.stderr.write(`Port ${port} is in use: is "npm run demo -- as ${name}" already running? Open http://127.0.0.1:${port}.\n`);
    process.exit(1);
  }
  const slug = person.givenName.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  mkdirSync(config.dataDir, { recursive: true });
  const yml = join(config.dataDir, `playground-as-${slug}.yml`);
  writeFileSync(yml, `${JSON.stringify(configActingAs(loaded, person), null, 2)}\n`);
  const url = `http://127.0.0.1:${port}`;
  const playground = startPlayground(`http://127.0.0.1:${config.port}`, port, {
    env: { M365_AGENTS_PLAYGROUND_CONFIG_PATH: yml, M365_AGENTS_PLAYGROUND_LOGFILE: join(config.dataDir, `playground-as-${slug}.log`) },
  });
  const up = await waitForHttp(`${url}/_debug/ping`, 60_000);
  if (!up) {
    process.stderr.write(`The Playground for ${person.name} did not start on ${url} (is the port taken?).\n`);
    playground.kill('SIGTERM');
    process.exit(1);
  }
  process.stdout.write(
    `\n  You are ${person.name} in ${url}\n\n` +
      `  Open it in another browser tab. From the moment it opens, Haven sends ${person.givenName}'s cards there\n` +
      `  (cards sent before stay in ${firstUrl}). Ctrl-C stops this Playground; ${person.givenName}'s cards then go to\n` +
      `  ${firstUrl} again.\n\n`,
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    playground.kill('SIGTERM');
    await reinstallInFirstPlayground(firstUrl, loaded, person).catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  playground.on('exit', () => void stop());
}

main().catch((error: Error) => {
  process.stderr.write(`npm run demo failed: ${error.message}\n`);
  process.exit(1);
});
