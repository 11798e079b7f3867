// A short state in a coloured pill (booking status, guarantee, listing). The
// colour only repeats what the text says, so nothing depends on seeing it.
import type { ReactNode } from "react";

export type BadgeTone = "neutral" | "good" | "warning" | "bad";

const tones: Record<BadgeTone, string> = {
  neutral: "border-slate-300 bg-slate-50 text-slate-800",
  good: "border-emerald-300 bg-emerald-50 text-emerald-900",
  warning: "border-amber-300 bg-amber-50 text-amber-900",
  bad: "border-red-300 bg-red-50 text-red-900",
};

export function StatusBadge({ tone = "neutral", children }: { tone?: BadgeTone; children: ReactNode }) {
  return (
    <span className={`inline-block rounded-full border px-2 py-0.5 text-sm font-medium ${tones[tone]}`}>
      {children}
    </span>
  );
}
