// A labelled form control, accessible by construction: the label names it,
// the hint and the error are tied to it with aria-describedby, and an error
// marks it aria-invalid (the form's summary, a role="alert", announces it).
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { inlineInputClass, inputClass } from "./input-class";

type Wiring = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** As wide as its content instead of the whole column. */
  inline?: boolean;
  /** Extra classes for the wrapper (grid spans). */
  wrapperClassName?: string;
};

/** The aria attributes a control needs to point at its hint and error. */
export function describedBy(id: string, hint?: ReactNode, error?: string) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return { "aria-describedby": ids || undefined, "aria-invalid": error ? true : undefined };
}

function FieldShell({
  id,
  label,
  hint,
  error,
  wrapperClassName,
  children,
}: Wiring & { children: ReactNode }) {
  return (
    <div className={wrapperClassName}>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

const controlClass = (inline?: boolean, className?: string) =>
  className ?? (inline ? inlineInputClass : inputClass);

/** A labelled input (text, number, date, time, e-mail…). */
export function Field({
  id,
  label,
  hint,
  error,
  inline,
  wrapperClassName,
  className,
  ...input
}: Wiring & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell {...{ id, label, hint, error, wrapperClassName }}>
      <input
        id={id}
        className={controlClass(inline, className)}
        {...describedBy(id, hint, error)}
        {...input}
      />
    </FieldShell>
  );
}

export type Option = { value: string | number; label: string; lang?: string };

/** A labelled select from a list of options (an empty first option with `blank`). */
export function SelectField({
  id,
  label,
  hint,
  error,
  inline,
  wrapperClassName,
  className,
  options,
  blank,
  ...select
}: Wiring & SelectHTMLAttributes<HTMLSelectElement> & { options: readonly Option[]; blank?: boolean }) {
  return (
    <FieldShell {...{ id, label, hint, error, wrapperClassName }}>
      <select
        id={id}
        className={controlClass(inline, className)}
        {...describedBy(id, hint, error)}
        {...select}
      >
        {blank && <option value="" />}
        {options.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A labelled multi-line text. */
export function TextAreaField({
  id,
  label,
  hint,
  error,
  inline,
  wrapperClassName,
  className,
  ...textarea
}: Wiring & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell {...{ id, label, hint, error, wrapperClassName }}>
      <textarea
        id={id}
        className={controlClass(inline, className)}
        {...describedBy(id, hint, error)}
        {...textarea}
      />
    </FieldShell>
  );
}

/** A checkbox with its label after it (the box first, in either direction). */
export function Checkbox({
  id,
  label,
  hint,
  error,
  wrapperClassName,
  ...input
}: Omit<Wiring, "inline"> & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className={wrapperClassName}>
      <div className="flex items-start gap-2">
        <input
          id={id}
          type="checkbox"
          className="mt-1 size-4 shrink-0"
          {...describedBy(id, hint, error)}
          {...input}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
