"use client";

import Form from "next/form";
import type { ReactNode } from "react";

/**
 * The finder's filter form: a plain GET form that works without JavaScript.
 * With JavaScript, next/form navigates without a full reload and a changed
 * select or checkbox applies at once.
 */
export function FinderForm({
  action,
  label,
  children,
}: {
  action: string;
  label: string;
  children: ReactNode;
}) {
  return (
    <Form
      action={action}
      aria-label={label}
      className="space-y-4"
      onChange={(event) => {
        const target = event.target as HTMLElement;
        if (
          target instanceof HTMLSelectElement ||
          (target instanceof HTMLInputElement && target.type === "checkbox")
        ) {
          event.currentTarget.requestSubmit();
        }
      }}
    >
      {children}
    </Form>
  );
}
