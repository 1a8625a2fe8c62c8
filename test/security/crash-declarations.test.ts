// Crash safety. Haven runs as its own process (real job loop, real clock) over an Azurite the test
// owns; the test SIGKILLs it at random moments while people raise "I'm not okay" and while alerts go
// out, starts it again on the same storage each time, and then proves:
//   - every declaration acknowledged to its author (a 200 with the confirmation card) is stored, once;
//     a click Teams delivers again after a crash (same activity id) is the same declaration;
//   - every alert is delivered at least once, and shown once per outbox message except where a kill
//     fell between the send and recording it: the Bot Connector has no idempotency key, so at-least-once
//     is the honest guarantee and any repeat is bounded by the kills;
//   - every escalation still fires: with a one-minute policy, the next level is alerted for every open
//     declaration even though the process was killed again while the first level's minute ran.
// Replay a run with CRASH_SEED=<the seed in the title>.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Declaration } from '../../src/features/declarations/rules.ts';
import { startEmbeddedAzurite, type EmbeddedAzurite } from '../../src/storage/embedded-azurite.ts';
import { FieldCipher } from '../../src/storage/field-cipher.ts';
import { TableAuditLog } from '../../src/storage/audit-log.ts';
import { TableDeclarationRepository } from '../../src/storage/declaration-repository.ts';
import { TableOutboxRepository } from '../../src/storage/outbox-repository.ts';
import { TableStore } from '../../src/storage/table-store.ts';
import type { OutboxMessage } from '../../src/kernel/ports.ts';
import {
  DEMO,
  actionExecute,
  botAddedToTeam,
  inChannel,
  installPersonal,
  message,
  personalChatId,
  type DemoUser,
} from '../support/activities.ts';
import { randomTablePrefix } from '../support/azurite.ts';
import { startFakeConnector, type FakeConnector, type RecordedCall } from '../support/fake-connector.ts';
import { startHavenProcess, type HavenProcess } from '../support/haven-process.ts';

const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 2 ** 31);
const ROUNDS = 5;
// Kept small on purpose: every declaration alerts the same two supervisors, and Teams allows about 60
// messages per conversation per 30 s; more would test the rate limiter, not crash safety.
const RAISES_PER_ROUND = 6;

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OFFICERS: DemoUser[] = [DEMO.alex!, DEMO.bea!, DEMO.chris!, DEMO.dev!, DEMO.erin!, DEMO.femi!];
const RESPONDERS: DemoUser[] = [DEMO.sam!, DEMO.priya!, DEMO.dana!];
const TEAMS_ID_OF: Record<string, string> = {
  'sam.okafor': DEMO.sam!.id,
  'priya.shah': DEMO.priya!.id,
  'dana.hughes': DEMO.dana!.id,
};

interface Raise {
  activity: ReturnType<typeof actionExecute>;
  user: DemoUser;
  /** Every time it was posted: the declaration id the confirmation named, or why there was none. */
  outcomes: ({ acknowledged: string } | { failed: string })[];
}

function declarationIdIn(card: unknown): string | undefined {
  return JSON.stringify(card ?? {}).match(/"declarationId":"(decl-[0-9a-f]{24})"/)?.[1];
}

