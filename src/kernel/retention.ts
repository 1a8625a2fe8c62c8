// Issue 16 part 4 (retention): how long each kind of record is kept after it closes, and what happens
// then (data/retention.json). Pure: the file's text comes in, every problem goes out at once. Each
// feature owns its records and says which kinds it enforces (Feature.retention); the job and
// `npm run retention` run them (src/features/operations/retention.ts).

export const RETENTION_KINDS = [
  'declarations',
  'checkIns',
  'flags',
  'careRecords',
  'journeys',
  'concerns',
  'trimFollowUps',
  'workloadWeeks',
  'outboxSent',
  'outboxFailed',
  'digests',
  'audit',
] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

export type RetentionAction = 'delete' | 'pseudonymise';

export interface RetentionRule {
  /** How long after the record closed (or, for the audit trail and sent messages, after it was written). */
  afterMonths?: number;
  afterDays?: number;
  action: RetentionAction;
}

export type RetentionPolicy = Record<RetentionKind, RetentionRule>;

/** The moment before which a record of this rule is past its time (months by the calendar, in UTC). */
export function retentionCutoff(now: Date, rule: RetentionRule): Date {
  const d = new Date(now.getTime());
  if (rule.afterMonths) d.setUTCMonth(d.getUTCMonth() - rule.afterMonths);
  if (rule.afterDays) d.setUTCDate(d.getUTCDate() - rule.afterDays);
  return d;
}

/** "6 years", "30 days", "18 months". */
export function periodText(rule: RetentionRule): string {
  const parts: string[] = [];
  const n = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (rule.afterMonths) parts.push(rule.afterMonths % 12 === 0 ? n(rule.afterMonths / 12, 'year') : n(rule.afterMonths, 'month'));
  if (rule.afterDays) parts.push(n(rule.afterDays, 'day'));
  return parts.join(' and ');
}

const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** One record past its time, as its owner found it: opaque to everyone else. */
export interface RetentionItem {
  id: string;
  version: string;
}

/**
 * A kind of record a feature keeps and enforces retention for (Feature.retention). `due` lists only
 * records that closed before the cutoff (never an open one, never one with work still to do);
 * `apply` deletes or pseudonymises one, guarded by the version it was listed with, and answers false
 * when the record changed or went meanwhile (it is looked at again on the next run).
 */
export interface RetentionSource<D> {
  kind: RetentionKind;
  actions: readonly RetentionAction[];
  due(deps: D, cutoff: Date): Promise<RetentionItem[]>;
  apply(deps: D, item: RetentionItem, action: RetentionAction): Promise<boolean>;
}

/** A source bound to Haven's deps (main.ts), as the retention job runs it. */
export interface BoundRetentionSource {
  kind: RetentionKind;
  actions: readonly RetentionAction[];
  due(cutoff: Date): Promise<RetentionItem[]>;
  apply(item: RetentionItem, action: RetentionAction): Promise<boolean>;
}

/**
 * Reads data/retention.json: every kind present once, each with afterMonths and/or afterDays (whole
 * numbers, at least one day in all) and action delete or pseudonymise, where the kind's owner can do
 * that (`supported`: what each kind's owner enforces; a kind without one is refused, so the file never
 * promises what nothing does). Answers the policy, or every problem.
 */
export function parseRetentionPolicy(
  text: string,
  supported: ReadonlyMap<RetentionKind, readonly RetentionAction[]>,
): { ok: true; policy: RetentionPolicy } | { ok: false; problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problems: ['the file is not valid JSON'] };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, problems: ['the file must hold one object, kind → rule'] };
  const problems: string[] = [];
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (key === '$comment') continue;
    if (!(RETENTION_KINDS as readonly string[]).includes(key))
      problems.push(`"${key}" is not a kind of record Haven keeps (kinds: ${RETENTION_KINDS.join(', ')})`);
  }
  const policy: Partial<RetentionPolicy> = {};
  for (const kind of RETENTION_KINDS) {
    const rule = obj[kind];
    if (rule === undefined) {
      problems.push(`${kind}: missing (every kind must say how long it is kept)`);
      continue;
    }
    if (!rule || typeof rule !== 'object' || Array.isArray(rule)) {
      problems.push(`${kind}: must be an object like { "afterMonths": 72, "action": "delete" }`);
      continue;
    }
    const r = rule as Record<string, unknown>;
    const before = problems.length;
    for (const field of Object.keys(r)) {
      if (!['afterMonths', 'afterDays', 'action', '$comment'].includes(field))
        problems.push(`${kind}: "${field}" is not a field of a rule`);
    }
    if (r.afterMonths !== undefined && !isCount(r.afterMonths)) problems.push(`${kind}: afterMonths must be a whole number of months`);
    if (r.afterDays !== undefined && !isCount(r.afterDays)) problems.push(`${kind}: afterDays must be a whole number of days`);
    if (r.afterMonths === undefined && r.afterDays === undefined) problems.push(`${kind}: give afterMonths or afterDays`);
    else if (isCount(r.afterMonths ?? 0) && isCount(r.afterDays ?? 0) && !r.afterMonths && !r.afterDays)
      problems.push(`${kind}: keep records at least one day`);
    const can = supported.get(kind);
    if (r.action !== 'delete' && r.action !== 'pseudonymise') problems.push(`${kind}: action must be "delete" or "pseudonymise"`);
    // A kind nothing enforces yet keeps the force's decision on file; the job and the command say it is not enforced.
    else if (can && !can.includes(r.action))
      problems.push(`${kind}: Haven can only ${can.join(' or ')} these records, not ${r.action} them`);
    if (problems.length === before)
      policy[kind] = {
        action: r.action as RetentionAction,
        ...(r.afterMonths ? { afterMonths: r.afterMonths as number } : {}),
        ...(r.afterDays ? { afterDays: r.afterDays as number } : {}),
      };
  }
  return problems.length ? { ok: false, problems } : { ok: true, policy: policy as RetentionPolicy };
}
