import { docsPage, requestNonce } from "./assets";

export const dynamic = "force-dynamic";

/** GET /api/docs: the API reference, an HTML page (Swagger UI on /api/v1/openapi.json). */
export function GET(request: Request): Response {
  return new Response(docsPage(requestNonce(request)), {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}
