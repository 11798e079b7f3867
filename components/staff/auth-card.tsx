// The narrow card of the staff sign-in, password reset and set-password
// pages: a title, an intro, an optional notice, one form, and a link below.
import type { ReactNode } from "react";
import { ActionForm, type ActionFormProps } from "@/components/staff/action-form";

type Props = ActionFormProps & { title: string; intro: string; notice?: ReactNode; after?: ReactNode };

export function AuthCard({ title, intro, notice, after, ...form }: Props) {
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold text-brand-800">{title}</h1>
      <p className="mt-2 text-slate-700">{intro}</p>
      {notice}
      <ActionForm className="mt-6 space-y-4" {...form} />
      {after && <p className="mt-6">{after}</p>}
    </div>
  );
}
