// /api/v1/openapi.json: a valid OpenAPI 3.1 document (swagger-parser resolves
// every $ref and checks the document against the 3.1 schema), with one
// operation for every route handler and method and none besides, and the error
// answers the routes give.
import SwaggerParser from "@apidevtools/swagger-parser";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { apiRoutes } from "../../lib/http/api-routes";
import { openApiDocument, routePattern } from "../../lib/openapi/document";
import { operations } from "../../lib/openapi/operations";

const root = path.resolve(import.meta.dirname, "../..");
const SERVER = "https://portal.example";

type Json = Record<string, unknown>;
const doc = openApiDocument(SERVER) as unknown as {
  servers: { url: string }[];
  tags: { name: string }[];
  paths: Record<string, Json & { servers?: { url: string }[] }>;
  components: { schemas: Record<string, Json>; responses: Record<string, Json>; securitySchemes: Json };
};

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

interface DocOperation {
  method: string;
  /** The route's folder pattern: /api/v1/hospitals/[slug]. */
  pattern: string;
  op: Json & { responses: Record<string, Json>; security?: Record<string, string[]>[] };
}

/** Every operation of the document, with the route pattern its server and path name. */
function documented(): DocOperation[] {
  const out: DocOperation[] = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    const server = (item.servers ?? doc.servers)[0]!.url;
    expect(server.startsWith(SERVER)).toBe(true);
    const pattern = `${server.slice(SERVER.length)}${p.replace(/\{(\w+)\}/g, "[$1]")}`;
    for (const method of METHODS.filter((m) => m in item))
      out.push({ method: method.toUpperCase(), pattern, op: item[method] as DocOperation["op"] });
  }
  return out;
}

const routeKey = (pattern: string, method: string) => `${method} ${pattern}`;

/** Every app/api route file's pattern and the methods it exports (not the catch-all: any method, 404). */
function routeFiles(dir = path.join(root, "app/api")): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (!entry.startsWith("[...")) out.push(...routeFiles(full));
    } else if (entry === "route.ts") {
      const pattern = `/${path.relative(path.join(root, "app"), dir).split(path.sep).join("/")}`;
      const source = readFileSync(full, "utf8");
      for (const m of source.matchAll(
        /^export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/gm,
      ))
        out.push(routeKey(pattern, m[1]!));
    }
  }
  return out.sort();
}