async function post(url: string, activity: unknown): Promise<{ status: number; body: any }> {
  const r = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined };
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, explain?: () => Promise<string>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${explain ? `:\n${await explain()}` : ''}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`crash safety: SIGKILL while declarations are handled (seed ${SEED}; replay with CRASH_SEED=${SEED})`, function () {
  const random = seeded(SEED);
  let azurite: EmbeddedAzurite;
  let connector: FakeConnector;
  let haven: HavenProcess | undefined;
  let dataDir: string;
  let escalationDir: string;
  let env: Record<string, string>;
  let declarations: TableDeclarationRepository;
  let outbox: TableOutboxRepository;
  let audit: TableAuditLog;
  let kills = 0;

  async function restart(): Promise<HavenProcess> {
    haven = await startHavenProcess(env);
    return haven;
  }

  async function kill(): Promise<void> {
    await haven?.kill();
    kills++;
  }

  before(async function () {
    this.timeout(120_000);
    azurite = await startEmbeddedAzurite();
    connector = await startFakeConnector();
    dataDir = mkdtempSync(join(tmpdir(), 'haven-crash-'));
    escalationDir = mkdtempSync(join(tmpdir(), 'haven-crash-policy-'));
    // One minute per level, so escalation can be watched in real time.
    writeFileSync(
      join(escalationDir, 'default.json'),
      JSON.stringify({
        levels: [
          { role: 'supervisor', delayMinutes: 1 },
          { role: 'cover', delayMinutes: 1 },
          { role: 'departmentHead', delayMinutes: 1 },
          { role: 'above', delayMinutes: 1 },
        ],
        acknowledgementTimeoutMinutes: 60,
        redeploymentDeadlineDays: 5,
        redeploymentOverdueRepeatMinutes: 1440,
      }),
    );
    const key = randomBytes(32);
    const prefix = randomTablePrefix();
    env = {
      HAVEN_MODE: 'local',
      PORT: '0',
      HAVEN_DATA_DIR: dataDir,
      HAVEN_STORAGE_CONNECTION_STRING: azurite.connectionString,
      HAVEN_TABLE_PREFIX: prefix,
      HAVEN_DATA_KEY: key.toString('base64'),
      HAVEN_DEMO_ROSTER: 'data/demo-roster.csv',
      HAVEN_ESCALATION_DIR: escalationDir,
      HAVEN_OUTBOX_POLL_MS: '200',
      HAVEN_LOG_LEVEL: 'warn',
    };
    // The test reads the same tables, with the same key, as an operator would.
    const store = new TableStore({ connectionString: azurite.connectionString }, new FieldCipher(key), prefix);
    await store.ensureTables();
    declarations = new TableDeclarationRepository(store);
    outbox = new TableOutboxRepository(store);
    audit = new TableAuditLog(store);

    // First start loads the demo roster; everyone installs Haven; the team channel is known.
    const h = await restart();
    for (const u of [...OFFICERS, ...RESPONDERS]) assert.equal((await post(h.url, installPersonal(connector.url, u))).status, 200);
    assert.equal((await post(h.url, botAddedToTeam(connector.url, DEMO.dana!))).status, 200);
    assert.equal((await post(h.url, inChannel(message(connector.url, DEMO.sam!, 'hello')))).status, 200);
  });

  after(async () => {
    await haven?.kill();
    await connector?.close();
    await azurite?.close();
    for (const dir of [dataDir, escalationDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('acknowledged declarations are stored once, alerts delivered (at least once) and escalations still fire', async function () {
    this.timeout(540_000);
    const raises: Raise[] = [];
    const started = Date.now();

    // ---- Phase 1: bursts of raises, each cut short by a SIGKILL at a random moment. ------------------
    for (let round = 0; round < ROUNDS; round++) {
      const h = haven!;
      // Teams delivers some clicks again after a failure: the same activity, the same id.
      const again = raises.filter((r) => !r.outcomes.some((o) => 'acknowledged' in o) && random() < 0.5).slice(0, 4);
      const fresh = Array.from({ length: RAISES_PER_ROUND }, (_, i) => {
        const user = OFFICERS[Math.floor(random() * OFFICERS.length)]!;
        const kind = (['talk', 'break', 'leave'] as const)[Math.floor(random() * 3)]!;
        const r: Raise = {
          activity: actionExecute(connector.url, user, 'declaration.raise', { kind, note: `round ${round} raise ${i}` }),
          user,
          outcomes: [],
        };
        raises.push(r);
        return r;
      });
      const batch = [...again, ...fresh];
      // Clicks arrive over about a second; the kill falls somewhere in that second or just after it,
      // while turns are storing, answering, or the job loop is sending their alerts.
      const killAfter = 100 + Math.floor(random() * 1500);
      const delays = batch.map(() => Math.floor(random() * 1200));
      const posted = batch.map(async (r, i) => {
        await sleep(delays[i]!);
        try {
          const res = await post(h.url, r.activity);
          const id = res.status === 200 ? declarationIdIn(res.body?.value) : undefined;
          r.outcomes.push(
            id && /is in|starts now|be in touch/.test(JSON.stringify(res.body))
              ? { acknowledged: id }
              : { failed: `${res.status} ${JSON.stringify(res.body).slice(0, 120)}` },
          );
        } catch (error) {
          r.outcomes.push({ failed: (error as Error).message });
        }
      });
      await sleep(killAfter);
      await kill();
      await Promise.all(posted);
      await restart();
    }
    const acknowledged = new Map<string, Raise>();
    for (const r of raises) for (const o of r.outcomes) if ('acknowledged' in o) acknowledged.set(o.acknowledged, r);
    const failedPosts = raises.flatMap((r) => r.outcomes).filter((o) => 'failed' in o).length;
    assert.ok(acknowledged.size >= 5, `enough raises were acknowledged to prove anything (${acknowledged.size})`);
    assert.ok(failedPosts > 0, 'some raises were cut short by a kill');

    const explain = async () => {
      const all = (await outbox.list()).map((m) => m.value);
      const lines: string[] = [];
      for (const id of acknowledged.keys()) {
        const d = (await declarations.get(id))?.value;
        const mine = all.filter((m) => m.id.startsWith(`${id}:`));
        lines.push(
          `${id} ${d?.status} onCall=${d?.onCall?.personId} pending=${d?.pendingEffects?.length ?? 0} timeline=${d?.timeline.map((e) => `${e.event}:${e.personId ?? ''}`).join(',')}`,
        );
        for (const m of mine)
          lines.push(`    ${m.id.slice(30)} ${m.purpose} ${m.status} attempts=${m.attempts} next=${m.nextAttemptAt} ${m.lastError ?? ''}`);
      }
      return `${lines.join('\n')}\nlog:\n${(haven?.log ?? []).slice(-15).join('\n')}`;
    };

    // ---- Stored exactly once. -----------------------------------------------------------------------
    const stored = (await declarations.list()).map((d) => d.value);
    const byId = new Map<string, Declaration[]>();
    for (const d of stored) byId.set(d.id, [...(byId.get(d.id) ?? []), d]);
    for (const [id, r] of acknowledged) {
      assert.equal(byId.get(id)?.length, 1, `acknowledged declaration ${id} is stored once`);
      const d = byId.get(id)![0]!;
      assert.equal(d.personId, r.user.name.toLowerCase().replace(' ', '.'), `${id} belongs to who raised it`);
      // A click delivered twice is one declaration, and both answers named it.
      const ids = new Set(r.outcomes.filter((o): o is { acknowledged: string } => 'acknowledged' in o).map((o) => o.acknowledged));
      assert.equal(ids.size, 1, 'the same click always names the same declaration');
    }
    // Nothing stored that nobody raised (a declaration may be stored without its answer arriving: a kill between the two).
    const raisedNotes = new Set(raises.map((r) => String((r.activity.value.action.data as unknown as { note: string }).note)));
    for (const d of stored) assert.ok(raisedNotes.has(d.note ?? ''), `declaration ${d.id} comes from a raise`);
    assert.ok(stored.length <= raises.length, 'never more declarations than clicks');
    const raisedAudits = (await audit.list('2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z')).filter(
      (a) => a.action === 'declaration.raised',
    );
    for (const d of stored)
      assert.ok(raisedAudits.filter((a) => a.subject === `declaration:${d.id}`).length <= 1, `${d.id} audited at most once`);

    // ---- Alerts: every first-level alert is delivered; count what the connector showed. ----------------
    const alertsFor = (rows: OutboxMessage[], ids: Iterable<string>) => {
      const list = [...ids];
      return rows.filter((m) => m.purpose === 'declaration.alert' && list.some((id) => m.id.startsWith(`${id}:`)));
    };
    /** The alert row for declaration `id` to `personId`, once it is sent. */
    const sentAlert = (rows: OutboxMessage[], id: string, personId: string) =>
      rows.find(
        (m) =>
          m.purpose === 'declaration.alert' &&
          m.id.startsWith(`${id}:`) &&
          m.target.kind === 'person' &&
          m.target.personId === personId &&
          m.status === 'sent',
      );
    await until(
      'the first alert for every acknowledged declaration to be sent',
      150_000,
      async () => {
        const rows = (await outbox.list()).map((m) => m.value);
        const ds = await Promise.all([...acknowledged.keys()].map((id) => declarations.get(id)));
        return ds.every((d) => d && sentAlert(rows, d.value.id, d.value.timeline.find((e) => e.event === 'alerted')!.personId!))
          ? true
          : undefined;
      },
      explain,
    );

    // ---- Escalations: kill once more while the first level's minute runs, then every one escalates. ---
    await sleep(5000 + Math.floor(random() * 10_000));
    await kill();
    await restart();
    const open = [...acknowledged.keys()];
    const escalated = await until(
      'every acknowledged declaration to escalate to its next level',
      240_000,
      async () => {
        const now = await Promise.all(open.map((id) => declarations.get(id)));
        return now.every((d) => d?.value.timeline.some((e) => e.event === 'escalated')) ? now.map((d) => d!.value) : undefined;
      },
      explain,
    );
    await until(
      'the escalation alerts to be sent',
      150_000,
      async () => {
        const rows = (await outbox.list()).map((m) => m.value);
        return escalated.every((d) => sentAlert(rows, d.id, d.timeline.find((e) => e.event === 'escalated')!.personId!)) ? true : undefined;
      },
      explain,
    );
    for (const d of escalated) {
      const up = d.timeline.find((e) => e.event === 'escalated')!;
      const first = d.timeline.find((e) => e.event === 'alerted')!;
      assert.notEqual(up.personId, first.personId, `${d.id} moved past ${first.personId}`);
      assert.ok(new Date(up.at).getTime() - new Date(first.at).getTime() >= 60_000, `${d.id} escalated no earlier than the level's minute`);
    }

    // ---- Every alert row was shown, at least once; repeats only where a kill cut a send short. ---------
    // Rows still waiting their turn (later rounds of the chain keep coming) are not counted.
    const rows = alertsFor(
      (await outbox.list()).map((m) => m.value),
      acknowledged.keys(),
    ).filter((m) => m.status === 'sent');
    const shown = (m: OutboxMessage): RecordedCall[] =>
      connector
        .sentActivities()
        .filter(
          (c) =>
            c.operation === 'sendToConversation' &&
            m.target.kind === 'person' &&
            c.conversationId === personalChatId({ id: TEAMS_ID_OF[m.target.personId] ?? '', aadObjectId: '', name: '' }) &&
            JSON.stringify((c.body as { attachments?: { content?: unknown }[] }).attachments?.[0]?.content) ===
              JSON.stringify(m.activity.card),
        );
    let repeats = 0;
    for (const m of rows) {
      const n = shown(m).length;
      assert.ok(n >= 1, `alert ${m.id} to ${JSON.stringify(m.target)} was shown`);
      repeats += n - 1;
    }
    // A kill can catch at most one pass's worth of claimed messages (8 conversations in parallel).
    assert.ok(repeats <= kills * 8, `${repeats} repeated alerts for ${kills} kills`);
    for (const d of escalated) {
      const up = d.timeline.find((e) => e.event === 'escalated')!;
      assert.ok(sentAlert(rows, d.id, up.personId!), `${d.id}: ${up.personId} was alerted, not only recorded`);
    }
    console.log(
      `      ${raises.length} raises (${failedPosts} posts cut short), ${acknowledged.size} acknowledged, ${stored.length} stored, ${kills} kills, ${rows.length} alerts, ${repeats} shown twice, ${raisedAudits.length} raised audit rows, ${Math.round((Date.now() - started) / 1000)} s`,
    );
  });
});
