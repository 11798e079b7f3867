import { getDb } from "@/lib/db/client";
import { hasDemoDataCached } from "@/lib/catalogue/has-demo-data";

/**
 * Says the catalogue is demo data whenever demo rows are present. A database
 * outage must not break the page frame, so failure renders nothing here.
 */
export async function DemoNotice({ text }: { text: string }) {
  let demo = false;
  try {
    demo = await hasDemoDataCached(getDb());
  } catch {
    return null;
  }
  if (!demo) return null;
  return (
    <p role="note" className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">
      {text}
    </p>
  );
}
