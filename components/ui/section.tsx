// A titled part of a page: <section> named by its heading (aria-labelledby),
// an optional intro, then its content. FormSection adds a console form
// posting to a server action (ActionForm: pending state, announced answer).
import type { ReactNode } from "react";
import { ActionForm, type ActionFormProps } from "@/components/staff/action-form";

type SectionProps = {
  id: string;
  title: ReactNode;
  intro?: ReactNode;
  children?: ReactNode;
  className?: string;
  /** Heading level 2 (a page's part) or 3 (a part of a part). */
  level?: 2 | 3;
};

export function Section({ id, title, intro, children, className, level = 2 }: SectionProps) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={id} className={className ?? "space-y-3"}>
      <Heading id={id} className={level === 2 ? "text-xl font-semibold" : "font-semibold"}>
        {title}
      </Heading>
      {intro && <p className="max-w-3xl text-sm text-slate-700">{intro}</p>}
      {children}
    </section>
  );
}

/** A section whose content is one form (and, before it, anything in `before`). */
export function FormSection({
  id,
  title,
  intro,
  before,
  className,
  level,
  ...form
}: Omit<SectionProps, "children"> & ActionFormProps & { before?: ReactNode }) {
  return (
    <Section id={id} title={title} intro={intro} className={className} level={level}>
      {before}
      <ActionForm {...form} />
    </Section>
  );
}
