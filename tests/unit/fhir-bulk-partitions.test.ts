// How the bulk publication cuts its files (lib/fhir/bulk/partitions.ts): ISO
// 8601 weeks in Beijing time, including the years with 53 weeks and the days
// that belong to the neighbouring year's week; the ISO 3166-2 code of a
// city's province; file names that name nothing are refused.
import { describe, expect, it } from "vitest";
import {
  beijingWeekOf,
  bulkFilePath,
  cityOfFileName,
  isoWeekOf,
  provinceCode,
  stateOf,
  weekOfFileName,
  weekRange,
  weeksBetween,
} from "../../lib/fhir/bulk/partitions";

describe("ISO weeks", () => {
  it("names the ISO week of a day, across year ends", () => {
    expect(isoWeekOf({ year: 2026, month: 11, day: 30 })).toBe("2026-W49");
    expect(isoWeekOf({ year: 2026, month: 12, day: 31 })).toBe("2026-W53");
    expect(isoWeekOf({ year: 2027, month: 1, day: 3 })).toBe("2026-W53");
    expect(isoWeekOf({ year: 2027, month: 1, day: 4 })).toBe("2027-W01");
    expect(isoWeekOf({ year: 2024, month: 12, day: 30 })).toBe("2025-W01");
    expect(isoWeekOf({ year: 2021, month: 1, day: 3 })).toBe("2020-W53");
  });

  it("counts weeks in Beijing time: Sunday 23:30 in Beijing is still the old week, whatever the server's zone", () => {
    expect(beijingWeekOf(new Date("2026-12-06T15:30:00Z"))).toBe("2026-W49");
    expect(beijingWeekOf(new Date("2026-12-06T16:00:00Z"))).toBe("2026-W50");
  });

  it("gives a week's instants from Monday 00:00 to the next Monday 00:00 in Beijing, and null for weeks that do not exist", () => {
    expect(weekRange("2026-W49")).toEqual({
      start: new Date("2026-11-29T16:00:00Z"),
      end: new Date("2026-12-06T16:00:00Z"),
      monday: "2026-11-30",
    });
    expect(weekRange("2026-W53")?.monday).toBe("2026-12-28");
    expect(weekRange("2025-W53")).toBeNull();
    expect(weekRange("2026-W00")).toBeNull();
    expect(weekRange("2026-W7")).toBeNull();
    expect(weekRange("W49")).toBeNull();
  });
});

describe("the weeks a manifest lists", () => {
  it("runs from the week of now to the week of the last slot, across a year end", () => {
    expect(weeksBetween(new Date("2026-12-20T04:00:00Z"), new Date("2027-01-05T02:00:00Z"))).toEqual([
      "2026-W51",
      "2026-W52",
      "2026-W53",
      "2027-W01",
    ]);
    expect(weeksBetween(new Date("2026-12-01T00:00:00Z"), new Date("2026-12-02T00:00:00Z"))).toEqual([
      "2026-W49",
    ]);
  });
});

describe("state hints", () => {
  it("reads the ISO 3166-2 code of a province-level division from its English name", () => {
    expect(provinceCode("Beijing")).toBe("CN-BJ");
    expect(provinceCode("Shanghai")).toBe("CN-SH");
    expect(provinceCode("Guangdong")).toBe("CN-GD");
    expect(provinceCode("Heilongjiang")).toBe("CN-HL");
    expect(provinceCode("Shanxi")).toBe("CN-SX");
    expect(provinceCode("Shaanxi")).toBe("CN-SN");
    expect(provinceCode("Guangxi")).toBe("CN-GX");
    expect(provinceCode("Inner Mongolia")).toBe("CN-NM");
    expect(provinceCode("Xinjiang")).toBe("CN-XJ");
    expect(provinceCode("Hong Kong")).toBe("CN-HK");
    expect(provinceCode(" hainan ")).toBe("CN-HI");
  });

  it("falls back to the country when the province is no division", () => {
    expect(provinceCode("Synthetic")).toBeNull();
    expect(provinceCode("")).toBeNull();
    expect(stateOf("Synthetic")).toBe("CN");
    expect(stateOf("Zhejiang")).toBe("CN-ZJ");
  });
});

describe("file names", () => {
  it("builds and reads back the files' paths", () => {
    expect(bulkFilePath({ type: "Location", city: "beijing" })).toBe("/fhir/r4/bulk/Location/beijing.ndjson");
    expect(bulkFilePath({ type: "Slot", city: "sanya", week: "2026-W49" })).toBe(
      "/fhir/r4/bulk/Slot/sanya/2026-W49.ndjson",
    );
    expect(cityOfFileName("beijing.ndjson")).toBe("beijing");
    expect(cityOfFileName("synthetic-city-07.ndjson")).toBe("synthetic-city-07");
    expect(weekOfFileName("2026-W49.ndjson")?.week).toBe("2026-W49");
  });

  it("refuses names that name no city or week", () => {
    for (const name of ["beijing", "beijing.json", "Beijing.ndjson", "../x.ndjson", "a--b.ndjson", ".ndjson"])
      expect(cityOfFileName(name)).toBeNull();
    for (const name of ["2026-W49", "2026-W54.ndjson", "2026-49.ndjson", "x.ndjson"])
      expect(weekOfFileName(name)).toBeNull();
  });
});
