"use client";

// A step's heading that takes the focus when it appears (the booking details
// page after a time is chosen, the review step after "Review your booking"),
// so a screen reader announces where the patient now is instead of nothing
// (focus left on the body, or on a button that is gone). It is focusable only
// by script (tabIndex -1): it never becomes a tab stop.
import { useEffect, useRef, type ReactNode } from "react";

export function FocusHeading({
  level,
  className,
  children,
}: {
  level: 1 | 2;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const Heading = level === 1 ? "h1" : "h2";
  return (
    <Heading
      ref={ref}
      tabIndex={-1}
      className={`${className ?? ""} focus:outline-none focus-visible:outline-none`}
    >
      {children}
    </Heading>
  );
}
