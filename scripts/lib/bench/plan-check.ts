// The plans of `npm run bench`: what auto_explain reports for each statement a
// use case sends (EXPLAIN ANALYZE, BUFFERS, JSON), parsed into database time,
// buffers, and the sequential scans of large tables the bench fails on.
// Pure functions, so they are unit-tested on saved plans.

/** A plan node of EXPLAIN (FORMAT JSON); only the fields the bench reads. */
export interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Parent Relationship"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Shared Hit Blocks"?: number;
  "Shared Read Blocks"?: number;
  Plans?: PlanNode[];
  [field: string]: unknown;
}

/** One statement as auto_explain logged it. */
export interface CapturedPlan {
  /** auto_explain's duration: the statement's execution time in the server, in ms. */
  durationMs: number;
  queryText: string;
  plan: PlanNode;
}

/**
 * Parses one auto_explain message ("duration: 1.23 ms  plan:\n{json}"), as the
 * server sends it to the client when auto_explain.log_level = notice. Null for
 * any other notice.
 */
export function parseAutoExplain(message: string): CapturedPlan | null {
  const match = /^duration: ([\d.]+) ms\s+plan:\s*\n?([\s\S]*)$/.exec(message);
  if (!match) return null;
  try {
    const body = JSON.parse(match[2]!) as { "Query Text"?: string; Plan?: PlanNode };
    if (!body.Plan) return null;
    return { durationMs: Number(match[1]), queryText: body["Query Text"] ?? "", plan: body.Plan };
  } catch {
    return null;
  }
}

/** Shared buffers the statement touched (hit + read), from its top node (EXPLAIN's counts include children). */
export function sharedBuffers(plan: PlanNode): number {
  return (plan["Shared Hit Blocks"] ?? 0) + (plan["Shared Read Blocks"] ?? 0);
}

export interface LargeSeqScan {
  relation: string;
  /** How the node is reached from the top, e.g. "Limit > Sort > Seq Scan on institution". */
  path: string;
  rows: number;
}

/** Every Seq Scan (parallel ones too) of a table with more than `threshold` rows in `tableRows`. */
export function largeSeqScans(
  plan: PlanNode,
  tableRows: ReadonlyMap<string, number>,
  threshold: number,
): LargeSeqScan[] {
  const found: LargeSeqScan[] = [];
  const visit = (node: PlanNode, trail: string[]) => {
    const label = node["Relation Name"]
      ? `${node["Node Type"]} on ${node["Relation Name"]}`
      : node["Node Type"];
    const here = [...trail, label];
    const relation = node["Relation Name"];
    if (node["Node Type"] === "Seq Scan" && relation && (tableRows.get(relation) ?? 0) > threshold)
      found.push({ relation, path: here.join(" > "), rows: tableRows.get(relation)! });
    for (const child of node.Plans ?? []) visit(child, here);
  };
  visit(plan, []);
  return found;
}

/** The first line of a statement's text, shortened: enough to name it in a failure. */
export function statementName(queryText: string, max = 140): string {
  const flat = queryText.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** One use-case call's figures: its statements, their summed execution time and buffers. */
export interface CallFigures {
  statements: number;
  dbMs: number;
  buffers: number;
}

export function callFigures(plans: readonly CapturedPlan[]): CallFigures {
  return {
    statements: plans.length,
    dbMs: plans.reduce((sum, p) => sum + p.durationMs, 0),
    buffers: plans.reduce((sum, p) => sum + sharedBuffers(p.plan), 0),
  };
}

/** The plan as indented text (node type, relation, rows, time, buffers), for printing the worst one. */
export function planText(plan: PlanNode): string {
  const lines: string[] = [];
  const visit = (node: PlanNode, depth: number) => {
    const parts = [node["Node Type"]];
    if (node["Relation Name"]) parts.push(`on ${node["Relation Name"]}`);
    if (typeof node["Index Name"] === "string") parts.push(`using ${node["Index Name"]}`);
    const time = node["Actual Total Time"];
    const detail = [
      `rows=${node["Actual Rows"] ?? "?"}`,
      `loops=${node["Actual Loops"] ?? "?"}`,
      typeof time === "number" ? `time=${time.toFixed(2)}ms` : "",
      `buffers=${sharedBuffers(node)}`,
    ].filter(Boolean);
    lines.push(`${"  ".repeat(depth)}-> ${parts.join(" ")} (${detail.join(" ")})`);
    for (const child of node.Plans ?? []) visit(child, depth + 1);
  };
  visit(plan, 0);
  return lines.join("\n");
}
