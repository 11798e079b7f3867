/** A section's text as paragraphs: plain text only, so pasted markup or scripts show as text and never run. */
export function SectionBody({ text, lang }: { text: string; lang?: string }) {
  return (
    <div lang={lang} dir="auto" className="space-y-2">
      {text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((paragraph, i) => (
          <p key={i} className="whitespace-pre-line">
            {paragraph}
          </p>
        ))}
    </div>
  );
}
