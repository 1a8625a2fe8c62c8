// Small, dependency-free statistics for the benchmark figures.

/** Nearest-rank percentile of already-collected samples (q in 0..100). */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((q / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/**
 * Growth exponent k in time ∝ n^k between two sizes: 1 is linear, 2 is quadratic. Answers NaN when
 * either figure is not positive.
 */
export function growthExponent(n1: number, t1: number, n2: number, t2: number): number {
  if (!(t1 > 0 && t2 > 0 && n1 > 0 && n2 > 0 && n1 !== n2)) return Number.NaN;
  return Math.log(t2 / t1) / Math.log(n2 / n1);
}

/** Most events inside any window of `windowMs`, over sorted or unsorted timestamps. */
export function mostInAnyWindow(timestamps: readonly number[], windowMs: number): number {
  const t = [...timestamps].sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < t.length; end++) {
    while (t[end]! - t[start]! >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

export function round(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A deterministic PRNG (mulberry32), so a rerun injects the same faults in the same order. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'n/a';
  const mib = bytes / (1024 * 1024);
  return mib >= 10 ? `${mib.toFixed(0)} MiB` : `${mib.toFixed(1)} MiB`;
}
