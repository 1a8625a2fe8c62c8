// Raising and reading declarations through a whole Haven (the harness).
import assert from 'node:assert/strict';
import type { Declaration } from '../../src/features/declarations/rules.ts';
import type { AuditEntry } from '../../src/kernel/types.ts';
import { actionExecute, type DemoUser } from './activities.ts';
import type { TestHaven } from './harness.ts';
import { auditSince } from './haven-steps.ts';
import { text } from './sent-cards.ts';

export function declarationIdIn(card: unknown): string | undefined {
  const m = JSON.stringify(card ?? {}).match(/"declarationId":"(decl-[0-9a-f]{24})"/);
  return m?.[1];
}

export interface Raised {
  status: number;
  body: any;
  card: any;
  id: string;
}

export async function raise(
  t: TestHaven,
  user: DemoUser,
  data: Record<string, unknown>,
  activity?: ReturnType<typeof actionExecute>,
): Promise<Raised> {
  const r = await t.post(activity ?? actionExecute(t.connector.url, user, 'declaration.raise', data));
  assert.equal(r.status, 200);
  const id = declarationIdIn(r.body?.value);
  assert.ok(id, `the confirmation names the request: ${JSON.stringify(r.body).slice(0, 400)}`);
  return { status: r.status, body: r.body, card: r.body.value, id };
}

export async function declaration(t: TestHaven, id: string): Promise<Declaration> {
  const d = await t.haven.deps.declarations.get(id);
  assert.ok(d, `declaration ${id} is stored`);
  return d.value;
}

/** What a bad input must not change: declarations, the outbox and the audit trail. */
export async function snapshot(t: TestHaven, ids: string[]): Promise<{ declarations: string; outbox: string; audit: AuditEntry[] }> {
  const declarations = [];
  for (const id of ids) declarations.push((await t.haven.deps.declarations.get(id))?.value);
  const outbox = (await t.haven.outbox.list())
    .map((m) => ({ id: m.value.id, status: m.value.status }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return { declarations: text(declarations), outbox: text(outbox), audit: await auditSince(t) };
}
