// The unified social credit code's check character (GB 32100-2015): real
// codes pass, every single-character slip in them is caught, and fast-check's
// random 17-character prefixes with their computed check always pass.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CREDIT_CODE_ALPHABET,
  creditCodeCheckCharacter,
  creditCodeParam,
  isValidCreditCode,
} from "../../lib/catalogue/credit-code";

// Published on the national enterprise credit publicity system.
const real = ["91350100M000100Y43", "12100000400000624D"];

describe("unified social credit code", () => {
  it("accepts published codes and refuses each with one character changed", () => {
    for (const code of real) {
      expect(isValidCreditCode(code)).toBe(true);
      for (let i = 0; i < 18; i++)
        for (const c of CREDIT_CODE_ALPHABET)
          if (c !== code[i]) expect(isValidCreditCode(code.slice(0, i) + c + code.slice(i + 1))).toBe(false);
    }
  });

  it("refuses the wrong length and letters outside the alphabet (I, O, S, V, Z, lower case)", () => {
    for (const bad of [
      "",
      "91350100M000100Y4",
      "91350100M000100Y431",
      "91350100M0001O0Y43",
      "91350100m000100y43",
    ])
      expect(isValidCreditCode(bad)).toBe(false);
    expect(creditCodeCheckCharacter("9135010OM000100Y4")).toBeNull();
  });

  it("any 17 characters of the alphabet plus their check character are valid", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...CREDIT_CODE_ALPHABET), { minLength: 17, maxLength: 17 }),
        (chars) => {
          const first = chars.join("");
          expect(isValidCreditCode(first + creditCodeCheckCharacter(first)!)).toBe(true);
        },
      ),
    );
  });

  it("the field schema trims and upper-cases before it checks", () => {
    expect(creditCodeParam.parse(" 91350100m000100y43 ")).toBe("91350100M000100Y43");
    expect(creditCodeParam.safeParse("91350100M000100Y44").success).toBe(false);
  });
});
