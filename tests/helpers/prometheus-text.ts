// A strict reader of the Prometheus text exposition format 0.0.4, written from
// the format's specification (prometheus.io/docs/instrumenting/exposition_formats)
// rather than from prom-client, which writes the text under test. No kept
// parser of the format is installed here (prom-client has none), so the tests
// check every line against the format's grammar with this reader and then
// compare the values it read with prom-client's own structured view
// (Registry.getMetricsAsJSON) of the same registry.
//
// It throws on: a line that is neither a HELP, a TYPE, a comment, a blank line
// nor a sample; a metric or label name outside [a-zA-Z_:][a-zA-Z0-9_:]* /
// [a-zA-Z_][a-zA-Z0-9_]*; a label value with an escape other than \\ \" \n; a
// value that is not a float as Go's ParseFloat reads it (NaN, +Inf, -Inf in any case); a second TYPE or
// HELP for a family, or a TYPE after its samples; a family's samples not
// together; the same series twice; a histogram without +Inf, with buckets that
// decrease, or whose +Inf bucket is not its _count; a counter that is negative.

export type MetricType = "counter" | "gauge" | "histogram" | "summary" | "untyped";

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: MetricType;
  help?: string;
  samples: Sample[];
}

const METRIC_NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const LABEL_NAME = "[a-zA-Z_][a-zA-Z0-9_]*";
const LABEL_VALUE = '"(?:[^"\\\\\\n]|\\\\[\\\\"n])*"';
// Go's strconv.ParseFloat, which the format names: NaN and Inf in any case, Infinity too.
const FLOAT =
  "(?:[+-]?(?:[iI][nN][fF](?:[iI][nN][iI][tT][yY])?|[nN][aA][nN])|[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)";
const HELP = new RegExp(`^# HELP (${METRIC_NAME}) ((?:[^\\\\\\n]|\\\\[\\\\n])*)$`);
const TYPE = new RegExp(`^# TYPE (${METRIC_NAME}) (counter|gauge|histogram|summary|untyped)$`);
const SAMPLE = new RegExp(
  `^(${METRIC_NAME})(?:\\{((?:${LABEL_NAME}=${LABEL_VALUE})(?:,${LABEL_NAME}=${LABEL_VALUE})*,?)?\\})? (${FLOAT})(?: (-?\\d+))?$`,
);
const LABEL = new RegExp(`(${LABEL_NAME})=(${LABEL_VALUE})`, "g");

function unescape(text: string): string {
  return text.replace(/\\([\\"n])/g, (_m, c: string) => (c === "n" ? "\n" : c));
}

function parseFloatStrict(text: string): number {
  if (/^\+?inf(inity)?$/i.test(text)) return Number.POSITIVE_INFINITY;
  if (/^-inf(inity)?$/i.test(text)) return Number.NEGATIVE_INFINITY;
  if (/^[+-]?nan$/i.test(text)) return Number.NaN;
  return Number(text);
}

/** The family a sample belongs to: histogram and summary samples carry a suffix. */
function familyOf(name: string, families: Map<string, Family>): Family | undefined {
  if (families.has(name)) return families.get(name);
  const base = name.replace(/_(bucket|sum|count)$/, "");
  const family = families.get(base);
  return family && (family.type === "histogram" || family.type === "summary") ? family : undefined;
}

/** Reads a whole exposition, or throws naming the line that breaks the format. */
export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const closed = new Set<string>();
  const series = new Set<string>();
  const typed = new Set<string>();
  let current: Family | undefined;
  if (!text.endsWith("\n")) throw new Error("the exposition does not end with a line feed");
  const lines = text.slice(0, -1).split("\n");
  lines.forEach((line, index) => {
    const where = `line ${index + 1} (${JSON.stringify(line.slice(0, 120))})`;
    const declare = (name: string): Family => {
      if (closed.has(name) || families.get(name)?.samples.length)
        throw new Error(`${where}: ${name} is declared after its samples`);
      let family = families.get(name);
      if (!family) {
        family = { name, type: "untyped", samples: [] };
        families.set(name, family);
      }
      return family;
    };
    if (line === "") return;
    let m = HELP.exec(line);
    if (m) {
      const family = declare(m[1]!);
      if (family.help !== undefined) throw new Error(`${where}: a second HELP for ${m[1]}`);
      family.help = unescape(m[2]!);
      return;
    }
    m = TYPE.exec(line);
    if (m) {
      const family = declare(m[1]!);
      if (typed.has(family.name)) throw new Error(`${where}: a second TYPE for ${m[1]}`);
      typed.add(family.name);
      family.type = m[2] as MetricType;
      return;
    }
    if (line.startsWith("#")) {
      if (/^# (HELP|TYPE)\b/.test(line)) throw new Error(`${where}: a malformed HELP or TYPE line`);
      return; // any other comment
    }
    m = SAMPLE.exec(line);
    if (!m) throw new Error(`${where}: not a sample line`);
    const name = m[1]!;
    let family = familyOf(name, families);
    if (!family) {
      family = { name, type: "untyped", samples: [] };
      families.set(name, family);
    }
    if (current && current !== family) closed.add(current.name);
    if (closed.has(family.name)) throw new Error(`${where}: the samples of ${family.name} are not together`);
    current = family;
    const labels: Record<string, string> = {};
    for (const [, label, value] of (m[2] ?? "").matchAll(LABEL)) {
      if (label! in labels) throw new Error(`${where}: label ${label} twice`);
      labels[label!] = unescape(value!.slice(1, -1));
    }
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (series.has(key)) throw new Error(`${where}: the same series twice`);
    series.add(key);
    const value = parseFloatStrict(m[3]!);
    if (family.type === "counter" && !(value >= 0)) throw new Error(`${where}: a counter below 0`);
    family.samples.push({ name, labels, value });
  });
  for (const family of families.values()) if (family.type === "histogram") checkHistogram(family);
  return families;
}

function checkHistogram(family: Family): void {
  const groups = new Map<string, Sample[]>();
  for (const s of family.samples) {
    const { le: _le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  for (const [key, samples] of groups) {
    const buckets = samples.filter((s) => s.name === `${family.name}_bucket`);
    const count = samples.find((s) => s.name === `${family.name}_count`);
    const sum = samples.find((s) => s.name === `${family.name}_sum`);
    if (!count || !sum || buckets.length === 0)
      throw new Error(`${family.name}${key}: a histogram needs _bucket, _sum and _count`);
    if (buckets.some((b) => b.labels.le === undefined))
      throw new Error(`${family.name}${key}: a bucket without le`);
    const sorted = [...buckets].sort(
      (a, b) => parseFloatStrict(a.labels.le!) - parseFloatStrict(b.labels.le!),
    );
    for (let i = 1; i < sorted.length; i++)
      if (sorted[i]!.value < sorted[i - 1]!.value) throw new Error(`${family.name}${key}: buckets decrease`);
    const inf = sorted.at(-1)!;
    if (inf.labels.le !== "+Inf") throw new Error(`${family.name}${key}: no +Inf bucket`);
    if (inf.value !== count.value) throw new Error(`${family.name}${key}: +Inf bucket is not _count`);
  }
}

/** The value of one series (labels matched exactly), or undefined when absent. */
export function sampleValue(
  families: Map<string, Family>,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const family = familyOf(name, families);
  const want = JSON.stringify(Object.entries(labels).sort());
  return family?.samples.find(
    (s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === want,
  )?.value;
}
