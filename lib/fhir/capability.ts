// GET /fhir/r4/metadata: the CapabilityStatement, merged from each area's
// fragment so that it says exactly what the code supports (the conformance
// test fuzzes every declared search parameter and operation).
import type {
  CapabilityStatement,
  CapabilityStatementRestResource,
  CapabilityStatementRestResourceOperation,
} from "@medplum/fhirtypes";
import type { CapabilityFragment } from "./capability-types";
import { capability as auth } from "./auth/capability";
import { capability as bulk } from "./bulk/capability";
import { capability as directory } from "./directory/capability";
import { capability as his } from "./his/capability";
import { capability as scheduling } from "./scheduling/capability";
import { fhirBaseUrl } from "./systems";

export const fragments: readonly CapabilityFragment[] = [directory, bulk, scheduling, his, auth];

/** Resources of the same type from several areas become one entry (interactions, params, operations joined). */
function mergeResources(all: CapabilityStatementRestResource[]): CapabilityStatementRestResource[] {
  const byType = new Map<string, CapabilityStatementRestResource>();
  for (const resource of all) {
    const seen = byType.get(resource.type);
    if (!seen) {
      byType.set(resource.type, structuredClone(resource));
      continue;
    }
    const join = <T>(a: T[] | undefined, b: T[] | undefined, key: (item: T) => string) => {
      const out = [...(a ?? [])];
      for (const item of b ?? []) if (!out.some((x) => key(x) === key(item))) out.push(item);
      return out.length ? out : undefined;
    };
    seen.interaction = join(seen.interaction, resource.interaction, (i) => i.code);
    seen.searchParam = join(seen.searchParam, resource.searchParam, (p) => p.name);
    seen.searchInclude = join(seen.searchInclude, resource.searchInclude, (s) => s);
    seen.operation = join(seen.operation, resource.operation, (o) => o.name);
    if (resource.documentation)
      seen.documentation = [seen.documentation, resource.documentation].filter(Boolean).join("\n\n");
  }
  return [...byType.values()].sort((a, b) => a.type.localeCompare(b.type));
}

/** The server's CapabilityStatement (FHIR 4.0.1, JSON only). */
export function capabilityStatement(date: Date = new Date()): CapabilityStatement {
  const operations: CapabilityStatementRestResourceOperation[] = fragments.flatMap((f) => f.operations ?? []);
  const security = fragments.find((f) => f.security)?.security;
  return {
    resourceType: "CapabilityStatement",
    status: "active",
    date: date.toISOString(),
    publisher: "International Patient Portal",
    kind: "instance",
    software: { name: "International Patient Portal" },
    implementation: {
      description: "Directory, slots and booking of international services at hospitals in China",
      url: fhirBaseUrl(),
    },
    fhirVersion: "4.0.1",
    format: ["json"],
    rest: [
      {
        mode: "server",
        documentation:
          "Directory and slots are public. Booking follows IHE ITI Scheduling ($find, $hold, $book). " +
          "Hospital systems authenticate with OAuth 2.0 client credentials.",
        ...(security ? { security } : {}),
        resource: mergeResources(fragments.flatMap((f) => f.resources ?? [])),
        ...(fragments.some((f) => f.interactions?.length)
          ? { interaction: fragments.flatMap((f) => f.interactions ?? []) }
          : {}),
        ...(operations.length ? { operation: operations } : {}),
      },
    ],
  };
}
