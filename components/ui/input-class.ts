// One look for every text input, select and textarea: the border turns red
// when the field is marked invalid (aria-invalid), so the error is visible
// as well as announced.
export const inputClass =
  "mt-1 block w-full rounded border border-slate-400 px-3 py-2 aria-[invalid=true]:border-red-600";

/** The same input, as wide as its content (a row of short fields: times, numbers, dates). */
export const inlineInputClass =
  "mt-1 block rounded border border-slate-400 px-3 py-2 aria-[invalid=true]:border-red-600";
