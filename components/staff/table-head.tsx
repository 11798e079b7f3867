/** A console table's header row: each column's label, aligned to the start or (numbers) the end; `hidden` labels are for screen readers only. */
export function TableHead({
  columns,
  cell = "p-2",
}: {
  columns: { label: string; end?: boolean; hidden?: boolean }[];
  cell?: string;
}) {
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
