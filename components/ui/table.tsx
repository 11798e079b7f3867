// A data table: a caption names it (for screen readers only unless shown),
// header cells carry scope="col", and columns align to the start, numbers to
// the end, in either direction. Rows use <RowHeader> for their first cell.
import type { HTMLAttributes, ReactNode } from "react";

export type Column = { label: string; end?: boolean; hidden?: boolean };

/** A table's header row: `hidden` labels are for screen readers only. */
export function TableHead({ columns, cell = "p-2" }: { columns: readonly Column[]; cell?: string }) {
  return (
    <thead>
      <tr className="border-b border-slate-300">
        {columns.map((c, i) => (
          <th key={i} scope="col" className={`${cell} ${c.end ? "text-end" : "text-start"}`}>
            {c.hidden ? <span className="sr-only">{c.label}</span> : c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

type Props = {
  /** What the table holds; or `labelledBy`, the id of a heading that already says it. */
  caption?: string;
  labelledBy?: string;
  showCaption?: boolean;
  columns: readonly Column[];
  children: ReactNode;
  className?: string;
  cell?: string;
  /** Scrolls sideways inside its own box on a narrow screen. */
  scroll?: boolean;
};

export function Table({ caption, showCaption, columns, children, className, cell, scroll }: Props) {
  const table = (
    <table className={className ?? "w-full border-collapse text-sm"}>
      <caption className={showCaption ? "p-2 text-start text-base font-semibold" : "sr-only"}>
        {caption}
      </caption>
      <TableHead columns={columns} cell={cell} />
      <tbody>{children}</tbody>
    </table>
  );
  // `relative`: a screen-reader-only header (position: absolute) would otherwise be placed against
  // the page, past the scrolling box, and make the whole page scroll sideways on a phone.
  return scroll ? <div className="relative overflow-x-auto">{table}</div> : table;
}

/** The cell that names its row (scope="row"). */
export function RowHeader({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <th scope="row" className={className ?? "p-2 text-start font-medium"}>
      {children}
    </th>
  );
}

/** A table's row with the kit's border. */
export function Row({ children, ...rest }: { children: ReactNode } & HTMLAttributes<HTMLTableRowElement>) {
  return (
    <tr className="border-b border-slate-200" {...rest}>
      {children}
    </tr>
  );
}

/** A plain cell; `end` aligns a number to the end. */
export function Cell({
  children,
  end,
  className,
}: {
  children?: ReactNode;
  end?: boolean;
  className?: string;
}) {
  return <td className={className ?? `p-2${end ? " text-end tabular-nums" : ""}`}>{children}</td>;
}
