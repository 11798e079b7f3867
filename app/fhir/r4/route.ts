// POST /fhir/r4: a hospital system's transaction Bundle of Schedule and Slot
// conditional updates (ADR 0022), with a client token holding slots:write.
import { getDb } from "@/lib/db/client";
import { requireFhirClient } from "@/lib/fhir/auth/client-auth";
import { pushTransaction } from "@/lib/fhir/his/transaction";
import { FHIR_BODY_LIMIT_BYTES, fhirJson, readFhirJson, withFhirErrors } from "@/lib/fhir/http";

export const dynamic = "force-dynamic";

export const POST = withFhirErrors(async (request) => {
  const db = getDb();
  const client = await requireFhirClient(db, request, "slots:write", "transaction");
  const body = await readFhirJson(request, FHIR_BODY_LIMIT_BYTES);
  return fhirJson(await pushTransaction(db, client, body));
});
