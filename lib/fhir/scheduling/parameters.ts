// What an operation's caller sent, read the same way for GET (the query) and
// POST (a Parameters resource, or a bare resource for operations that take
// one): name → values, each value a string (GET, value[x] of a primitive), a
// reference, or a resource. The operations' parsers ($find, $hold, $book) turn
// these into their use cases' typed input; nothing here knows their rules.
import type { Parameters, ParametersParameter, Resource } from "@medplum/fhirtypes";
import { AppError } from "../../errors";

export type ParamValue =
  | { kind: "string"; value: string }
  | { kind: "reference"; value: string }
  | { kind: "coding"; system?: string; value: string }
  | { kind: "resource"; value: Resource };

export interface OperationInput {
  /** Every value sent under `name`, in order. */
  all(name: string): ParamValue[];
  /** The names sent, for reporting unknown ones. */
  names(): string[];
  /** The resource sent as the whole body (POST of a bare resource), if any. */
  body?: Resource;
}

const PRIMITIVE = [
  "valueString",
  "valueCode",
  "valueDateTime",
  "valueDate",
  "valueInstant",
  "valueUri",
  "valueCanonical",
  "valueId",
  "valueInteger",
  "valuePositiveInt",
  "valueUnsignedInt",
  "valueBoolean",
  "valueDecimal",
] as const;

function valueOf(p: ParametersParameter, index: number): ParamValue {
  if (p.resource && typeof p.resource === "object") return { kind: "resource", value: p.resource };
  if (p.valueReference && typeof p.valueReference.reference === "string")
    return { kind: "reference", value: p.valueReference.reference };
  if (p.valueCoding && typeof p.valueCoding.code === "string")
    return { kind: "coding", system: p.valueCoding.system, value: p.valueCoding.code };
  const coding = p.valueCodeableConcept?.coding?.[0];
  if (coding && typeof coding.code === "string")
    return { kind: "coding", system: coding.system, value: coding.code };
  for (const key of PRIMITIVE) {
    const v = (p as unknown as Record<string, unknown>)[key];
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean")
      return { kind: "string", value: String(v) };
  }
  throw new AppError("VALIDATION_FAILED", { fields: { [`Parameters.parameter[${index}]`]: "invalid" } });
}

function fromEntries(entries: [string, ParamValue][], body?: Resource): OperationInput {
  return {
    all: (name) => entries.filter(([n]) => n === name).map(([, v]) => v),
    names: () => [...new Set(entries.map(([n]) => n))],
    body,
  };
}

/** Query parameters every FHIR request may carry: the format and the messages' language (fhirLocale). */
const GENERAL = new Set(["_format", "locale"]);

/** A GET operation's query parameters, without the general ones. */
export function queryInput(url: URL): OperationInput {
  const entries: [string, ParamValue][] = [];
  for (const [name, value] of url.searchParams) {
    if (GENERAL.has(name)) continue;
    entries.push([name, { kind: "string", value }]);
  }
  return fromEntries(entries);
}

/**
 * A POST operation's body: a Parameters resource, or (`bareResource`) the one
 * resource the operation takes. VALIDATION_FAILED naming `resourceType` for anything else.
 */
export function bodyInput(body: unknown, bareResource?: string): OperationInput {
  const type =
    body && typeof body === "object" ? (body as { resourceType?: unknown }).resourceType : undefined;
  if (type === "Parameters") {
    const parameter = (body as Parameters).parameter;
    if (parameter !== undefined && !Array.isArray(parameter))
      throw new AppError("VALIDATION_FAILED", { fields: { "Parameters.parameter": "invalid" } });
    const entries: [string, ParamValue][] = [];
    (parameter ?? []).forEach((p, i) => {
      if (!p || typeof p !== "object" || typeof p.name !== "string")
        throw new AppError("VALIDATION_FAILED", { fields: { [`Parameters.parameter[${i}]`]: "invalid" } });
      entries.push([p.name, valueOf(p, i)]);
    });
    return fromEntries(entries);
  }
  if (bareResource && type === bareResource) return fromEntries([], body as Resource);
  throw new AppError("VALIDATION_FAILED", { fields: { resourceType: "invalid" } });
}

/** The one value of `name` as a string (a reference's text too), undefined when absent. */
export function oneString(input: OperationInput, name: string): string | undefined {
  const [first] = input.all(name);
  if (!first) return undefined;
  if (first.kind === "resource") throw new AppError("VALIDATION_FAILED", { fields: { [name]: "invalid" } });
  return first.value;
}

/** Parameters an operation or search does not know: VALIDATION_FAILED naming each ("unknown"). */
export function refuseUnknownNames(names: readonly string[], known: readonly string[]): void {
  const unknown = [...new Set(names)].filter((n) => !known.includes(n));
  if (unknown.length)
    throw new AppError("VALIDATION_FAILED", {
      fields: Object.fromEntries(unknown.slice(0, 10).map((n) => [n, "unknown" as const])),
    });
}

/** Parameters this operation does not know: VALIDATION_FAILED naming each ("unknown"). */
export function refuseUnknown(input: OperationInput, known: readonly string[]): void {
  refuseUnknownNames(input.names(), known);
}
