"use client";
// Frames a layout's children unless the route below it has a frame of its own.
// The patient site's header and footer wrap every page but the two consoles,
// which draw their own header (components/console/console-header.tsx). The
// choice follows the selected segment, so it is right in the server's HTML
// (no JavaScript needed) and after every client-side navigation, where a
// layout above the change is not rendered again.
import { useSelectedLayoutSegment } from "next/navigation";
import type { ReactNode } from "react";
import { Main } from "./main";

type Props = {
  /** Segments directly below the layout that frame themselves ("staff", "(console)"). */
  framedBelow: readonly string[];
  header: ReactNode;
  footer?: ReactNode;
  children: ReactNode;
};

export function SegmentFrame({ framedBelow, header, footer, children }: Props) {
  const segment = useSelectedLayoutSegment();
  if (segment !== null && framedBelow.includes(segment)) return children;
  return (
    <>
      {header}
      <Main>{children}</Main>
      {footer}
    </>
  );
}
