// The directory's CapabilityStatement fragment says exactly what its searches
// parse: the same search parameters and _include values, resource by resource;
// and the date and token values of lib/fhir/directory/search-params.ts read as FHIR says.
import { describe, expect, it } from "vitest";
import { capability } from "../../lib/fhir/directory/capability";
import {
  HEALTHCARE_SERVICE_INCLUDES,
  SCHEDULE_INCLUDES,
  SLOT_INCLUDES,
  healthcareServiceSearchSchema,
  locationSearchSchema,
  organizationSearchSchema,
  scheduleSearchSchema,
  slotSearchSchema,
} from "../../lib/fhir/directory/searches";
import { dateBound, parseSearch } from "../../lib/fhir/directory/search-params";
import type { AppError } from "../../lib/errors";

const schemas = {
  Organization: [organizationSearchSchema, []],
  Location: [locationSearchSchema, []],
  HealthcareService: [healthcareServiceSearchSchema, HEALTHCARE_SERVICE_INCLUDES],
  Schedule: [scheduleSearchSchema, SCHEDULE_INCLUDES],
  Slot: [slotSearchSchema, SLOT_INCLUDES],
} as const;

const PAGING = new Set(["_count", "_offset", "_include"]);

describe("directory capability", () => {
  it.each(Object.entries(schemas))(
    "declares exactly %s's search parameters and _include values",
    (type, [schema, includes]) => {
      const resource = capability.resources?.find((r) => r.type === type);
      expect(resource?.interaction?.map((i) => i.code).sort()).toEqual(["read", "search-type"]);
      const declared = resource?.searchParam?.map((p) => p.name).sort();
      const parsed = Object.keys(schema.shape)
        .filter((k) => !PAGING.has(k))
        .sort();
      expect(declared).toEqual(parsed);
      for (const p of resource?.searchParam ?? []) expect(p.documentation?.length).toBeGreaterThan(5);
      expect(resource?.searchInclude ?? []).toEqual([...includes]);
    },
  );
});

describe("search values", () => {
  it("reads a date at its precision, a value without a zone in Beijing time", () => {
    expect(dateBound("ge2026-12-07")).toEqual({
      prefix: "ge",
      from: new Date("2026-12-06T16:00:00Z"),
      to: new Date("2026-12-07T16:00:00Z"),
    });
    expect(dateBound("2026-12")).toMatchObject({
      prefix: "eq",
      from: new Date("2026-11-30T16:00:00Z"),
      to: new Date("2026-12-31T16:00:00Z"),
    });
    expect(dateBound("lt2026-12-07T09:30:00Z")).toMatchObject({
      from: new Date("2026-12-07T09:30:00Z"),
      to: new Date("2026-12-07T09:30:01Z"),
    });
    for (const bad of ["2026-02-30", "tomorrow", "xx2026-01-01", "2026-13-01", "2026-12-07T25:00:00Z"])
      expect(dateBound(bad)).toBeNull();
  });

  it("names the parameter of a bad value, and caps _count", () => {
    const fields = (values: Record<string, string[]>) => {
      try {
        parseSearch(slotSearchSchema, { values, ignored: [] });
        return null;
      } catch (e) {
        return (e as AppError).fields;
      }
    };
    expect(fields({ start: ["ge2026-12-01", "lt-soon"] })).toEqual({ start: "invalid" });
    expect(fields({ _count: ["abc"] })).toEqual({ _count: "invalid" });
    expect(fields({ _include: ["Slot:nothing"] })).toEqual({ _include: "invalid" });
    expect(parseSearch(slotSearchSchema, { values: { _count: ["5000"] }, ignored: [] })._count).toBe(200);
    expect(parseSearch(slotSearchSchema, { values: {}, ignored: [] })._count).toBe(50);
  });
});
