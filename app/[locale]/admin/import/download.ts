import "server-only";
// A catalogue file as a download: which one the query asks for, its content
// type, and a file name that is plain ASCII so every browser keeps it.
import { z } from "zod";
import { entityKeys } from "@/lib/catalogue/import/columns";
import { catalogueContentType } from "@/lib/catalogue/import/write-file";

export const fileFormat = z.enum(["xlsx", "csv"]);
export type FileFormat = z.output<typeof fileFormat>;

/** Which file: the whole workbook (XLSX only) or one entity's sheet or CSV. */
export const downloadQuery = z
  .object({
    entity: z.enum(["all", ...entityKeys]).default("all"),
    format: fileFormat.default("xlsx"),
    city: z.string().max(80).optional(),
  })
  .refine((q) => q.format === "xlsx" || q.entity !== "all", { path: ["entity"], message: "invalid" });

/** The file as an attachment named `fileName` (kept to letters, digits, dots and dashes). */
export function fileResponse(bytes: Uint8Array, fileName: string, format: FileFormat): Response {
  return new Response(new Blob([new Uint8Array(bytes)]), {
    headers: {
      "Content-Type": catalogueContentType(format),
      "Content-Disposition": `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "-")}"`,
      "Cache-Control": "no-store",
    },
  });
}
