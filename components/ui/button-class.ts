// The look of a button (also for a link that acts as one): a tone, a size and
// a visible focus ring. Server components use it for links; <Button> for buttons.
export type Tone = "primary" | "danger" | "quiet";

const tones: Record<Tone, string> = {
  primary: "bg-brand-700 text-white hover:bg-brand-800",
  danger: "bg-red-700 text-white hover:bg-red-800",
  quiet: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
};

const sizes = { small: "px-3 py-1", medium: "px-4 py-2" };

export function buttonClass(tone: Tone = "primary", size: keyof typeof sizes = "medium"): string {
  return `rounded ${sizes[size]} font-medium focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60 ${tones[tone]}`;
}
