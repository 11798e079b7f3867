// Security headers on every answer the portal gives (pages, the API, static
// files, the proxy's own answers), set once by the HTTP server
// (scripts/server.ts) before Next handles a request. A health service's pages
// are never framed (the staff console least of all), never sniffed into
// another type, and leak no path to other sites.
//
// The Content-Security-Policy allows only scripts that carry the request's
// nonce (and what those load: 'strict-dynamic'). The server puts the same
// policy on the request, where Next.js finds the nonce and writes it on every
// script it renders (its documented CSP recipe); a script injected into a page
// has no nonce and does not run. Every page is rendered per request, so every
// page gets a fresh nonce.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export interface SecurityHeaderOptions {
  publicBaseUrl: string;
  /** Next's development server evaluates code (React Refresh) and talks to a websocket. */
  dev: boolean;
}

export interface SecurityHeaders {
  /** Headers that are the same on every answer. */
  fixed: [string, string][];
  /** The Content-Security-Policy for one request's nonce. */
  policy(nonce: string): string;
}

export function securityHeaders({ publicBaseUrl, dev }: SecurityHeaderOptions): SecurityHeaders {
  const https = publicBaseUrl.startsWith("https:");
  const fixed: [string, string][] = [
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
  if (https) fixed.push(["Strict-Transport-Security", "max-age=31536000; includeSubDomains"]);
  const policy = (nonce: string): string =>
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
      // React writes style attributes, which cannot carry a nonce; styles cannot run code.
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      `connect-src 'self'${dev ? " ws: wss:" : ""}`,
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      ...(https ? ["upgrade-insecure-requests"] : []),
    ].join("; ");
  return { fixed, policy };
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * Sets the headers on a response before anything else writes to it (Next keeps
 * them), and the request's policy on the request itself, replacing whatever the
 * client sent under that name, for Next to take the nonce from.
 */
export function applySecurityHeaders(
  req: IncomingMessage,
  res: ServerResponse,
  headers: SecurityHeaders,
  nonce: string = newNonce(),
): void {
  for (const [name, value] of headers.fixed) res.setHeader(name, value);
  const policy = headers.policy(nonce);
  res.setHeader("Content-Security-Policy", policy);
  req.headers["content-security-policy"] = policy;
  delete req.headers["content-security-policy-report-only"];
}
