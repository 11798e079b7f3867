// A message box: `status` (polite, for news such as "saved") or `alert`
// (assertive, for errors). The role is what makes a screen reader say it.
import type { ReactNode } from "react";
import type { BadgeTone } from "./status-badge";

const tones: Record<BadgeTone, string> = {
  neutral: "border-slate-300 bg-slate-50",
  good: "border-emerald-300 bg-emerald-50 text-emerald-900",
  warning: "border-amber-300 bg-amber-50 text-amber-900",
  bad: "border-red-300 bg-red-50 text-red-900",
};

type Props = {
  tone?: BadgeTone;
  role?: "status" | "alert" | "note";
  children: ReactNode;
  className?: string;
};

export function Notice({ tone = "neutral", role = "status", children, className = "p-4" }: Props) {
  return (
    <p role={role} className={`rounded border ${tones[tone]} ${className}`}>
      {children}
    </p>
  );
}
