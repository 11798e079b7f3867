// Hospital systems as OAuth clients (issue 18, part 3; ADR 0021): managers
// create, rotate and revoke integration clients; the token endpoint trades a
// client's credentials for a short-lived JWT (RFC 6749 §4.4); requireFhirClient
// lets a FHIR call through only with a live client's token holding the scope,
// and audits every call once.
import { hkdfSync } from "node:crypto";
import { decodeJwt, jwtVerify, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as tokenRoute } from "../../app/fhir/r4/auth/token/route";
import { GET as appointmentSearch } from "../../app/fhir/r4/Appointment/route";
import { staffCommands } from "../../app/[locale]/_console/commands";
import type { Actor } from "../../lib/auth/actor";
import { decrypt } from "../../lib/crypto/secrets";
import { AppError } from "../../lib/errors";
import { requireFhirClient } from "../../lib/fhir/auth/client-auth";
import { TOKEN_REQUESTS_PER_ADDRESS } from "../../lib/fhir/auth/token-request";
import { capabilityStatement } from "../../lib/fhir/capability";
import { fhirJson, withFhirErrors } from "../../lib/fhir/http";
import { fhirRouteFor } from "../../lib/fhir/routes";
import { fhirBaseUrl, fhirUrl } from "../../lib/fhir/systems";
import {
  createIntegrationClient,
  createIntegrationClientSchema,
  type IssuedCredentials,
} from "../../lib/integration/create-integration-client";
import { listIntegrationClients } from "../../lib/integration/list-integration-clients";
import { revokeIntegrationClient } from "../../lib/integration/revoke-integration-client";
import { rotateIntegrationSecret } from "../../lib/integration/rotate-integration-secret";
import { INTEGRATION_SCOPES, type IntegrationScope } from "../../lib/integration/scopes";
import { PEER_HEADER } from "../../lib/net/client-address";
import { consume } from "../../lib/rate-limit/rate-limit";
import { testDb } from "../helpers/db";
import { expectValidFhir } from "../helpers/fhir";
import { createWorld, type World } from "../helpers/staff-fixtures";

let world: World;
let manager: Actor;
let addressCounter = 0;

beforeAll(async () => {
  world = await createWorld(testDb());
  manager = world.actors.managerA;
});

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );

async function newClient(
  scopes: IntegrationScope[] = ["slots:write", "appointments:read"],
  extra: { webhookUrl?: string } = {},
): Promise<IssuedCredentials> {
  return createIntegrationClient(
    testDb(),
    manager,
    createIntegrationClientSchema.parse({ name: "Hospital HIS", scopes, ...extra }),
  );
}

/** Each test its own client address, so the token endpoint's per-address limit is its own. */
const address = () => `203.0.113.${++addressCounter}`;

function tokenRequest(
  form: Record<string, string>,
  options: { basic?: [string, string]; contentType?: string; peer?: string } = {},
): Request {
  const headers: Record<string, string> = {
    "content-type": options.contentType ?? "application/x-www-form-urlencoded",
    [PEER_HEADER]: options.peer ?? address(),
  };
  if (options.basic)
    headers.authorization = `Basic ${Buffer.from(
      `${encodeURIComponent(options.basic[0])}:${encodeURIComponent(options.basic[1])}`,
    ).toString("base64")}`;
  return new Request("http://localhost/fhir/r4/auth/token", {
    method: "POST",
    headers,
    body: new URLSearchParams(form).toString(),
  });
}

