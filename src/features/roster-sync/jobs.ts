// Issue 16: the roster sync runs once a day, in working hours (UK time, 07:00–19:00), through the port the
// admin card also uses. A run that failed (Graph unavailable) is tried again an hour later.
import type { Logger } from 'pino';
import type { RosterSyncPort } from '../../kernel/ports.ts';
import type { Clock } from '../../kernel/ports.ts';
import { ukWallTime } from '../../kernel/uk-time.ts';

const RETRY_AFTER_FAILURE_MS = 60 * 60 * 1000;

/** Whether the daily sync is due now: in working hours, and no run today that got an answer from Graph. */
export function dailySyncDue(now: Date, last: { at: string; outcome: string } | undefined): boolean {
  const { day, time } = ukWallTime(now.toISOString());
  if (time < '07:00' || time >= '19:00') return false;
  if (!last || ukWallTime(last.at).day !== day) return true;
  return last.outcome === 'failed' && now.getTime() - Date.parse(last.at) >= RETRY_AFTER_FAILURE_MS;
}

export async function runDailyRosterSync(deps: { rosterSync: RosterSyncPort; clock: Clock }, log: Logger): Promise<void> {
  if (!deps.rosterSync.configured) return;
  if (!dailySyncDue(deps.clock.now(), await deps.rosterSync.lastRun())) return;
  const s = await deps.rosterSync.runNow('daily');
  // Counts only: never a name or an id.
  log.info(
    { outcome: s.outcome, added: s.added, updated: s.updated, left: s.left, problems: s.problems, installFailures: s.installFailures },
    'roster sync from Entra ID',
  );
}
