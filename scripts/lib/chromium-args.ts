// One home for the switches Debian's Chromium needs here (STACK.md, "Browser tests"): headless as
// root without a sandbox or GPU, and no background traffic into the closed network. Used by the
// e2e tests (playwright.config.ts) and by `npm run bench:web` (Lighthouse).
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
] as const;
