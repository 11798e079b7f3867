import { describe, expect, it } from "vitest";
import { securityHeaders } from "../../lib/http/security-headers";

describe("security headers", () => {
  it("forbid framing, sniffing and referrer paths; HSTS only over https", () => {
    const plain = Object.fromEntries(securityHeaders("http://localhost:3000"));
    expect(plain["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(plain["X-Frame-Options"]).toBe("DENY");
    expect(plain["X-Content-Type-Options"]).toBe("nosniff");
    expect(plain["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(plain["Permissions-Policy"]).toContain("camera=()");
    expect(plain["Strict-Transport-Security"]).toBeUndefined();
    const tls = Object.fromEntries(securityHeaders("https://portal.example.org"));
    expect(tls["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
  });
});
