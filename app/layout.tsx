import type { ReactNode } from "react";
import "./globals.css";

// The <html> element is rendered by app/[locale]/layout.tsx, which knows the
// language and direction; this root layout only passes its children through.
export default function RootLayout({ children }: { children: ReactNode }) {
  return children;
}
