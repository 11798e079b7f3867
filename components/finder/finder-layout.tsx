// The frame of a finder page (hospitals, packages): the title, the notice of
// ignored parameters, the filter form beside the results, and the results'
// count announced politely when it changes.
import type { InputHTMLAttributes, ReactNode } from "react";
import { Field } from "@/components/ui/field";
import { DroppedFiltersNotice } from "./dropped-filters-notice";
import { FinderForm } from "./finder-form";

type Props = {
  title: string;
  intro: string;
  dropped: string[];
  /** The form's target (the page's own path in this locale). */
  action: string;
  filtersTitle: string;
  /** Prefix of the two headings' ids ("" or "package-"). */
  idPrefix?: string;
  filters: ReactNode;
  resultCount: string;
  children: ReactNode;
};

export function FinderLayout(p: Props) {
  const prefix = p.idPrefix ?? "";
  return (
    <div>
      <h1 className="text-3xl font-bold text-brand-800">{p.title}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{p.intro}</p>
      <DroppedFiltersNotice fields={p.dropped} />
      <div className="mt-6 grid gap-8 lg:grid-cols-[18rem_1fr]">
        <section aria-labelledby={`${prefix}filters-heading`}>
          <h2 id={`${prefix}filters-heading`} className="sr-only">
            {p.filtersTitle}
          </h2>
          <FinderForm action={p.action} label={p.filtersTitle}>
            {p.filters}
          </FinderForm>
        </section>
        <section aria-labelledby={`${prefix}results-heading`}>
          <h2 id={`${prefix}results-heading`} className="text-xl font-semibold" aria-live="polite">
            {p.resultCount}
          </h2>
          {p.children}
        </section>
      </div>
    </div>
  );
}

/** A finder's text or number input: id `filter-<name>`, the compact look of the filter column. */
export function FinderField({
  name,
  label,
  hint,
  ...input
}: { name: string; label: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field
      id={`filter-${name}`}
      name={name}
      label={<span className="text-sm">{label}</span>}
      hint={hint && <span className="text-xs">{hint}</span>}
      className="mt-1 w-full rounded border border-slate-300 px-2 py-1.5"
      {...input}
    />
  );
}

/** When nothing is found: the title, then whatever helps (suggestions, a way to clear the filters). */
export function NoResults({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mt-4 rounded border border-slate-200 p-4">
      <p className="font-medium">{title}</p>
      {children}
    </div>
  );
}
