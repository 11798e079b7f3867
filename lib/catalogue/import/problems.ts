// One home for what can be wrong with one row of a catalogue file. Each code
// has a message under Import.problem.<code> in every locale that says how to
// fix it; its ICU arguments are the `params` named beside the code here, so
// the UI renders a problem without knowing the rule behind it.

export const rowProblemCodes = {
  /** A required cell is empty. Params: column. */
  required: ["column"],
  /** A cell that does not read as its column's kind. Params: column, value, expected. */
  invalid: ["column", "value", "expected"],
  /** A code (or a list item) the column does not know. Params: column, value, expected (the codes). */
  unknown_code: ["column", "value", "expected"],
  /** Longer than the column allows. Params: column, max. */
  too_long: ["column", "max"],
  /** A number outside its range. Params: column, value, min, max. */
  out_of_range: ["column", "value", "min", "max"],
  /** The same key on two rows of the file. Params: value, first (the first row with it). */
  duplicate_key: ["value", "first"],
  /** A row of a city the admin does not administer (or an institution of one). Params: value. */
  other_city: ["value"],
  /** No city has this slug. Params: value. */
  unknown_city: ["value"],
  /** A credit code neither in the catalogue nor on the institutions sheet. Params: value. */
  unknown_institution: ["value"],
  /** No insurer has this slug. Params: value. */
  unknown_insurer: ["value"],
  /** The slug belongs (or belonged) to another institution or package. Params: column, value. */
  slug_taken: ["column", "value"],
  /** An 18-character credit code whose check character does not hold. Params: value. */
  credit_code_check: ["value"],
  /** A package's text in one language needs all five fields when first written. Params: language, column. */
  incomplete_translation: ["language", "column"],
  /** An end date before its start date. Params: column, value. */
  date_order: ["column", "value"],
  /** A row whose institution is in error on its own sheet. Params: value. */
  institution_in_error: ["value"],
} as const;

export type RowProblemCode = keyof typeof rowProblemCodes;

/** A problem the plan shows beside a row: the sheet, the spreadsheet's row number and the column key. */
export interface RowProblem {
  sheet: string;
  row: number;
  column: string | null;
  code: RowProblemCode;
  params: Record<string, string | number>;
}
