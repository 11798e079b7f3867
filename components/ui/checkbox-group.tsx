// A group of checkboxes under one question: a fieldset whose legend names the
// group, so a screen reader says "Languages, group" before each box.
import type { ReactNode } from "react";
import type { Option } from "./field";

type Props = {
  legend: ReactNode;
  /** Each box's name and id: `${prefix}${value}` (the form reads one key per box). */
  prefix: string;
  options: readonly Option[];
  checked?: readonly string[];
  className?: string;
};

export function CheckboxGroup({ legend, prefix, options, checked, className }: Props) {
  return (
    <fieldset className={className}>
      <legend className="font-medium">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => (
          <div key={o.value} className="flex items-center gap-1">
            <input
              id={`${prefix}${o.value}`}
              name={`${prefix}${o.value}`}
              type="checkbox"
              defaultChecked={checked?.includes(String(o.value))}
              className="size-4"
            />
            <label htmlFor={`${prefix}${o.value}`} lang={o.lang}>
              {o.label}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
