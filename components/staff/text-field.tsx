import type { InputHTMLAttributes } from "react";

type Props = { label: string; id: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>;

/** A labelled input of a console form (the label names it for screen readers and error messages). */
export function TextField({ label, id, hint, ...input }: Props) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <input id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      )}
    </div>
  );
}
