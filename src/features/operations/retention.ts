// Issue 16 part 4 (retention): the daily job and `npm run retention` apply data/retention.json. Each
// feature lists the kinds of record it owns and enforces (Feature.retention: what is past its time and
// how to delete or pseudonymise one); this file owns the delivery records and the audit trail, and runs
// them all. Safe to re-run: a record is acted on only if it is unchanged since it was listed, and a
// second run finds nothing left to do. Audited with counts per kind, never names or ids.
import type { Logger } from 'pino';
import { VersionConflict } from '../../kernel/ports.ts';
import { RETENTION_KINDS, periodText, retentionCutoff, type RetentionAction, type RetentionSource } from '../../kernel/retention.ts';
import type { AuditEntry } from '../../kernel/types.ts';
import type { OperationsDeps } from './deps.ts';
import type { RetentionLine } from './repository.ts';

export type RetentionRun = { ok: true; dryRun: boolean; lines: RetentionLine[] } | { ok: false; problems: string[] };

const PSEUDONYM = 'pseudonymised';
const OPERATORS = new Set(['system', 'admin-cli']);

/** An audit row with the person gone: actor and subject id replaced, action, outcome, time and reason code kept. */
export function pseudonymisedAudit(e: AuditEntry): AuditEntry {
  const subjectKind = e.subject.includes(':') ? e.subject.slice(0, e.subject.indexOf(':')) : e.subject;
  // Whose record it was goes too: a pseudonymised row is listed under nobody.
  const { about: _about, ...rest } = e;
  return { ...rest, actor: OPERATORS.has(e.actor) ? e.actor : PSEUDONYM, subject: `${subjectKind}:${PSEUDONYM}` };
}

const isPseudonymised = (e: AuditEntry) =>
  e.about === undefined && pseudonymisedAudit(e).actor === e.actor && pseudonymisedAudit(e).subject === e.subject;

function outboxSource(
  kind: 'outboxSent' | 'outboxFailed',
  statuses: readonly ('sent' | 'failed' | 'unreachable')[],
): RetentionSource<OperationsDeps> {
  return {
    kind,
    actions: ['delete'],
    async due(deps, cutoff) {
      const lists = await Promise.all(statuses.map((s) => deps.deliveryQueue.endedBefore(s, cutoff.toISOString())));
      return lists.flat().map((m) => ({ id: m.value.id, version: m.version }));
    },
    async apply(deps, item) {
      try {
        await deps.deliveryQueue.remove(item.id, item.version);
        return true;
      } catch (error) {
        if (error instanceof VersionConflict) return false;
        throw error;
      }
    },
  };
}

/** The audit trail: rows written before the cutoff, deleted, or pseudonymised in place (a pseudonymised row is done). */
function auditSource(): RetentionSource<OperationsDeps> {
  // What `due` listed, so `apply` need not read the trail again for each row.
  const listed = new Map<string, AuditEntry>();
  return {
    kind: 'audit',
    actions: ['delete', 'pseudonymise'],
    async due(deps, cutoff) {
      listed.clear();
      const rows = await deps.audit.listBefore(cutoff.toISOString());
      for (const r of rows) listed.set(r.ref, r.entry);
      return rows.map((r) => ({ id: r.ref, version: r.version }));
    },
    async apply(deps, item, action) {
      const entry = listed.get(item.id);
      if (!entry || (action === 'pseudonymise' && isPseudonymised(entry))) return false;
      try {
        // Guarded by the version listed: a row changed since (an erasure's redaction) waits for the next run.
        await deps.audit.replace(item.id, item.version, action === 'delete' ? undefined : pseudonymisedAudit(entry));
        return true;
      } catch (error) {
        if (error instanceof VersionConflict) return false;
        throw error;
      }
    },
  };
}

/** What this feature owns: delivery records (the card itself is in Teams) and the audit trail. */
export const operationsRetention: readonly RetentionSource<OperationsDeps>[] = [
  outboxSource('outboxSent', ['sent']),
  outboxSource('outboxFailed', ['failed', 'unreachable']),
  auditSource(),
];

/** Runs the policy once: per kind, what is past its time, and (unless a dry run) deletes or pseudonymises it. */
export async function runRetention(
  deps: OperationsDeps,
  options: { dryRun: boolean; actor: 'system' | 'admin-cli' },
): Promise<RetentionRun> {
  const { policy, problems, sources, off } = deps.retention;
  if (off) return { ok: false, problems: ['retention is switched off here (HAVEN_RETENTION_FILE=off)'] };
  if (!policy) return { ok: false, problems };
  const now = deps.clock.now();
  const lines: RetentionLine[] = [];
  for (const kind of RETENTION_KINDS) {
    const rule = policy[kind];
    const cutoff = retentionCutoff(now, rule);
    const owned = sources.filter((s) => s.kind === kind);
    let count = 0;
    for (const source of owned) {
      const due = await source.due(cutoff);
      if (options.dryRun) {
        count += due.length;
        continue;
      }
      for (const item of due) if (await source.apply(item, rule.action)) count++;
    }
    lines.push({ kind, action: rule.action, period: periodText(rule), cutoff: cutoff.toISOString(), count, enforced: owned.length > 0 });
  }
  if (!options.dryRun) {
    await deps.audit.append({
      at: now.toISOString(),
      actor: options.actor,
      action: 'retention.run',
      subject: 'retention:policy',
      reason: retentionSummary(lines),
      outcome: 'ok',
    });
  }
  return { ok: true, dryRun: options.dryRun, lines };
}

/** "declarations delete 2; outboxSent delete 10; …; not enforced yet: checkIns, …": counts only. */
export function retentionSummary(lines: readonly RetentionLine[]): string {
  const enforced = lines.filter((l) => l.enforced).map((l) => `${l.kind} ${l.action} ${l.count}`);
  const not = lines.filter((l) => !l.enforced).map((l) => l.kind);
  return [...enforced, ...(not.length ? [`not enforced yet: ${not.join(', ')}`] : [])].join('; ');
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The daily job: at most once a day across instances, never with a policy that has problems. */
export async function dailyRetention(deps: OperationsDeps, log: Logger): Promise<void> {
  if (deps.retention.off) return;
  if (!(await deps.oncePer.claim('retention-daily', deps.clock.now(), DAY_MS))) return;
  const r = await runRetention(deps, { dryRun: false, actor: 'system' });
  if (!r.ok) {
    log.error(
      { problems: r.problems.length },
      'retention policy has problems; nothing was deleted (run npm run retention -- --dry-run to see them)',
    );
    return;
  }
  log.info({ counts: Object.fromEntries(r.lines.filter((l) => l.enforced).map((l) => [l.kind, l.count])) }, 'retention applied');
}
