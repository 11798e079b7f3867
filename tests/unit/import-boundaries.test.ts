// The import-direction rule of eslint.config.mjs (ARCHITECTURE.md) reports
// each kind of wrong-way import and lets the right-way ones through. Each
// fixture is linted as if it lived at `filePath`, against the real config.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, "eslint.config.mjs") });
const BOUNDARY_RULES = new Set(["import/no-restricted-paths", "no-restricted-imports"]);

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result!.messages.filter((m) => m.ruleId && BOUNDARY_RULES.has(m.ruleId)).map((m) => m.ruleId!);
}

describe("import boundaries", { timeout: 60_000 }, () => {
  it.each([
    [
      "lib imports app",
      "lib/booking/fixture.ts",
      'export { createBookingAction } from "@/app/[locale]/book/actions";',
    ],
    [
      "lib imports components (relative)",
      "lib/booking/fixture.ts",
      'export type { FormState } from "../../components/staff/form-state";',
    ],
    [
      "components import app",
      "components/booking/fixture.ts",
      'export { holdSlotAction } from "@/app/[locale]/book/actions";',
    ],
    [
      "a use case imports the HTTP adapter",
      "lib/booking/fixture.ts",
      'export { localizeError } from "../http/errors";',
    ],
    [
      "a foundation imports the HTTP adapter",
      "lib/fixture.ts",
      'export { withApiErrors } from "./http/api";',
    ],
    ["lib imports Next navigation", "lib/schedule/fixture.ts", 'export { redirect } from "next/navigation";'],
  ])("reports %s", async (_name, filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toHaveLength(1);
  });

  it.each([
    [
      "app imports components and lib",
      "app/[locale]/fixture.ts",
      'export { BookingForm } from "@/components/booking/booking-form";\nexport { localizeError } from "@/lib/http/errors";',
    ],
    [
      "components import lib",
      "components/booking/fixture.ts",
      'export { validationError } from "@/lib/errors";',
    ],
    [
      "an adapter imports a use case",
      "lib/http/fixture.ts",
      'export { REFERENCE_PATTERN } from "../booking/reference";',
    ],
    [
      "a use case imports another domain and a foundation",
      "lib/booking/fixture.ts",
      'export { slugParam } from "../slug";\nexport { monthKey } from "../quota/month";',
    ],
    [
      "auth reads cookies through next/headers",
      "lib/auth/fixture.ts",
      'export { headers } from "next/headers";',
    ],
  ])("allows %s", async (_name, filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([]);
  });
});
