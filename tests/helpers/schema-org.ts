// Checks a page's JSON-LD against schema.org, offline: the document is expanded
// by the jsonld library (safe mode: a term it would drop is an error) against
// schema.org's own context, vendored in tests/fixtures/schema-org, and every
// type, property and enumeration value of the expanded graph must be defined in
// the vendored vocabulary (tests/fixtures/schema-org/vocabulary.json): each
// property on a type in its domain, each value of a type in its range, each
// enumeration value a member of the property's enumeration, nothing superseded.
import { readFileSync } from "node:fs";
import path from "node:path";
import jsonld from "jsonld";

const dir = path.join(import.meta.dirname, "../fixtures/schema-org");
const context = JSON.parse(readFileSync(path.join(dir, "context.jsonld"), "utf8")) as object;

export interface Vocabulary {
  release: string;
  dataTypes: string[];
  classes: Record<string, string[]>;
  properties: Record<string, { domains: string[]; ranges: string[] }>;
  members: Record<string, string[]>;
  superseded: string[];
}

export const vocabulary = JSON.parse(readFileSync(path.join(dir, "vocabulary.json"), "utf8")) as Vocabulary;
const superseded = new Set(vocabulary.superseded);

/** The class and all its superclasses. */
function ancestors(type: string, seen = new Set<string>()): Set<string> {
  if (seen.has(type)) return seen;
  seen.add(type);
  for (const parent of vocabulary.classes[type] ?? []) ancestors(parent, seen);
  return seen;
}

const isA = (types: string[], wanted: readonly string[]) =>
  types.some((t) => wanted.some((w) => ancestors(t).has(w)));

/** A schema.org term's name from its IRI (http or https), or null when it is not schema.org's. */
function term(iri: string): string | null {
  const m = /^https?:\/\/schema\.org\/([^/#?]+)$/.exec(iri);
  return m ? m[1]! : null;
}

type Expanded = Record<string, unknown>;

/** Every problem of the document, as "path: what is wrong"; [] when it uses schema.org correctly. */
export async function schemaOrgProblems(document: object): Promise<string[]> {
  const expanded = (await jsonld.expand(
    document as jsonld.JsonLdDocument,
    {
      safe: true,
      documentLoader: async (url: string) => {
        if (!/^https?:\/\/schema\.org\/?$/.test(url)) throw new Error(`no network in tests: ${url}`);
        return { document: context, documentUrl: url, contextUrl: undefined };
      },
    } as jsonld.Options.Expand,
  )) as Expanded[];
  const problems: string[] = [];
  for (const node of expanded) checkNode(node, "$", problems);
  return problems;
}

function checkNode(node: Expanded, at: string, problems: string[]): string[] {
  const types: string[] = [];
  for (const iri of (node["@type"] as string[] | undefined) ?? []) {
    const name = term(iri);
    if (!name || !vocabulary.classes[name]) problems.push(`${at}: unknown type ${iri}`);
    else if (superseded.has(name)) problems.push(`${at}: superseded type ${name}`);
    else types.push(name);
  }
  if (types.length === 0 && Object.keys(node).some((k) => !k.startsWith("@")))
    problems.push(`${at}: a node with properties but no schema.org type`);
  for (const [key, values] of Object.entries(node)) {
    if (key.startsWith("@")) continue;
    const name = term(key);
    const property = name ? vocabulary.properties[name] : undefined;
    const here = `${at}.${name ?? key}`;
    if (!name || !property) {
      problems.push(`${here}: unknown property ${key}`);
      continue;
    }
    if (superseded.has(name)) problems.push(`${here}: superseded property`);
    if (types.length > 0 && !isA(types, property.domains))
      problems.push(
        `${here}: not a property of ${types.join(", ")} (domain: ${property.domains.join(", ")})`,
      );
    for (const [i, value] of (values as Expanded[]).entries())
      checkValue(value, property.ranges, `${here}[${i}]`, problems);
  }
  return types;
}

function checkValue(value: Expanded, ranges: string[], at: string, problems: string[]) {
  const enumerations = ranges.filter((r) => ancestors(r).has("Enumeration"));
  const literal = ranges.some((r) => isA([r], vocabulary.dataTypes) || r === "URL");
  if ("@value" in value) {
    const v = value["@value"];
    const member = typeof v === "string" ? term(v) : null;
    if (member !== null && enumerations.length > 0) {
      if (!vocabulary.members[member] || !isA(vocabulary.members[member], enumerations))
        problems.push(`${at}: ${v} is not a member of ${enumerations.join(", ")}`);
      else if (superseded.has(member)) problems.push(`${at}: superseded member ${member}`);
    } else if (!literal) {
      problems.push(`${at}: a literal (${JSON.stringify(v)}) where ${ranges.join(", ")} is expected`);
    } else if (typeof v === "number" && !isA(ranges, ["Number"]) && !ranges.includes("Text")) {
      problems.push(`${at}: a number where ${ranges.join(", ")} is expected`);
    }
    return;
  }
  if ("@id" in value && Object.keys(value).length === 1) return; // a reference to a node described elsewhere
  const types = checkNode(value, at, problems);
  if (types.length > 0 && !isA(types, ranges))
    problems.push(`${at}: a ${types.join(", ")} where ${ranges.join(", ")} is expected`);
}