/** A response, following a $ref into components.responses. */
function response(r: Json): Json {
  const ref = r.$ref;
  if (typeof ref !== "string") return r;
  const name = ref.replace(/^#\/components\/responses\//, "");
  const target = doc.components.responses[name];
  expect(target, `${ref} resolves`).toBeDefined();
  return target!;
}

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1: swagger-parser finds no error and every $ref resolves", async () => {
    // validate() dereferences its argument in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of new Set(refs)) expect(ref).toMatch(/^#\/components\/(schemas|responses)\/\w+$/);
  });

  it("documents every route handler and method under app/api, and nothing else", () => {
    const inDocument = documented()
      .map((o) => routeKey(o.pattern, o.method))
      .sort();
    expect(inDocument).toEqual(routeFiles());
  });

  it("documents every route and method of lib/http/api-routes.ts, and nothing else", () => {
    const listed = Object.entries(apiRoutes)
      .flatMap(([pattern, methods]) => methods.map((m) => routeKey(pattern, m)))
      .sort();
    expect(
      documented()
        .map((o) => routeKey(o.pattern, o.method))
        .sort(),
    ).toEqual(listed);
    // and each operation file names its route the same way
    expect(operations.map((o) => routeKey(routePattern(o), o.method.toUpperCase())).sort()).toEqual(listed);
  });

  it("names each operation once, tags it with a declared tag, and declares the security it uses", () => {
    const ops = documented();
    const ids = ops.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ops.length);
    const tagNames = doc.tags.map((t) => t.name);
    const schemes = Object.keys(doc.components.securitySchemes);
    for (const { op } of ops) {
      expect(op.tags as string[]).toHaveLength(1);
      expect(tagNames).toContain((op.tags as string[])[0]);
      for (const requirement of op.security ?? [])
        for (const name of Object.keys(requirement)) expect(schemes).toContain(name);
    }
    expect(doc.components.securitySchemes).toMatchObject({
      manageToken: { type: "http", scheme: "bearer" },
      manageTokenQuery: { type: "apiKey", in: "query", name: "token" },
      staffSession: { type: "apiKey", in: "cookie" },
    });
  });

  it("gives every error answer the one error shape, and Retry-After with 429 and 503", () => {
    const error = doc.components.schemas.Error as { properties: { error: Json } };
    expect(error.properties.error).toMatchObject({
      required: ["code", "message"],
      properties: { code: { type: "string" }, message: { type: "string" }, fields: { type: "object" } },
    });
    for (const { method, pattern, op } of documented()) {
      for (const [status, raw] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        const r = response(raw) as { content: Record<string, { schema: Json }>; headers?: Json };
        expect(r.content["application/json"]!.schema, `${method} ${pattern} ${status}`).toEqual({
          $ref: "#/components/schemas/Error",
        });
        if (status === "429" || status === "503")
          expect(r.headers, `${method} ${pattern} ${status}`).toHaveProperty("Retry-After");
      }
    }
  });

  it("lists the error statuses each kind of route can answer", () => {
    const statuses = (pattern: string, method = "GET") =>
      Object.keys(documented().find((o) => o.pattern === pattern && o.method === method)!.op.responses);
    // No database: no 503.
    expect(statuses("/api/health/live")).toEqual(["200"]);
    expect(statuses("/api/v1/openapi.json")).toEqual(["200"]);
    expect(statuses("/api/docs")).toEqual(["200"]);
    expect(statuses("/api/docs/[asset]")).toEqual(["200", "400", "404"]);
    // /api/metrics reads the database, but an outage makes its gauges NaN, never a 503.
    const noDatabase = [
      "/api/health/live",
      "/api/v1/openapi.json",
      "/api/docs",
      "/api/docs/[asset]",
      "/api/metrics",
    ];
    for (const { method, pattern, op } of documented()) {
      const codes = Object.keys(op.responses);
      const where = `${method} ${pattern}`;
      if (!noDatabase.includes(pattern)) expect(codes, where).toContain("503");
      // Every parameter can be wrong, and any path can fail to decode.
      if (pattern.includes("[") || (op.parameters as unknown[] | undefined)?.length)
        expect(codes, where).toContain("400");
      if (pattern.includes("[")) expect(codes, where).toContain("404");
      // Bodies are bounded (the proxy checks every POST's Content-Length).
      if (method === "POST") expect(codes, where).toContain("413");
      const security = (op.security ?? []).flatMap((r) => Object.keys(r));
      // Guessing manage tokens is limited, and so are holds and bookings.
      if (security.includes("manageToken") || ["/api/v1/holds", "/api/v1/bookings"].includes(pattern))
        expect(codes, where).toContain("429");
      if (security.includes("staffSession"))
        expect(codes, where).toEqual(expect.arrayContaining(["401", "403"]));
    }
    expect(statuses("/api/v1/bookings", "POST")).toEqual(
      expect.arrayContaining(["201", "400", "409", "410", "413", "422", "429", "503"]),
    );
    // The 405 every path answers to other methods, named in each path's description.
    expect(response({ $ref: "#/components/responses/MethodNotAllowed" })).toHaveProperty("headers.Allow");
    for (const item of Object.values(doc.paths)) expect(item.description).toMatch(/405/);
  });

  it("describes the finder's parameters and the booking's body from the routes' zod schemas", () => {
    const hospitals = doc.paths["/hospitals"]!.get as { parameters: { name: string; in: string }[] };
    expect(hospitals.parameters.map((p) => p.name)).toContain("locale");
    expect(hospitals.parameters.map((p) => p.name)).toContain("insurer");
    const booking = JSON.stringify((doc.paths["/bookings"]!.post as Json).requestBody);
    expect(booking).toContain("consentSensitive");
    expect(doc.components.schemas).toHaveProperty("HospitalSummary");
    expect(doc.components.schemas).toHaveProperty("Booking");
  });
});
