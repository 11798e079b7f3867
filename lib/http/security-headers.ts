// Security headers on every answer the portal gives (pages, the API, static
// files, the proxy's own answers), set once by the HTTP server
// (scripts/server.ts) before Next handles a request. A health service's pages
// are never framed (the staff console least of all), never sniffed into
// another type, and leak no path to other sites.
//
// The Content-Security-Policy here restricts framing, plugins, <base> and form
// targets; a nonce-based script-src is not part of it yet (see the README).
import type { ServerResponse } from "node:http";

export function securityHeaders(publicBaseUrl: string): [string, string][] {
  const headers: [string, string][] = [
    [
      "Content-Security-Policy",
      "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'",
    ],
    ["X-Frame-Options", "DENY"],
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    [
      "Permissions-Policy",
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    ],
    ["Cross-Origin-Opener-Policy", "same-origin"],
  ];
  // Browsers ignore HSTS over plain http; send it only where the portal is served over https.
  if (publicBaseUrl.startsWith("https:"))
    headers.push(["Strict-Transport-Security", "max-age=31536000; includeSubDomains"]);
  return headers;
}

/** Sets the headers on a response before anything else writes to it (Next keeps them). */
export function applySecurityHeaders(res: ServerResponse, headers: readonly [string, string][]): void {
  for (const [name, value] of headers) res.setHeader(name, value);
}
