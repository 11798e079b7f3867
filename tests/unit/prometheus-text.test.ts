// The strict reader of the Prometheus text format (tests/helpers/prometheus-text.ts)
// that the metrics test trusts: it reads a well-formed exposition and refuses
// each kind of malformed one, so a broken exposition fails that test.
import { describe, expect, it } from "vitest";
import { parsePrometheusText, sampleValue } from "../helpers/prometheus-text";

const good = `# HELP portal_bookings_total New bookings \\\\ refusals\\nby code.
# TYPE portal_bookings_total counter
portal_bookings_total{outcome="booked",code=""} 3
portal_bookings_total{outcome="refused",code="SLOT_FULL"} 1
# TYPE portal_up gauge
portal_up NaN
portal_down{x="a \\"quoted\\" \\\\ value\\nline"} -Inf 1700000000000
# HELP h_seconds A histogram.
# TYPE h_seconds histogram
h_seconds_bucket{le="0.1"} 1
h_seconds_bucket{le="1"} 2
h_seconds_bucket{le="+Inf"} 3
h_seconds_sum 4.5e0
h_seconds_count 3
`;

describe("the Prometheus text reader", () => {
  it("reads families, types, help, escaped label values and special values", () => {
    const families = parsePrometheusText(good);
    expect(families.get("portal_bookings_total")).toMatchObject({
      type: "counter",
      help: "New bookings \\ refusals\nby code.",
    });
    expect(sampleValue(families, "portal_bookings_total", { outcome: "refused", code: "SLOT_FULL" })).toBe(1);
    expect(sampleValue(families, "portal_up")).toBeNaN();
    expect(sampleValue(families, "portal_down", { x: 'a "quoted" \\ value\nline' })).toBe(
      Number.NEGATIVE_INFINITY,
    );
    expect(sampleValue(families, "h_seconds_sum")).toBe(4.5);
    expect(families.get("h_seconds")!.samples).toHaveLength(5);
  });

  it.each([
    ["no final line feed", "a 1"],
    ["a bad metric name", "1a 1\n"],
    ["a bad label name", 'a{1x="v"} 1\n'],
    ["an unknown escape", 'a{x="\\t"} 1\n'],
    ["an unquoted label value", "a{x=v} 1\n"],
    ["a value that is not a float", "a one\n"],
    ["a second TYPE", "# TYPE a gauge\n# TYPE a gauge\na 1\n"],
    ["a TYPE after the samples", "a 1\n# TYPE a gauge\n"],
    ["a malformed TYPE", "# TYPE a meter\na 1\n"],
    ["samples apart", 'a 1\nb 1\na{x="y"} 2\n'],
    ["the same series twice", 'a{x="1"} 1\na{x="1"} 2\n'],
    ["a negative counter", "# TYPE c counter\nc -1\n"],
    ["no +Inf bucket", '# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n'],
    [
      "decreasing buckets",
      '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="2"} 1\nh_bucket{le="+Inf"} 2\nh_sum 1\nh_count 2\n',
    ],
    ["+Inf is not the count", '# TYPE h histogram\nh_bucket{le="+Inf"} 2\nh_sum 1\nh_count 3\n'],
    ["a space too many", "a  1\n"],
  ])("refuses %s", (_what, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });
});
