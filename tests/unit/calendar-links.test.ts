// The "add to Google Calendar / Outlook" links of a booking (lib/booking/calendar.ts):
// exact URLs, so a change of a parameter name or of the time format shows here.
// Google: action=TEMPLATE, text, dates as two UTC basic-format times joined by "/",
// details, location. Outlook on the web: the compose deep link with rru=addevent,
// subject, startdt/enddt as ISO 8601 UTC, body, location.
import { describe, expect, it } from "vitest";
import { calendarLinks } from "../../lib/booking/calendar";

describe("calendar links", () => {
  it("builds the Google and Outlook links with the event's title, UTC times, note and place", () => {
    const event = {
      reference: "IPP-7K3M-9QDA",
      startsAt: new Date("2026-12-03T01:30:00Z"),
      endsAt: new Date("2026-12-03T02:00:00Z"),
      title: "طب القلب · مستشفى",
      location: "北京协和医院, 东城区帅府园1号",
      description: "IPP-7K3M-9QDA · +86 10 6915 6699",
    };
    const links = calendarLinks(event);
    expect(links.google).toBe(
      "https://calendar.google.com/calendar/render?action=TEMPLATE" +
        "&text=%D8%B7%D8%A8+%D8%A7%D9%84%D9%82%D9%84%D8%A8+%C2%B7+%D9%85%D8%B3%D8%AA%D8%B4%D9%81%D9%89" +
        "&dates=20261203T013000Z%2F20261203T020000Z" +
        "&details=IPP-7K3M-9QDA+%C2%B7+%2B86+10+6915+6699" +
        "&location=%E5%8C%97%E4%BA%AC%E5%8D%8F%E5%92%8C%E5%8C%BB%E9%99%A2%2C+%E4%B8%9C%E5%9F%8E%E5%8C%BA%E5%B8%85%E5%BA%9C%E5%9B%AD1%E5%8F%B7",
    );
    expect(links.outlook).toBe(
      "https://outlook.live.com/calendar/0/action/compose?path=%2Fcalendar%2Faction%2Fcompose&rru=addevent" +
        "&subject=%D8%B7%D8%A8+%D8%A7%D9%84%D9%82%D9%84%D8%A8+%C2%B7+%D9%85%D8%B3%D8%AA%D8%B4%D9%81%D9%89" +
        "&startdt=2026-12-03T01%3A30%3A00Z&enddt=2026-12-03T02%3A00%3A00Z" +
        "&body=IPP-7K3M-9QDA+%C2%B7+%2B86+10+6915+6699" +
        "&location=%E5%8C%97%E4%BA%AC%E5%8D%8F%E5%92%8C%E5%8C%BB%E9%99%A2%2C+%E4%B8%9C%E5%9F%8E%E5%8C%BA%E5%B8%85%E5%BA%9C%E5%9B%AD1%E5%8F%B7",
    );
  });
});
