// Every error the FHIR API answers is a valid OperationOutcome, whatever name a
// client sent: blank, control-character or half-surrogate parameter names are
// shown percent-encoded (the conformance fuzz found them invalid as they were).
import { describe, expect, it } from "vitest";
import { AppError, errorCodes } from "../../lib/errors";
import { operationOutcome, shownFieldName } from "../../lib/fhir/http";
import { expectValidFhir } from "../helpers/fhir";

describe("OperationOutcome of an error", () => {
  it("shows odd field names so that FHIR can carry them, others as they are", () => {
    expect(shownFieldName("Appointment.contained[0].birthDate")).toBe("Appointment.contained[0].birthDate");
    expect(shownFieldName("名前")).toBe("名前");
    expect(shownFieldName("")).toBe("\u2205");
    expect(shownFieldName(" ")).toBe("%20");
    expect(shownFieldName("\u0000")).toBe("%00");
    expect(shownFieldName("a\ud800")).toBe("a%D800");
    expect(shownFieldName("x\u200by")).toBe("x%200By");
  });

  it("validates for every error code, and for fields with any name, in Arabic", async () => {
    // The values some messages name (each code's own throw site passes them).
    const values = { allowed: "GET", percent: 10, volume: 100, cap: 10, used: 10, minimum: 100 };
    const more = { reason: "NO_AGREEMENT", missing: 1, count: 1, maxKilobytes: 64 };
    for (const code of errorCodes)
      expectValidFhir(await operationOutcome(new AppError(code, { values: { ...values, ...more } }), "en"));
    const outcome = await operationOutcome(
      new AppError("VALIDATION_FAILED", {
        fields: {
          "": "unknown",
          "\u0000": "unknown",
          " ": "unknown",
          "a\ud800": "unknown",
          _count: "invalid",
        },
      }),
      "ar",
    );
    expectValidFhir(outcome);
    expect(outcome.issue.slice(1).map((i) => i.expression?.[0])).toEqual([
      "\u2205",
      "%00",
      "%20",
      "a%D800",
      "_count",
    ]);
    expect(outcome.issue[0]!.details!.coding![0]!.code).toBe("VALIDATION_FAILED");
    expect(outcome.issue[5]!.diagnostics).toMatch(/[\u0600-\u06ff]/);
  });
});
