// Issue 16 part 4: every feature's retention sources (Feature.retention), bound to Haven's deps, and
// data/retention.json read against what they enforce. main.ts and `npm run retention` use it.
import { existsSync, readFileSync } from 'node:fs';
import type { Feature } from '../kernel/feature.ts';
import {
  parseRetentionPolicy,
  type BoundRetentionSource,
  type RetentionAction,
  type RetentionKind,
  type RetentionPolicy,
} from '../kernel/retention.ts';

export function retentionSources<D>(features: readonly Feature<D>[], deps: D): BoundRetentionSource[] {
  return features.flatMap((f) =>
    (f.retention ?? []).map((s) => ({
      kind: s.kind,
      actions: s.actions,
      due: (cutoff: Date) => s.due(deps, cutoff),
      apply: (item: { id: string; version: string }, action: RetentionAction) => s.apply(deps, item, action),
    })),
  );
}

/** The policy file against the sources, every problem listed (a missing file is one problem). */
export function loadRetention(
  file: string,
  sources: readonly BoundRetentionSource[],
): { policy?: RetentionPolicy; off?: boolean; problems: string[]; sources: readonly BoundRetentionSource[] } {
  if (file === 'off') return { off: true, problems: [], sources };
  if (!existsSync(file)) return { problems: [`${file}: the retention policy file does not exist (HAVEN_RETENTION_FILE)`], sources };
  const supported = new Map<RetentionKind, RetentionAction[]>();
  for (const s of sources) supported.set(s.kind, [...new Set([...(supported.get(s.kind) ?? []), ...s.actions])]);
  const parsed = parseRetentionPolicy(readFileSync(file, 'utf8'), supported);
  return parsed.ok ? { policy: parsed.policy, problems: [], sources } : { problems: parsed.problems.map((p) => `${file}: ${p}`), sources };
}
