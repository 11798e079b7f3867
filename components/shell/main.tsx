// The page's one <main>, the skip link's target (#main), in every frame.
import type { ReactNode } from "react";

export function Main({ children }: { children: ReactNode }) {
  return (
    <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 focus:outline-none">
      {children}
    </main>
  );
}
