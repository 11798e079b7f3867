// codesNamed: which specialty or condition codes a free text names (their
// name contains it), folded (case and accents), in any of the given name lists.
import { describe, expect, it } from "vitest";
import { codesNamed, foldText } from "../../lib/catalogue/text-search";

const en = { neck_back_pain: "Neck and back pain", cardiology: "Cardiology", insomnia: "Insomnia" };
const es = { cardiology: "Cardiología", neck_back_pain: "Dolor de cuello y espalda" };

describe("codesNamed", () => {
  it("finds a code whose name contains the text, not one whose name the text merely contains", () => {
    expect(codesNamed(foldText("back pain"), en)).toEqual(["neck_back_pain"]);
    expect(codesNamed(foldText("Cardio"), en)).toEqual(["cardiology"]);
    expect(codesNamed("心血管内科", { internal_medicine: "内科", cardiology: "心血管内科" })).toEqual([
      "cardiology",
    ]);
  });
  it("folds case and accents, and reads every list given", () => {
    expect(codesNamed(foldText("CARDIOLOGIA"), en, es)).toEqual(["cardiology"]);
    expect(codesNamed(foldText("espalda"), en, es)).toEqual(["neck_back_pain"]);
  });
  it("finds nothing for unrelated or one-letter text", () => {
    expect(codesNamed(foldText("dentist"), en, es)).toEqual([]);
    expect(codesNamed(foldText("a"), en)).toEqual([]);
  });
});