async function token(issued: IssuedCredentials, scope?: string): Promise<string> {
  const response = await tokenRoute(
    tokenRequest(
      { grant_type: "client_credentials", ...(scope ? { scope } : {}) },
      { basic: [issued.client.clientId, issued.clientSecret] },
    ),
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** A FHIR call as a route makes it: requireFhirClient first, then the answer (errors as OperationOutcome). */
const protectedRoute = withFhirErrors(async (request: Request) => {
  const client = await requireFhirClient(testDb(), request, "appointments:read");
  return fhirJson({ resourceType: "Bundle", type: "searchset", total: 0, id: client.institutionId });
});
const fhirCall = (accessToken: string | null) =>
  protectedRoute(
    new Request("http://localhost/fhir/r4/Appointment?_lastUpdated=gt2020-01-01", {
      headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {},
    }),
  );

/** The signing key as ADR 0021 says it is derived, computed here independently of lib/crypto. */
const independentKey = () =>
  new Uint8Array(
    hkdfSync(
      "sha256",
      Buffer.from(process.env.DATA_ENCRYPTION_KEY!, "base64"),
      Buffer.alloc(0),
      "fhir-access-token:v1",
      32,
    ),
  );

describe("integration clients: the manager's use cases", () => {
  it("creates a client for the manager's institution and shows its secret once, storing only a hash", async () => {
    const issued = await newClient(["slots:write", "appointments:read", "webhooks"], {
      webhookUrl: "https://his.example.org/portal-hook",
    });
    expect(issued.clientSecret).toMatch(/^ipps_[A-Za-z0-9_-]{43}$/);
    expect(issued.client.clientId).toMatch(/^ipp_[A-Za-z0-9_-]{22}$/);
    expect(issued.webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(issued.client).toMatchObject({
      name: "Hospital HIS",
      scopes: ["slots:write", "appointments:read", "webhooks"],
      status: "active",
      lastUsedAt: null,
    });
    expect(JSON.stringify(issued.client)).not.toContain(issued.clientSecret);

    const row = await testDb().integrationClient.findUniqueOrThrow({ where: { id: issued.client.id } });
    expect(row.institutionId).toBe(world.a.institutionId);
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(decrypt(row.webhookSecretEnc!)).toBe(issued.webhookSecret);
    // Neither secret is anywhere in the table or the audit trail, in any column.
    const [table] = await testDb().$queryRaw<{ dump: string }[]>`
      SELECT string_agg(row_to_json(c)::text, '') AS dump FROM integration_client c`;
    const [audit] = await testDb().$queryRaw<{ dump: string }[]>`
      SELECT string_agg(row_to_json(a)::text, '') AS dump FROM audit_event a`;
    for (const dump of [table!.dump, audit!.dump]) {
      expect(dump).not.toContain(issued.clientSecret);
      expect(dump).not.toContain(issued.clientSecret.slice(5));
      expect(dump).not.toContain(issued.webhookSecret!.slice(6));
    }
  });

  it("is the hospital manager's alone, each on their own institution's clients", async () => {
    const issued = await newClient();
    const input = createIntegrationClientSchema.parse({ name: "X", scopes: ["slots:write"] });
    expect(await codeOf(createIntegrationClient(testDb(), null, input))).toBe("UNAUTHENTICATED");
    expect(await codeOf(createIntegrationClient(testDb(), world.actors.staffA, input))).toBe("FORBIDDEN");
    expect(await codeOf(createIntegrationClient(testDb(), world.actors.cityAdmin, input))).toBe("FORBIDDEN");
    expect(await codeOf(listIntegrationClients(testDb(), world.actors.staffA))).toBe("FORBIDDEN");
    // B's manager cannot see, rotate or revoke A's client: it does not exist for them.
    const ref = { client: issued.client.id };
    expect(await codeOf(rotateIntegrationSecret(testDb(), world.actors.managerB, ref))).toBe("NOT_FOUND");
    expect(await codeOf(revokeIntegrationClient(testDb(), world.actors.managerB, ref))).toBe("NOT_FOUND");
    expect((await listIntegrationClients(testDb(), world.actors.managerB)).map((c) => c.id)).not.toContain(
      issued.client.id,
    );
    expect((await listIntegrationClients(testDb(), manager)).map((c) => c.id)).toContain(issued.client.id);
  });

  it("validates the input: name of 1 to 80 characters, a non-empty subset of the scopes, an https webhook with its scope", () => {
    const problems = (input: unknown) => {
      const parsed = createIntegrationClientSchema.safeParse(input);
      return parsed.success ? "ok" : parsed.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
    };
    expect(problems({ name: "HIS", scopes: ["slots:write", "slots:write"] })).toBe("ok");
    expect(
      createIntegrationClientSchema.parse({
        name: " HIS ",
        scopes: ["webhooks", "slots:write"],
        webhookUrl: "https://h.example/x",
      }).scopes,
    ).toEqual(["slots:write", "webhooks"]);
    expect(problems({ name: "", scopes: ["slots:write"] })).not.toBe("ok");
    expect(problems({ name: "x".repeat(81), scopes: ["slots:write"] })).not.toBe("ok");
    expect(problems({ name: "x".repeat(80), scopes: ["slots:write"] })).toBe("ok");
    expect(problems({ name: "HIS", scopes: [] })).not.toBe("ok");
    expect(problems({ name: "HIS", scopes: ["admin"] })).not.toBe("ok");
    expect(problems({ name: "HIS", scopes: ["webhooks"] })).toEqual(["webhookUrl:required"]);
    expect(problems({ name: "HIS", scopes: ["slots:write"], webhookUrl: "https://h.example/x" })).toEqual([
      "webhookUrl:mismatch",
    ]);
    expect(problems({ name: "HIS", scopes: ["webhooks"], webhookUrl: "http://h.example/x" })).not.toBe("ok");
    expect(problems({ name: "HIS", scopes: ["webhooks"], webhookUrl: "https://u:p@h.example/x" })).not.toBe(
      "ok",
    );
  });

  it("reads the console's form: one checkbox per scope, problems named by the form's fields", async () => {
    const run = (form: Record<string, string>) =>
      staffCommands.createIntegrationClient(testDb(), manager, form).then(
        (issued) => issued.client.scopes as unknown,
        (error: unknown) => (error instanceof AppError ? { [error.code]: error.fields } : error),
      );
    expect(
      await run({ name: "Form HIS", "scope-appointments:read": "on", "scope-slots:write": "on" }),
    ).toEqual(["slots:write", "appointments:read"]);
    expect(await run({ name: "Form HIS" })).toEqual({ VALIDATION_FAILED: { scopes: "required" } });
    expect(await run({ name: "Form HIS", "scope-webhooks": "on" })).toEqual({
      VALIDATION_FAILED: { webhookUrl: "required" },
    });
    expect(await run({ name: "Form HIS", "scope-admin": "on" })).toEqual({
      VALIDATION_FAILED: { "scope-admin": "unknown", scopes: "required" },
    });
  });

  it("rotates the secret (the old one stops at once) and revokes for good, auditing each change without a secret", async () => {
    const issued = await newClient();
    const rotated = await rotateIntegrationSecret(testDb(), manager, { client: issued.client.id });
    expect(rotated.clientSecret).not.toBe(issued.clientSecret);
    expect(rotated.client.clientId).toBe(issued.client.clientId);
    expect(rotated.client.rotatedAt).not.toBeNull();
    const revoked = await revokeIntegrationClient(testDb(), manager, { client: issued.client.id });
    expect(revoked.status).toBe("revoked");
    // Revocation is final.
    expect(await codeOf(rotateIntegrationSecret(testDb(), manager, { client: issued.client.id }))).toBe(
      "INVALID_TRANSITION",
    );
    expect(await codeOf(revokeIntegrationClient(testDb(), manager, { client: issued.client.id }))).toBe(
      "INVALID_TRANSITION",
    );
    const events = await testDb().auditEvent.findMany({
      where: { entityType: "integration_client", entityId: issued.client.id },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => [e.action, e.actorId, e.institutionId])).toEqual([
      ["integration.create", manager.userId, world.a.institutionId],
      ["integration.rotate", manager.userId, world.a.institutionId],
      ["integration.revoke", manager.userId, world.a.institutionId],
    ]);
    const dump = JSON.stringify(events);
    expect(dump).not.toContain(issued.clientSecret);
    expect(dump).not.toContain(rotated.clientSecret);
    // The list shows live clients first, the revoked one with its state.
    const list = await listIntegrationClients(testDb(), manager);
    expect(list.find((c) => c.id === issued.client.id)?.status).toBe("revoked");
    expect(list.findIndex((c) => c.status === "revoked")).toBeGreaterThan(
      list.findLastIndex((c) => c.status === "active"),
    );
  });
});

describe("the token endpoint (RFC 6749 client credentials)", () => {
  it("issues a 5-minute bearer JWT for good credentials (HTTP Basic), verified independently", async () => {
    const issued = await newClient();
    const response = await tokenRoute(
      tokenRequest(
        { grant_type: "client_credentials" },
        { basic: [issued.client.clientId, issued.clientSecret] },
      ),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("pragma")).toBe("no-cache");
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      token_type: "Bearer",
      expires_in: 300,
      scope: "slots:write appointments:read",
    });
    const { payload, protectedHeader } = await jwtVerify(body.access_token as string, independentKey(), {
      algorithms: ["HS256"],
      issuer: fhirBaseUrl(),
      audience: fhirBaseUrl(),
    });
    expect(protectedHeader).toMatchObject({ alg: "HS256", typ: "at+jwt" });
    expect(payload).toMatchObject({
      sub: issued.client.clientId,
      client_id: issued.client.clientId,
      scope: "slots:write appointments:read",
      ver: 1,
    });
    expect(payload.exp! - payload.iat!).toBe(300);
    expect(Math.abs(payload.iat! - Date.now() / 1000)).toBeLessThan(60);
    expect(typeof payload.jti).toBe("string");
    // Nothing of the secret travels in the token.
    expect(JSON.stringify(decodeJwt(body.access_token as string))).not.toContain(
      issued.clientSecret.slice(5),
    );
  });

  it("takes the credentials in the body too (client_secret_post), and narrows to the scope asked for", async () => {
    const issued = await newClient();
    const response = await tokenRoute(
      tokenRequest({
        grant_type: "client_credentials",
        client_id: issued.client.clientId,
        client_secret: issued.clientSecret,
        scope: "appointments:read",
      }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { scope: string; access_token: string };
    expect(body.scope).toBe("appointments:read");
    expect(decodeJwt(body.access_token).scope).toBe("appointments:read");
  });

  it("answers invalid_client (401, WWW-Authenticate) for a wrong secret, an unknown client, a revoked client and a rotated-away secret", async () => {
    const live = await newClient();
    const revoked = await newClient();
    await revokeIntegrationClient(testDb(), manager, { client: revoked.client.id });
    const rotated = await newClient();
    const fresh = await rotateIntegrationSecret(testDb(), manager, { client: rotated.client.id });
    const other = await newClient();
    const cases: [string, [string, string]][] = [
      ["wrong secret", [live.client.clientId, other.clientSecret]],
      ["malformed secret", [live.client.clientId, "not-a-secret"]],
      ["unknown client", ["ipp_AAAAAAAAAAAAAAAAAAAAAA", live.clientSecret]],
      ["revoked client", [revoked.client.clientId, revoked.clientSecret]],
      ["rotated-away secret", [rotated.client.clientId, rotated.clientSecret]],
    ];
    for (const [label, basic] of cases) {
      const response = await tokenRoute(tokenRequest({ grant_type: "client_credentials" }, { basic }));
      expect(response.status, label).toBe(401);
      expect(response.headers.get("www-authenticate"), label).toMatch(/^Basic realm="fhir"/);
      expect(await response.json(), label).toMatchObject({ error: "invalid_client" });
    }
    // The rotated client's new secret works.
    expect(await token(fresh)).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it("answers the other RFC 6749 §5.2 errors with 400", async () => {
    const issued = await newClient(["slots:write"]);
    const basic: [string, string] = [issued.client.clientId, issued.clientSecret];
    const errorOf = async (request: Request) => {
      const response = await tokenRoute(request);
      return `${response.status} ${((await response.json()) as { error: string }).error}`;
    };
    expect(await errorOf(tokenRequest({ grant_type: "authorization_code" }, { basic }))).toBe(
      "400 unsupported_grant_type",
    );
    expect(await errorOf(tokenRequest({}, { basic }))).toBe("400 invalid_request");
    expect(
      await errorOf(
        tokenRequest({ grant_type: "client_credentials", scope: "appointments:read" }, { basic }),
      ),
    ).toBe("400 invalid_scope");
    expect(await errorOf(tokenRequest({ grant_type: "client_credentials", scope: "admin" }, { basic }))).toBe(
      "400 invalid_scope",
    );
    expect(
      await errorOf(
        tokenRequest({ grant_type: "client_credentials" }, { basic, contentType: "application/json" }),
      ),
    ).toBe("400 invalid_request");
    // Two ways of authenticating at once (§2.3.1 forbids it), and a repeated parameter (§3.2).
    expect(
      await errorOf(
        tokenRequest({ grant_type: "client_credentials", client_secret: issued.clientSecret }, { basic }),
      ),
    ).toBe("400 invalid_request");
    const repeated = tokenRequest({}, { basic });
    expect(
      await errorOf(
        new Request(repeated.url, {
          method: "POST",
          headers: repeated.headers,
          body: "grant_type=client_credentials&grant_type=client_credentials",
        }),
      ),
    ).toBe("400 invalid_request");
    // A body over the token request's limit (the conformance fuzz sent 10,000 characters).
    expect(
      await errorOf(
        new Request(repeated.url, {
          method: "POST",
          headers: repeated.headers,
          body: `grant_type=client_credentials&scope=${"x".repeat(10_000)}`,
        }),
      ),
    ).toBe("400 invalid_request");
    // No client authentication at all.
    expect(await errorOf(tokenRequest({ grant_type: "client_credentials" }))).toBe("401 invalid_client");
    // Unknown parameters are ignored (§3.2).
    const ignored = await tokenRoute(
      tokenRequest({ grant_type: "client_credentials", audience: "x" }, { basic }),
    );
    expect(ignored.status).toBe(200);
  });

  it("is rate-limited per client address (429 with Retry-After once the window's requests are spent)", async () => {
    const issued = await newClient();
    const peer = address();
    const request = () =>
      tokenRoute(
        tokenRequest(
          { grant_type: "client_credentials" },
          { basic: [issued.client.clientId, issued.clientSecret], peer },
        ),
      );
    expect((await request()).status).toBe(200);
    // Spend the rest of the window's requests (until the counter refuses one), then ask once more.
    let counted = 1;
    while (
      counted <= 2 * TOKEN_REQUESTS_PER_ADDRESS.max &&
      (await consume(testDb(), TOKEN_REQUESTS_PER_ADDRESS, peer).then(
        () => true,
        () => false,
      ))
    )
      counted++;
    // (Twice the maximum at most: the window may roll over once while the loop runs.)
    expect(counted).toBeLessThanOrEqual(2 * TOKEN_REQUESTS_PER_ADDRESS.max);
    const refused = await request();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await refused.json()) as { resourceType: string }).resourceType).toBe("OperationOutcome");
    // Another address is not slowed.
    expect(await token(issued)).toBeTruthy();
  });
});

describe("requireFhirClient: a FHIR call with a client's token", () => {
  it("lets a live client's token through with its institution and scopes, auditing each call once", async () => {
    const issued = await newClient();
    const accessToken = await token(issued);
    const before = await testDb().auditEvent.count({
      where: { entityId: issued.client.id, action: { startsWith: "fhir." } },
    });
    expect(before).toBe(0);

    const client = await requireFhirClient(
      testDb(),
      new Request("http://localhost/fhir/r4/Appointment?_lastUpdated=gt2020-01-01", {
        headers: { authorization: `Bearer ${accessToken}` },
      }),
      "appointments:read",
    );
    expect(client).toEqual({
      clientId: issued.client.id,
      oauthClientId: issued.client.clientId,
      institutionId: world.a.institutionId,
      scopes: ["slots:write", "appointments:read"],
    });
    const firstUse = (await testDb().integrationClient.findUniqueOrThrow({ where: { id: issued.client.id } }))
      .lastUsedAt;
    expect(firstUse).not.toBeNull();

    const response = await fhirCall(accessToken);
    expect(response.status).toBe(200);
    // last_used_at moves at most once a minute.
    expect(
      (await testDb().integrationClient.findUniqueOrThrow({ where: { id: issued.client.id } })).lastUsedAt,
    ).toEqual(firstUse);

    const events = await testDb().auditEvent.findMany({
      where: { entityId: issued.client.id, action: { startsWith: "fhir." } },
      orderBy: { createdAt: "asc" },
    });
    expect(events).toHaveLength(2);
    for (const event of events) {
      expect(event).toMatchObject({
        action: "fhir.search-type",
        actorId: null,
        actorRole: null,
        entityType: "integration_client",
        institutionId: world.a.institutionId,
      });
      expect(event.after).toMatchObject({
        clientId: issued.client.clientId,
        resource: "Appointment",
        request: "GET /fhir/r4/Appointment?_lastUpdated=gt2020-01-01",
        scope: "appointments:read",
      });
      expect(JSON.stringify(event)).not.toContain(accessToken);
    }

    // A later call, a minute on, moves last_used_at again.
    const later = new Date(Date.now() + 61_000);
    await requireFhirClient(
      testDb(),
      new Request("http://localhost/fhir/r4", {
        method: "POST",
        headers: { authorization: `Bearer ${accessToken}` },
      }),
      "slots:write",
      undefined,
      later,
    );
    expect(
      (await testDb().integrationClient.findUniqueOrThrow({ where: { id: issued.client.id } })).lastUsedAt,
    ).toEqual(later);
    expect(
      await testDb().auditEvent.count({ where: { entityId: issued.client.id, action: "fhir.transaction" } }),
    ).toBe(1);
  });

  it("refuses a revoked client's unexpired token at once: 401 with WWW-Authenticate: Bearer", async () => {
    const issued = await newClient();
    const accessToken = await token(issued);
    expect((await fhirCall(accessToken)).status).toBe(200);
    await revokeIntegrationClient(testDb(), manager, { client: issued.client.id });
    const response = await fhirCall(accessToken);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(((await response.json()) as { resourceType: string }).resourceType).toBe("OperationOutcome");
  });

  it("drives the real Appointment poll: 200 searchset while live, 401 once revoked, 403 without its scope", async () => {
    const issued = await newClient(["appointments:read"]);
    const poll = (accessToken: string) =>
      appointmentSearch(
        new Request("http://localhost/fhir/r4/Appointment?_lastUpdated=gt2020-01-01T00:00:00Z", {
          headers: { authorization: `Bearer ${accessToken}` },
        }),
      );
    const accessToken = await token(issued);
    const live = await poll(accessToken);
    expect(live.status).toBe(200);
    const bundle = (await live.json()) as { resourceType: string; type: string };
    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "searchset" });
    expectValidFhir(bundle);
    expect(
      await testDb().auditEvent.count({ where: { entityId: issued.client.id, action: "fhir.search-type" } }),
    ).toBe(1);
    await revokeIntegrationClient(testDb(), manager, { client: issued.client.id });
    const refused = await poll(accessToken);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expectValidFhir(await refused.json());
    const pushOnly = await newClient(["slots:write"]);
    expect((await poll(await token(pushOnly))).status).toBe(403);
  });

  it("refuses a token issued before the secret was rotated", async () => {
    const issued = await newClient();
    const accessToken = await token(issued);
    const rotated = await rotateIntegrationSecret(testDb(), manager, { client: issued.client.id });
    expect((await fhirCall(accessToken)).status).toBe(401);
    expect((await fhirCall(await token(rotated))).status).toBe(200);
  });

  it("answers 403 when the token lacks the route's scope (granted or asked for)", async () => {
    const pushOnly = await newClient(["slots:write"]);
    expect((await fhirCall(await token(pushOnly))).status).toBe(403);
    const both = await newClient(["slots:write", "appointments:read"]);
    expect((await fhirCall(await token(both, "slots:write"))).status).toBe(403);
    // The refused call is audited too, as refused.
    const [event] = await testDb().auditEvent.findMany({
      where: { entityId: pushOnly.client.id, action: { startsWith: "fhir." } },
    });
    expect(event?.after).toMatchObject({ refused: "scope" });
  });

  it("refuses a missing, expired, tampered or foreign token with 401", async () => {
    const issued = await newClient();
    const accessToken = await token(issued);
    expect((await fhirCall(null)).status).toBe(401);
    expect((await fhirCall("not.a.jwt")).status).toBe(401);
    const [header, payload, signature] = accessToken.split(".");
    const flipped = `${signature!.slice(0, -2)}${signature!.endsWith("AA") ? "BB" : "AA"}`;
    expect((await fhirCall(`${header}.${payload}.${flipped}`)).status).toBe(401);
    // Another key, and no signature at all.
    const claims = decodeJwt(accessToken);
    const foreign = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", typ: "at+jwt" })
      .sign(new Uint8Array(32).fill(1));
    expect((await fhirCall(foreign)).status).toBe(401);
    const unsigned = `${Buffer.from(JSON.stringify({ alg: "none", typ: "at+jwt" })).toString("base64url")}.${payload}.`;
    expect((await fhirCall(unsigned)).status).toBe(401);
    // Expired: verified five minutes and a second later.
    const expired = requireFhirClient(
      testDb(),
      new Request("http://localhost/fhir/r4/Appointment", {
        headers: { authorization: `Bearer ${accessToken}` },
      }),
      "appointments:read",
      undefined,
      new Date(Date.now() + 301_000),
    );
    expect(await codeOf(expired)).toBe("UNAUTHENTICATED");
  });
});

describe("the CapabilityStatement's security", () => {
  it("names the token endpoint (SMART oauth-uris) the server routes, OAuth as the service, and every scope", () => {
    const security = capabilityStatement().rest?.[0]?.security;
    // This area's part, valid on its own (the whole statement is the conformance test's).
    expectValidFhir({
      resourceType: "CapabilityStatement",
      status: "active",
      date: "2026-12-01",
      kind: "instance",
      implementation: { description: "This server", url: fhirBaseUrl() },
      fhirVersion: "4.0.1",
      format: ["json"],
      rest: [{ mode: "server", security }],
    });
    expect(security?.service?.[0]?.coding?.[0]).toEqual({
      system: "http://terminology.hl7.org/CodeSystem/restful-security-service",
      code: "OAuth",
    });
    const uris = security?.extension?.find(
      (e) => e.url === "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris",
    );
    const tokenUrl = uris?.extension?.find((e) => e.url === "token")?.valueUri;
    expect(tokenUrl).toBe(fhirUrl("auth/token"));
    expect(fhirRouteFor(new URL(tokenUrl!).pathname)?.allowed).toContain("POST");
    for (const scope of INTEGRATION_SCOPES) expect(security?.description).toContain(`\`${scope}\``);
  });
});
