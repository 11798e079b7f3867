// A visa letter's verification code (ADR 0014): how it is drawn, printed and read back.
import { describe, expect, it } from "vitest";
import {
  CODE_PATTERN,
  formatVerificationCode,
  newVerificationCode,
  normalizeVerificationCode,
  verificationCodeMatches,
} from "../../lib/booking/visa-letter-code";

describe("the visa letter's verification code", () => {
  it("is 10 characters of Crockford's base 32, never I, L, O or U, and random", () => {
    const codes = Array.from({ length: 200 }, newVerificationCode);
    for (const code of codes) expect(code).toMatch(CODE_PATTERN);
    expect(codes.join("")).not.toMatch(/[ILOU]/);
    expect(new Set(codes).size).toBe(200);
  });

  it("is printed in two groups of five and read back as typed over the phone", () => {
    expect(formatVerificationCode("K7Q2M9DXA4")).toBe("K7Q2M-9DXA4");
    expect(normalizeVerificationCode(" k7q2m – 9dxa4 ")).toBe("K7Q2M9DXA4");
    // O is read as zero, I and L as one.
    expect(normalizeVerificationCode("o1l2i-3abcd")).toBe("011213ABCD");
  });

  it("matches only the same code", () => {
    expect(verificationCodeMatches("K7Q2M9DXA4", "K7Q2M9DXA4")).toBe(true);
    expect(verificationCodeMatches("K7Q2M9DXA4", "K7Q2M9DXA5")).toBe(false);
    expect(verificationCodeMatches("K7Q2M9DXA4", "K7Q2M9DXA")).toBe(false);
  });
});
