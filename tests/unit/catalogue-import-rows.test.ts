// What a cell of a catalogue file means (lib/catalogue/import/rows.ts): each
// kind reads its spellings and writes one canonical spelling back, a cell the
// admin form would refuse is a problem naming its column, and a stored row's
// cells read back as the same values (so an export imports unchanged).
import { describe, expect, it } from "vitest";
import { creditCodeCheckCharacter } from "../../lib/catalogue/credit-code";
import { formatCell, formatHours, formatMoney, parseRow } from "../../lib/catalogue/import/rows";

const code = (first17: string) => first17 + creditCodeCheckCharacter(first17)!;
const CODE = code("91350100M000100Y4");

function cell(entity: Parameters<typeof parseRow>[0], column: string, value: string) {
  const parsed = parseRow(entity, entity, { row: 7, cells: { [column]: value } });
  return {
    value: parsed.values[column],
    problem: parsed.problems.find((p) => p.column === column),
  };
}

describe("catalogue cells", () => {
  it("reads money in yuan with up to 2 decimals into fen, and spells it back", () => {
    expect(cell("departments", "fee_cny", "900").value).toBe(90_000);
    expect(cell("departments", "fee_cny", "1280.5").value).toBe(128_050);
    expect(cell("departments", "fee_cny", "0.05").value).toBe(5);
    expect(formatMoney(128_050)).toBe("1280.50");
    expect(formatMoney(90_000)).toBe("900");
    expect(cell("departments", "fee_cny", "12.345").problem).toMatchObject({ code: "invalid", row: 7 });
    expect(cell("departments", "fee_cny", "-1").problem?.code).toBe("invalid");
    expect(cell("departments", "fee_cny", "100001").problem).toMatchObject({
      code: "out_of_range",
      params: { column: "fee_cny", value: "100001", min: 0, max: 100_000 },
    });
  });

  it("reads booleans, lists in the codes' order, dates and codes in any case", () => {
    expect(["yes", "TRUE", "1"].map((v) => cell("departments", "retired", v).value)).toEqual([
      true,
      true,
      true,
    ]);
    expect(["no", "False", "0", ""].map((v) => cell("departments", "retired", v).value)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(cell("departments", "retired", "maybe").problem?.code).toBe("invalid");
    expect(cell("institutions", "services", "visa_support_letter, INTERPRETER;").value).toEqual([
      "INTERPRETER",
      "VISA_SUPPORT_LETTER",
    ]);
    expect(formatCell("institutions", "services", ["VISA_SUPPORT_LETTER", "INTERPRETER"])).toBe(
      "INTERPRETER; VISA_SUPPORT_LETTER",
    );
    expect(cell("institutions", "languages", "en; xx").problem).toMatchObject({
      code: "unknown_code",
      params: { column: "languages", value: "xx" },
    });
    expect(cell("agreements", "valid_from", "2026-02-28").value).toEqual(new Date(Date.UTC(2026, 1, 28)));
    expect(cell("agreements", "valid_from", "2026-02-30").problem?.code).toBe("invalid");
    expect(cell("institutions", "ownership", "private").value).toBe("PRIVATE");
    expect(cell("institutions", "ownership", "STATE").problem?.code).toBe("unknown_code");
  });

  it("reads opening hours as the hours form stores them and writes them grouped", () => {
    const hours = cell("institutions", "hours", "Mon-Fri 08:00-17:00; Sat 08:00-12:00").value;
    expect(hours).toEqual([
      ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: "08:00", close: "17:00" })),
      { weekday: 6, open: "08:00", close: "12:00" },
    ]);
    expect(formatHours(hours as never)).toBe("Mon-Fri 08:00-17:00; Sat 08:00-12:00");
    expect(cell("institutions", "hours", "Sat,Sun 09:00-12:00").value).toEqual([
      { weekday: 0, open: "09:00", close: "12:00" },
      { weekday: 6, open: "09:00", close: "12:00" },
    ]);
    for (const bad of [
      "Mon-Fri 17:00-08:00",
      "Fri-Mon 08:00-17:00",
      "Mon 08:00-17:00; Mon 09:00-10:00",
      "weekdays",
    ])
      expect(cell("institutions", "hours", bad).problem?.code).toBe("invalid");
  });

  it("checks a credit code's check character apart from its shape", () => {
    expect(cell("institutions", "credit_code", ` ${CODE.toLowerCase()} `).value).toBe(CODE);
    const wrong = CODE.slice(0, 17) + (CODE[17] === "0" ? "1" : "0");
    expect(cell("institutions", "credit_code", wrong).problem).toMatchObject({
      code: "credit_code_check",
      params: { value: wrong },
    });
    expect(cell("institutions", "credit_code", "ABC").problem?.code).toBe("invalid");
  });

  it("uses the form's rules: phone, e-mail, lengths, control characters", () => {
    expect(cell("institutions", "phone", "+86 10 6915 6699").value).toBe("+86 10 6915 6699");
    expect(cell("institutions", "phone", "12345").problem).toMatchObject({
      code: "invalid",
      params: { expected: "+86 10 6915 6699" },
    });
    expect(cell("institutions", "email", "Intl@Hospital.CN").value).toBe("intl@hospital.cn");
    expect(cell("institutions", "name_zh", "医".repeat(121)).problem).toMatchObject({
      code: "too_long",
      params: { max: 120 },
    });
    expect(cell("institutions", "name_en", "Bad\u0007Name").problem?.code).toBe("invalid");
  });

  it("names every missing required column, leaves absent optional ones alone, and empties optional ones", () => {
    const parsed = parseRow("departments", "departments", {
      row: 3,
      cells: { description_en: "", name_fr: "" },
    });
    expect(parsed.problems.map((p) => [p.column, p.code])).toEqual([
      ["credit_code", "required"],
      ["department", "required"],
      ["specialty", "required"],
      ["fee_cny", "required"],
      ["name_en", "required"],
    ]);
    // An emptied description clears it; an emptied name in another language keeps the stored one.
    expect(parsed.values).toEqual({ description_en: null });
  });

  it("names a valid_to before valid_from", () => {
    const parsed = parseRow("agreements", "agreements", {
      row: 4,
      cells: { valid_from: "2026-01-01", valid_to: "2025-12-31" },
    });
    expect(parsed.problems.find((p) => p.code === "date_order")).toMatchObject({
      column: "valid_to",
      row: 4,
    });
  });
});
