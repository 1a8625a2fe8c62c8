// Raw views of every Haven table (as a storage administrator would see them) and a way to run the
// subject command against a test Haven's storage.
import { TABLES, fromKey } from '../../../src/storage/table-store.ts';
import { runSubjectCommand } from '../../../src/cli/subject.ts';
import type { TestHaven } from '../../support/harness.ts';

export interface Hit {
  table: string;
  partitionKey: string;
  rowKey: string;
  property: string;
  needle: string;
}

/** Every place in every table (keys included) where one of the needles appears in plain. */
export async function rawMentions(t: TestHaven, needles: string[]): Promise<Hit[]> {
  const hits: Hit[] = [];
  for (const table of Object.values(TABLES)) {
    for await (const e of t.haven.store.client(table).listEntities<Record<string, unknown>>()) {
      for (const [property, v] of Object.entries(e)) {
        const raw = typeof v === 'string' ? v : JSON.stringify(v ?? null);
        for (const needle of needles) {
          // Keys are stored escaped (%xx for / \ # ? %), so compare the decoded form too.
          if (raw.includes(needle) || fromKey(raw).includes(needle)) {
            hits.push({ table, partitionKey: e.partitionKey!, rowKey: e.rowKey!, property, needle });
          }
        }
      }
    }
  }
  return hits;
}

/** Every row of every table, with its ETag: equal snapshots mean nothing was written. */
export async function rawSnapshot(t: TestHaven): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of Object.values(TABLES)) {
    const rows: string[] = [];
    for await (const e of t.haven.store.client(table).listEntities<Record<string, unknown>>()) rows.push(JSON.stringify(e));
    out[table] = rows.sort();
  }
  return out;
}

export interface CommandRun {
  code: number;
  out: string;
  err: string;
}

/** `npm run subject -- …` in-process, on the test Haven's storage. */
export async function subject(t: TestHaven, ...args: string[]): Promise<CommandRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSubjectCommand(
    args,
    (s) => out.push(s),
    (s) => err.push(s),
    async () => ({
      deps: { ...t.haven.deps, outbox: t.haven.outbox },
      close: async () => undefined,
    }),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}
