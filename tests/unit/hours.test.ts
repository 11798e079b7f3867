import { describe, expect, it } from "vitest";
import { formatCny, formatDays } from "../../lib/catalogue/format";
import { groupHours, isOpenAt, parseHours } from "../../lib/catalogue/hours";
import { containsPattern, foldText } from "../../lib/catalogue/text-search";

const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: "08:00", close: "17:00" }));
const hours = [...weekdays, { weekday: 6, open: "08:00", close: "12:00" }];

describe("opening hours", () => {
  it("knows whether the department is open now, in Beijing time whatever the server's zone", () => {
    // Monday 30 November 2026
    expect(isOpenAt(hours, new Date("2026-11-30T00:00:00Z"))).toBe(true); // 08:00 Beijing
    expect(isOpenAt(hours, new Date("2026-11-29T23:59:00Z"))).toBe(false); // 07:59 Beijing
    expect(isOpenAt(hours, new Date("2026-11-30T09:00:00Z"))).toBe(false); // 17:00 Beijing: closed
    expect(isOpenAt(hours, new Date("2026-12-05T03:59:00Z"))).toBe(true); // Saturday 11:59
    expect(isOpenAt(hours, new Date("2026-12-06T03:00:00Z"))).toBe(false); // Sunday
  });

  it("groups consecutive days with equal hours, Monday first", () => {
    expect(groupHours(hours)).toEqual([
      { weekdays: [1, 2, 3, 4, 5], open: "08:00", close: "17:00" },
      { weekdays: [6], open: "08:00", close: "12:00" },
    ]);
    const daily = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, open: "08:00", close: "20:00" }));
    expect(groupHours(daily)).toEqual([{ weekdays: [1, 2, 3, 4, 5, 6, 0], open: "08:00", close: "20:00" }]);
    expect(formatDays(groupHours(daily)[0]!, "en")).toBe("Mon–Sun");
    expect(formatDays({ weekdays: [6], open: "", close: "" }, "de")).toBe("Sa");
  });

  it("reads malformed stored hours as none", () => {
    expect(parseHours([{ weekday: 9, open: "25:00", close: "x" }])).toEqual([]);
    expect(parseHours("nonsense")).toEqual([]);
  });
});

describe("text helpers", () => {
  it("folds case, tones and spacing", () => {
    expect(foldText("  Xié   HÉ ")).toBe("xie he");
    expect(foldText("北京协和")).toBe("北京协和");
  });

  it("escapes LIKE wildcards", () => {
    expect(containsPattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });

  it("formats yuan in the reader's locale", () => {
    expect(formatCny(80_000, "en")).toBe("CN¥800");
    expect(formatCny(480_050, "de")).toMatch(/4\.800,50/);
  });
});

describe("mail headers", async () => {
  const { decodeHeader } = await import("../../lib/notify/read-mailbox");
  it("decodes encoded words", () => {
    expect(decodeHeader("=?UTF-8?B?5LqI57SE56K65a6a?= IPP-AAAA-BBBB")).toBe("予約確定IPP-AAAA-BBBB");
    expect(decodeHeader("=?UTF-8?Q?R=C3=A9servation_confirm=C3=A9e?=")).toBe("Réservation confirmée");
    expect(decodeHeader("Plain subject")).toBe("Plain subject");
  });
});
