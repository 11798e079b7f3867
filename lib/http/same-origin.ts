// One home for "was this request sent by a page of another site?": the proxy
// refuses such a POST to any page path, and a route the proxy does not run on
// (the catalogue upload, kept out of the proxy so its body is not cut at the
// proxy's copy limit) asks the same question itself.

/**
 * A request from a page of another site: its Origin names another host than
 * the one it was sent to (X-Forwarded-Host's first value, else Host), the same
 * comparison Next makes before running a server action. No Origin: a
 * hand-made request, which Next lets through too.
 */
export function isForeignOrigin(request: Pick<Request, "headers">): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  // A page sent with Referrer-Policy: no-referrer (the consoles) posts a plain <form> with
  // "Origin: null"; the browser's own Sec-Fetch-Site (no script can set it) still says whence.
  if (origin === "null" && request.headers.get("sec-fetch-site") === "same-origin") return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true; // "null" (a sandboxed frame, a file) or garbage
  }
  const forwarded = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const host = forwarded || request.headers.get("host");
  return !host || originHost !== host;
}
