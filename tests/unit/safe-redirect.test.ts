import { describe, expect, it } from "vitest";
import { safeLocalPath } from "../../lib/http/safe-redirect";

const fallback = "/en";

describe("safeLocalPath", () => {
  it.each([
    ["/en/book/pumch?slot=1", "/en/book/pumch?slot=1"],
    ["/ar/hospitals#results", "/ar/hospitals#results"],
    ["/", "/"],
    ["/zh/医院", "/zh/%E5%8C%BB%E9%99%A2"],
    ["/en/a/../b", "/en/b"],
  ])("keeps the same-origin path %j", (value, expected) => {
    expect(safeLocalPath(value, fallback)).toBe(expected);
  });

  it.each([
    ["another host, scheme-relative", "//evil.example"],
    ["a backslash browsers read as a slash", "/\\evil.example"],
    ["a backslash later on", "/en\\..\\..\\evil"],
    ["a tab browsers drop", "/\t/evil.example"],
    ["a newline", "/en\n/x"],
    ["a NUL", "/en\u0000"],
    ["a dot segment that leaves //host", "/.//evil.example"],
    ["an absolute URL", "https://evil.example/"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path", "en/book"],
    ["empty", ""],
    ["too long", `/${"a".repeat(5000)}`],
  ])("refuses %s", (_what, value) => {
    expect(safeLocalPath(value, fallback)).toBe(fallback);
  });

  it("refuses what is not a string (a File from a form, null)", () => {
    expect(safeLocalPath(null, fallback)).toBe(fallback);
    expect(safeLocalPath(undefined, fallback)).toBe(fallback);
    expect(safeLocalPath(new Blob(["/x"]), fallback)).toBe(fallback);
    expect(safeLocalPath(42, fallback)).toBe(fallback);
  });

  it("never returns a path a browser would send to another host", () => {
    const tricky = ["/%2F%2Fevil.example", "/%5Cevil.example", "/./evil", "/..//evil", "/%09/evil"];
    for (const value of tricky) {
      const result = safeLocalPath(value, fallback);
      expect(new URL(result, "https://portal.example").host, value).toBe("portal.example");
      expect(result.startsWith("//"), value).toBe(false);
    }
  });
});
