"use client";

// Buttons of the kit: always a real <button> (keyboard, form submission and
// the accessible name come with it), a visible focus ring, and in a form
// posting to a server action the pending state from useFormStatus.
import type { ButtonHTMLAttributes, ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { buttonClass, type Tone } from "./button-class";

type Props = { tone?: Tone; size?: "small" | "medium" } & ButtonHTMLAttributes<HTMLButtonElement>;

export function Button({ tone, size, type = "button", className, ...rest }: Props) {
  return <button type={type} className={className ?? buttonClass(tone, size)} {...rest} />;
}

/** Submits its form; while the server action runs it is disabled and says `pendingLabel`. */
export function SubmitButton({
  children,
  pendingLabel,
  tone,
  size,
  className,
  ...rest
}: Props & { pendingLabel?: ReactNode }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending || rest.disabled}
      aria-disabled={pending || undefined}
      className={className ?? buttonClass(tone, size)}
      {...rest}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
