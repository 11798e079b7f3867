import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { applySecurityHeaders, newNonce, securityHeaders } from "../../lib/http/security-headers";

describe("security headers", () => {
  it("forbid framing, sniffing and referrer paths; HSTS only over https", () => {
    const plain = Object.fromEntries(
      securityHeaders({ publicBaseUrl: "http://localhost:3000", dev: false }).fixed,
    );
    expect(plain["X-Frame-Options"]).toBe("DENY");
    expect(plain["X-Content-Type-Options"]).toBe("nosniff");
    expect(plain["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(plain["Permissions-Policy"]).toContain("camera=()");
    expect(plain["Strict-Transport-Security"]).toBeUndefined();
    const tls = Object.fromEntries(
      securityHeaders({ publicBaseUrl: "https://portal.example.org", dev: false }).fixed,
    );
    expect(tls["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
  });

  it("allow only scripts with the request's nonce; eval only in development", () => {
    const prod = securityHeaders({ publicBaseUrl: "https://portal.example.org", dev: false }).policy("abc=");
    const directives = new Map(prod.split("; ").map((d) => [d.split(" ")[0], d] as const));
    expect(directives.get("script-src")).toBe("script-src 'self' 'nonce-abc=' 'strict-dynamic'");
    expect(directives.get("frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directives.get("object-src")).toBe("object-src 'none'");
    expect(directives.has("upgrade-insecure-requests")).toBe(true);
    expect(prod).not.toContain("unsafe-eval");
    const dev = securityHeaders({ publicBaseUrl: "http://localhost:3000", dev: true }).policy("abc=");
    expect(dev).toContain("'unsafe-eval'");
    expect(dev).not.toContain("upgrade-insecure-requests");
  });

  it("a fresh nonce per request, on the answer and on the request (where Next reads it), never the client's", () => {
    const headers = securityHeaders({ publicBaseUrl: "http://localhost:3000", dev: false });
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) seen.add(newNonce());
    expect(seen.size).toBe(100);
    const req = {
      headers: { "content-security-policy": "script-src 'nonce-attacker'" },
    } as unknown as IncomingMessage;
    const set = new Map<string, string>();
    const res = { setHeader: (n: string, v: string) => set.set(n, v) } as unknown as ServerResponse;
    applySecurityHeaders(req, res, headers, "n0nce");
    expect(set.get("Content-Security-Policy")).toContain("'nonce-n0nce'");
    expect(req.headers["content-security-policy"]).toBe(set.get("Content-Security-Policy"));
  });
});
