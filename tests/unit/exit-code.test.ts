import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

it("a process that uses the embedded database keeps its failing exit code (a failed test run fails)", () => {
  const fixture = path.join(import.meta.dirname, "../fixtures/failing-exit-code.ts");
  const run = spawnSync(process.execPath, ["--import", "tsx", fixture], {
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(3);
});
