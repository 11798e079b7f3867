// Validates sitemaps with libxml2 (xmllint-wasm) against the sitemaps.org schemas vendored in
// tests/fixtures/sitemaps: the index against siteindex.xsd, a sitemap against sitemap.xsd with
// the xhtml:link of its hreflang alternates.
import { readFileSync } from "node:fs";
import path from "node:path";
import { validateXML } from "xmllint-wasm";

const dir = path.join(import.meta.dirname, "../fixtures/sitemaps");
const file = (fileName: string) => ({ fileName, contents: readFileSync(path.join(dir, fileName), "utf8") });

/** libxml2's messages for each problem with the document; [] when it is valid. */
export async function sitemapErrors(xml: string, kind: "index" | "sitemap"): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: `${kind}.xml`, contents: xml }],
    schema: [file(kind === "index" ? "siteindex.xsd" : "sitemap-with-hreflang.xsd")],
    preload: kind === "index" ? [] : [file("sitemap.xsd"), file("xhtml-link.xsd")],
    maxMemoryPages: 4096,
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
