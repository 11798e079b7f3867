"use client";

/** Opens the browser's print dialog (the guide has a print layout). */
export function PrintButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-50 print:hidden"
    >
      {label}
    </button>
  );
}
