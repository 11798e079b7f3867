// How an audit event's before and after read in the console: fields named,
// values typed for the page's locale, ids and internal counters never shown.
import { describe, expect, it } from "vitest";
import { auditChanges, auditValue } from "../../lib/audit/audit-changes";

describe("auditChanges", () => {
  it("reads a status change as before → after, without the optimistic version", () => {
    expect(
      auditChanges(
        { status: "CONFIRMED", version: 2 },
        { status: "CANCELLED", version: 3, reason: "Patient asked" },
      ),
    ).toEqual([
      {
        field: "status",
        before: { kind: "status", value: "CONFIRMED" },
        after: { kind: "status", value: "CANCELLED" },
      },
      { field: "reason", before: null, after: { kind: "text", value: "Patient asked" } },
    ]);
  });

  it("types instants, days, months, weekdays, times of day, percents and fees", () => {
    expect(
      auditChanges({ interpreterAckAt: null }, { interpreterAckAt: "2026-11-30T02:15:00.000Z" }),
    ).toEqual([
      {
        field: "interpreterAck",
        before: null,
        after: { kind: "instant", value: new Date("2026-11-30T02:15:00.000Z") },
      },
    ]);
    const rule = auditChanges(
      { rules: 1, closures: 0 },
      {
        change: { weekday: 0, start: 1140, end: 1200, slotMinutes: 30, capacity: 1 },
        slots: { created: 8, updated: 0, removed: 0, kept: 0 },
      },
    );
    expect(rule.map((c) => c.field)).toEqual([
      "rules",
      "closures",
      "weekday",
      "start",
      "end",
      "slotMinutes",
      "capacity",
      "slotsCreated",
      "slotsUpdated",
      "slotsRemoved",
      "slotsKept",
    ]);
    expect(rule.find((c) => c.field === "weekday")!.after).toEqual({ kind: "weekday", value: 0 });
    expect(rule.find((c) => c.field === "start")!.after).toEqual({ kind: "timeOfDay", value: 1140 });
    expect(
      auditChanges({ month: "2026-12", volume: null }, { month: "2026-12", volume: 13, percent: 8 }),
    ).toEqual([
      { field: "volume", before: null, after: { kind: "number", value: 13 } },
      { field: "percent", before: null, after: { kind: "percent", value: 8 } },
    ]);
    expect(auditValue("stayFrom", "2026-12-03")).toEqual({ kind: "day", value: "2026-12-03" });
    expect(auditValue("fee", 800)).toEqual({ kind: "yuan", value: 800 });
    expect(auditValue("guarantee", "APPROVED")).toEqual({ kind: "guarantee", value: "APPROVED" });
    expect(auditValue("role", "HOSPITAL_STAFF")).toEqual({ kind: "role", value: "HOSPITAL_STAFF" });
    expect(auditValue("locked", true)).toEqual({ kind: "boolean", value: true });
  });

  it("never shows an id, whatever key it is under, and names unknown keys 'other'", () => {
    const changes = auditChanges(
      { rule: "cm3x9k2p10000abcdefghijkl", percent: 10 },
      { owner: "0b0e8f5e-3c1a-4d57-9a43-6e0f2f6b7c11", percent: 8, motto: "Care" },
    );
    expect(changes).toEqual([
      {
        field: "percent",
        before: { kind: "percent", value: 10 },
        after: { kind: "percent", value: 8 },
      },
      { field: "other", before: null, after: { kind: "text", value: "Care" } },
    ]);
    expect(JSON.stringify(changes)).not.toMatch(/cm3x9k2p|0b0e8f5e/);
  });

  it("counts the admission checklist's met criteria, before and after", () => {
    const met = (n: number) => Array.from({ length: 7 }, (_, i) => ({ criterion: `C${i}`, met: i < n }));
    expect(auditChanges(met(5), { criteria: met(7) })).toEqual([
      { field: "criteria", before: { kind: "count", value: 5 }, after: { kind: "count", value: 7 } },
    ]);
  });
});
