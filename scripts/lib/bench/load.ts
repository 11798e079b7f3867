// HTTP load and figures for `npm run bench`: a closed loop of N clients
// cycling through a route's varied URLs, percentiles, medians of runs with
// their min and max, and the plain-text tables the bench prints.
import http from "node:http";

export interface RunStats {
  requests: number;
  /** Answers other than 200 (or failed connections). */
  errors: number;
  /** Distinct URLs this run sent. */
  distinct: number;
  rps: number;
  p50: number;
  p95: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
  });
}

/**
 * Cycles through `paths` from `cursor.next` (shared by the clients, kept
 * between runs so the next run goes on with URLs not yet sent) for `ms`
 * with `clients` concurrent clients, each sending its next request when the
 * last one is answered.
 */
export async function load(
  base: string,
  paths: readonly string[],
  cursor: { next: number },
  ms: number,
  clients: number,
  onError?: (path: string, status: number) => void,
): Promise<RunStats> {
  const latencies: number[] = [];
  const sent = new Set<number>();
  let errors = 0;
  const started = performance.now();
  const deadline = started + ms;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const i = cursor.next++ % paths.length;
        sent.add(i);
        const t0 = performance.now();
        const status = await get(base + paths[i]).catch(() => 0);
        latencies.push(performance.now() - t0);
        if (status !== 200) {
          errors++;
          onError?.(paths[i]!, status);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    distinct: sent.size,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
  };
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return { median: NaN, min: NaN, max: NaN };
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** "12.3 (10.1–15.0)": the median and, with more than one run, the min and max. */
export function formatSpread(s: Spread, digits = 1, suffix = ""): string {
  if (!Number.isFinite(s.median)) return "-";
  const f = (v: number) => `${v.toFixed(digits)}${suffix}`;
  return s.min === s.max ? f(s.median) : `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
}

/** A plain-text table: the first row is the header; columns in `left` are left-aligned. */
export function renderTable(rows: readonly string[][], left: readonly number[] = []): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? "").length)));
  const out: string[] = [];
  for (const [i, row] of rows.entries()) {
    out.push(
      row
        .map((cell, c) => (left.includes(c) ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join("  ")
        .trimEnd(),
    );
    if (i === 0) out.push(widths.map((w) => "-".repeat(w)).join("  "));
  }
  return out.join("\n");
}
