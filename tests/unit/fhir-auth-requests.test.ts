// The pure parts of hospital systems' authentication (ADR 0021): which FHIR
// interaction a request is (what the audit trail records), the bearer JWT a
// request carries, and how a token request's client credentials are read
// (RFC 6749 §2.3.1: Basic halves are form-urlencoded; never two methods at once).
import { describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors";
import { bearerJwt, interactionOf } from "../../lib/fhir/auth/client-auth";
import { oauthErrorOf, readTokenRequest } from "../../lib/fhir/auth/token-request";

const at = (method: string, path: string) =>
  interactionOf(new Request(`http://localhost${path}`, { method }));

describe("interactionOf", () => {
  it("names FHIR's restful interaction and the resource type from the method and path", () => {
    expect(at("POST", "/fhir/r4")).toEqual({ interaction: "transaction", resource: null });
    expect(at("GET", "/fhir/r4")).toEqual({ interaction: "search-system", resource: null });
    expect(at("GET", "/fhir/r4/Appointment?_lastUpdated=gt2020-01-01")).toEqual({
      interaction: "search-type",
      resource: "Appointment",
    });
    expect(at("POST", "/fhir/r4/Appointment/_search")).toEqual({
      interaction: "search-type",
      resource: "Appointment",
    });
    expect(at("GET", "/fhir/r4/Appointment/abc")).toEqual({ interaction: "read", resource: "Appointment" });
    expect(at("POST", "/fhir/r4/Slot")).toEqual({ interaction: "create", resource: "Slot" });
    expect(at("PUT", "/fhir/r4/Slot/abc")).toEqual({ interaction: "update", resource: "Slot" });
    expect(at("PUT", "/fhir/r4/Slot?identifier=x|1")).toEqual({ interaction: "update", resource: "Slot" });
    expect(at("DELETE", "/fhir/r4/Slot/abc")).toEqual({ interaction: "delete", resource: "Slot" });
    expect(at("GET", "/fhir/r4/Slot/abc/_history")).toEqual({ interaction: "history", resource: "Slot" });
    expect(at("GET", "/fhir/r4/Slot/abc/_history/2")).toEqual({ interaction: "vread", resource: "Slot" });
    expect(at("POST", "/fhir/r4/Appointment/$book")).toEqual({
      interaction: "operation",
      resource: "Appointment",
    });
    expect(at("GET", "/fhir/r4/$bulk-publish")).toEqual({ interaction: "operation", resource: null });
  });
});

describe("bearerJwt", () => {
  const withAuth = (value: string) =>
    new Request("http://localhost/fhir/r4", { headers: { authorization: value } });
  it("takes three base64url parts after Bearer, and nothing else", () => {
    expect(bearerJwt(withAuth("Bearer aaa.bbb.ccc"))).toBe("aaa.bbb.ccc");
    expect(bearerJwt(withAuth("bearer aaa.bbb.ccc"))).toBe("aaa.bbb.ccc");
    expect(bearerJwt(withAuth("Bearer aaa.bbb"))).toBeNull();
    expect(bearerJwt(withAuth("Basic aaa.bbb.ccc"))).toBeNull();
    expect(bearerJwt(withAuth("Bearer aa a.bbb.ccc"))).toBeNull();
    expect(bearerJwt(withAuth(`Bearer ${"a".repeat(5000)}.b.c`))).toBeNull();
    expect(bearerJwt(new Request("http://localhost/fhir/r4"))).toBeNull();
  });
});

describe("readTokenRequest", () => {
  const request = (body: string, headers: Record<string, string> = {}) =>
    new Request("http://localhost/fhir/r4/auth/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8", ...headers },
      body,
    });
  const basic = (id: string, secret: string) => ({
    authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`,
  });
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => "read",
      (error: unknown) => oauthErrorOf(error, null),
    );

  it("reads Basic credentials, decoding each form-urlencoded half", async () => {
    expect(
      await readTokenRequest(request("grant_type=client_credentials", basic("ipp_a%2Bb", "s%3Ac"))),
    ).toEqual({
      grant_type: "client_credentials",
      client_id: "ipp_a+b",
      client_secret: "s:c",
    });
  });

  it("reads the body's credentials, keeps only known parameters and drops empty ones", async () => {
    expect(
      await readTokenRequest(request("grant_type=client_credentials&client_id=a&client_secret=b&scope=&x=1")),
    ).toEqual({ grant_type: "client_credentials", client_id: "a", client_secret: "b" });
  });

  it("refuses two authentication methods, a repeated parameter, another media type and a broken Basic header", async () => {
    expect(
      await refusal(
        readTokenRequest(request("grant_type=client_credentials&client_secret=b", basic("a", "b"))),
      ),
    ).toBe("invalid_request");
    expect(
      await refusal(readTokenRequest(request("grant_type=client_credentials&client_id=z", basic("a", "b")))),
    ).toBe("invalid_request");
    expect(await refusal(readTokenRequest(request("scope=a&scope=b", basic("a", "b"))))).toBe(
      "invalid_request",
    );
    expect(
      await refusal(
        readTokenRequest(
          new Request("http://localhost/fhir/r4/auth/token", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: "{}",
          }),
        ),
      ),
    ).toBe("invalid_request");
    expect(
      await refusal(
        readTokenRequest(request("grant_type=client_credentials", { authorization: "Basic %%%" })),
      ),
    ).toBe("invalid_client");
    expect(
      await refusal(
        readTokenRequest(
          request("grant_type=client_credentials", {
            authorization: `Basic ${Buffer.from("no-colon").toString("base64")}`,
          }),
        ),
      ),
    ).toBe("invalid_client");
  });

  it("maps the use case's errors to RFC 6749 §5.2 codes, and leaves others alone", () => {
    expect(oauthErrorOf(new AppError("INVALID_CREDENTIALS"), {})).toBe("invalid_client");
    expect(
      oauthErrorOf(new AppError("VALIDATION_FAILED", { fields: { grant_type: "invalid" } }), {
        grant_type: "x",
      }),
    ).toBe("unsupported_grant_type");
    expect(oauthErrorOf(new AppError("VALIDATION_FAILED", { fields: { grant_type: "required" } }), {})).toBe(
      "invalid_request",
    );
    expect(oauthErrorOf(new AppError("VALIDATION_FAILED", { fields: { scope: "invalid" } }), {})).toBe(
      "invalid_scope",
    );
    expect(
      oauthErrorOf(new AppError("VALIDATION_FAILED", { fields: { client_secret: "required" } }), {}),
    ).toBe("invalid_client");
    expect(oauthErrorOf(new AppError("RATE_LIMITED"), {})).toBeNull();
    expect(oauthErrorOf(new AppError("DATABASE_UNAVAILABLE"), {})).toBeNull();
  });
});
