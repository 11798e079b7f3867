// Every answer carries the security headers (set once by scripts/server.ts):
// a patient page, a staff console page, an API answer and an API error.
import { expect, test } from "@playwright/test";

for (const path of ["/en/hospitals", "/ar/staff/sign-in", "/api/v1/hospitals", "/api/v1/no-such-thing"]) {
  test(`security headers on ${path}`, async ({ request }) => {
    const res = await request.get(path);
    const h = res.headers();
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["permissions-policy"]).toContain("camera=()");
  });
}

test("the staff console cannot be framed by another site", async ({ page }) => {
  const blocked: string[] = [];
  page.on("console", (m) => {
    if (/frame-ancestors|Refused to display/i.test(m.text())) blocked.push(m.text());
  });
  await page.setContent(`<iframe src="${test.info().project.use.baseURL}/en/staff/sign-in"></iframe>`);
  // Chromium refuses the frame: it says so in the console and shows its error page in the frame instead.
  await expect
    .poll(() => blocked.length > 0 || page.frames().some((f) => f.url().startsWith("chrome-error:")))
    .toBe(true);
});
