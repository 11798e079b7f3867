// The API's reference page (/api/docs): Swagger UI, a kept renderer, reading
// the OpenAPI document this server generates (/api/v1/openapi.json). Its files
// are served from the installed swagger-ui-dist package (never a CDN: no
// request leaves the portal), and the page's scripts carry the request's CSP
// nonce (lib/http/security-headers.ts).
import { readFile } from "node:fs/promises";
import path from "node:path";
import getAbsoluteFSPath from "swagger-ui-dist/absolute-path.js";

/** Starts Swagger UI on the page's #docs element, on this server's document. */
const INIT = `window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/api/v1/openapi.json",
    dom_id: "#docs",
    deepLinking: true,
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    presets: [SwaggerUIBundle.presets.apis],
  });
});
`;

const ASSETS = {
  "swagger-ui.css": { type: "text/css; charset=utf-8", file: "swagger-ui.css" },
  "swagger-ui-bundle.js": { type: "text/javascript; charset=utf-8", file: "swagger-ui-bundle.js" },
  "init.js": { type: "text/javascript; charset=utf-8", text: INIT },
} as const satisfies Record<string, { type: string; file?: string; text?: string }>;

export type AssetName = keyof typeof ASSETS;

export const isAssetName = (name: string): name is AssetName => Object.hasOwn(ASSETS, name);

/** The asset's bytes and content type (read once per process). */
const loaded = new Map<AssetName, Promise<Buffer>>();
export async function asset(name: AssetName): Promise<{ body: Buffer; type: string }> {
  const entry: { type: string; file?: string; text?: string } = ASSETS[name];
  let body = loaded.get(name);
  if (!body) {
    body = entry.file
      ? readFile(path.join(getAbsoluteFSPath(), entry.file))
      : Promise.resolve(Buffer.from(entry.text ?? "", "utf8"));
    loaded.set(name, body);
  }
  return { body: await body, type: entry.type };
}

const escapeAttribute = (value: string) => value.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The nonce the server put in the request's Content-Security-Policy, if any. */
export function requestNonce(request: Request): string | undefined {
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(request.headers.get("content-security-policy") ?? "")?.[1];
}

export function docsPage(nonce: string | undefined): string {
  const n = nonce ? ` nonce="${escapeAttribute(nonce)}"` : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>International Patient Portal API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<main>
<h1 style="font-family:system-ui,sans-serif;margin:1rem 1.25rem 0">International Patient Portal API</h1>
<p style="font-family:system-ui,sans-serif;margin:.5rem 1.25rem">The reference below is rendered from <a href="/api/v1/openapi.json">the OpenAPI 3.1 document</a>.</p>
<noscript><p>This page needs JavaScript; <a href="/api/v1/openapi.json">the OpenAPI document</a> is plain JSON.</p></noscript>
<div id="docs"></div>
</main>
<script src="/api/docs/swagger-ui-bundle.js"${n}></script>
<script src="/api/docs/init.js"${n}></script>
</body>
</html>
`;
}
