// The bench's plan checker (scripts/lib/bench/plan-check.ts) on saved plans:
// a Seq Scan of a table over the threshold fails the bench and is named with
// its path; small tables and index scans pass; auto_explain's messages parse.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  callFigures,
  largeSeqScans,
  parseAutoExplain,
  planText,
  sharedBuffers,
  statementName,
} from "../../scripts/lib/bench/plan-check";

const saved = (name: string) =>
  readFileSync(path.join(import.meta.dirname, "../fixtures/bench", name), "utf8");
/** A saved plan as auto_explain sends it at log_level = notice. */
const message = (name: string, ms: number) => `duration: ${ms} ms  plan:\n${saved(name)}`;
const rows = new Map([
  ["institution", 8_513],
  ["city", 65],
]);

describe("bench plan checker", () => {
  it("finds the Seq Scan of a large table, with its path, and not the small one", () => {
    const captured = parseAutoExplain(message("plan-large-seq-scan.json", 53.2))!;
    expect(captured.durationMs).toBe(53.2);
    expect(largeSeqScans(captured.plan, rows, 5_000)).toEqual([
      { relation: "institution", rows: 8_513, path: "Aggregate > Hash Join > Seq Scan on institution" },
    ]);
  });

  it("passes a plan whose large table is read through an index", () => {
    const captured = parseAutoExplain(message("plan-index-only.json", 0.8))!;
    expect(largeSeqScans(captured.plan, rows, 5_000)).toEqual([]);
  });

  it("passes a Seq Scan when the table is under the threshold", () => {
    const captured = parseAutoExplain(message("plan-large-seq-scan.json", 53.2))!;
    expect(largeSeqScans(captured.plan, rows, 10_000)).toEqual([]);
  });

  it("sums statements, database time and shared buffers (hit + read) of a call", () => {
    const plans = [
      parseAutoExplain(message("plan-large-seq-scan.json", 53.2))!,
      parseAutoExplain(message("plan-index-only.json", 0.8))!,
    ];
    expect(sharedBuffers(plans[0]!.plan)).toBe(443);
    const figures = callFigures(plans);
    expect(figures.statements).toBe(2);
    expect(figures.dbMs).toBeCloseTo(54);
    expect(figures.buffers).toBe(443 + 26);
  });

  it("ignores notices that are not auto_explain plans", () => {
    expect(parseAutoExplain('relation "x" already exists, skipping')).toBeNull();
    expect(parseAutoExplain("duration: 1.0 ms  plan:\nnot json")).toBeNull();
  });

  it("names statements and prints plans compactly", () => {
    expect(statementName("SELECT  a\n  FROM t", 140)).toBe("SELECT a FROM t");
    expect(statementName("x".repeat(200), 10)).toBe(`${"x".repeat(10)}…`);
    const text = planText(parseAutoExplain(message("plan-index-only.json", 0.8))!.plan);
    expect(text).toContain("-> Index Scan on institution using institution_city_id_slug_idx (rows=20");
  });
});
