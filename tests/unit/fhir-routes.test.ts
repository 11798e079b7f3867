// The FHIR route table the proxy reads (lib/fhir/routes.ts) is app/fhir as it
// is, and the proxy answers what no route should see as OperationOutcome.
import { NextRequest, NextResponse } from "next/server";
import { describe, expect, it, vi } from "vitest";
import proxy from "../../proxy";
import { fhirRoutes } from "../../lib/fhir/routes";
import { routeFiles } from "../helpers/route-files";

vi.mock("next-intl/middleware", () => ({
  default: () => () => NextResponse.next({ headers: { "x-test-intl": "1" } }),
}));

const run = (url: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
  proxy(new NextRequest(`http://localhost:3000${url}`, init));

async function outcome(response: Response) {
  expect(response.headers.get("content-type")).toMatch(/^application\/fhir\+json/);
  const body = (await response.json()) as {
    resourceType: string;
    issue: { code: string; diagnostics: string }[];
  };
  expect(body.resourceType).toBe("OperationOutcome");
  return body.issue;
}

describe("FHIR routes", () => {
  it("lists every route file under app/fhir with the methods it exports", () => {
    const listed = Object.fromEntries(Object.entries(fhirRoutes).map(([p, m]) => [p, [...m].sort()]));
    expect(listed).toEqual(routeFiles("fhir"));
  });

  it("answers a path no FHIR route serves with a 404 OperationOutcome, not the HTML page", async () => {
    const response = await run("/fhir/r4/Patient");
    expect(response.status).toBe(404);
    expect((await outcome(response))[0]!.code).toBe("not-found");
  });

  it("answers a method the route lacks with 405, Allow and the message in the request's language", async () => {
    const response = await run("/fhir/r4/metadata", {
      method: "DELETE",
      headers: { "accept-language": "ar" },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    const [issue] = await outcome(response);
    expect(issue!.code).toBe("not-supported");
    expect(issue!.diagnostics).toMatch(/[\u0600-\u06ff]/);
  });

  it("answers a path that does not decode with 400", async () => {
    const response = await run("/fhir/r4/Slot/%E0%A4%A");
    expect(response.status).toBe(400);
    expect((await outcome(response))[0]!.code).toBe("invalid");
  });

  it("leaves FHIR paths out of the locale routing", async () => {
    const response = await run("/fhir/r4/metadata");
    expect(response.headers.get("x-test-intl")).toBeNull();
  });
});
