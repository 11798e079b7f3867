// The one template of every e-mail (docs/decisions/0019): react-email renders
// it to the HTML part, and the same rendering, converted by react-email's own
// plain-text conversion, is the text part, so both carry the same sentences.
// Phone first: one column at most 600 px wide, system fonts only (no external
// images or fonts), inline styles, a large button for the link that matters,
// and the page's direction for right-to-left languages.
import {
  Body,
  Button,
  Container,
  Head,
  Hr,
  Html,
  Link,
  Preview,
  Section,
  Text,
} from "@react-email/components";
import { render } from "@react-email/render";
import type { CSSProperties } from "react";
import { direction, type Locale } from "../i18n/locales";

/** A sentence that names a link (`{link}` in its message), cut around it. */
export interface LinkSentence {
  before: string;
  href: string;
  after: string;
}

export interface EmailContent {
  locale: Locale;
  subject: string;
  greeting: string;
  /** What happened: one paragraph each; a paragraph may name a link. */
  paragraphs: (string | LinkSentence)[];
  /** Label–value lines (reference, patient, time, ...), one per line. */
  details?: string[];
  /** The hospital's name and address in Chinese, for a taxi driver. */
  addressZh?: string;
  contact?: string;
  /** The link that matters, as a large button above its sentence (the button is left out of the text part). */
  action?: { label: string; sentence: LinkSentence };
  /** Paragraphs that follow the action (what to do if the e-mail was not expected). */
  afterAction?: string[];
  /** "Add to Google Calendar", "Add to Outlook". */
  calendarLinks?: { label: string; href: string }[];
  emergency?: string;
  signature: string;
}

const MARK = "\u0000link\u0000";

/** Formats a message with a `{link}` argument and cuts it around the link. */
export function linkSentence(format: (values: { link: string }) => string, href: string): LinkSentence {
  const [before = "", after = ""] = format({ link: MARK }).split(MARK);
  return { before, href, after };
}

const fontFamily =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Noto Sans', 'PingFang SC', 'Microsoft YaHei', Arial, sans-serif";

function Sentence({ sentence, style }: { sentence: LinkSentence; style: CSSProperties }) {
  return (
    <Text style={style}>
      {sentence.before}
      <Link
        href={sentence.href}
        style={{ color: "#1d4ed8", textDecoration: "underline", wordBreak: "break-all" }}
      >
        {sentence.href}
      </Link>
      {sentence.after}
    </Text>
  );
}

export function EmailTemplate(content: EmailContent) {
  const dir = direction(content.locale);
  const align = dir === "rtl" ? "right" : "left";
  const text: CSSProperties = { fontSize: "16px", lineHeight: "24px", margin: "0 0 16px", textAlign: align };
  const line: CSSProperties = { ...text, margin: "0 0 4px" };
  const button: CSSProperties = {
    backgroundColor: "#1d4ed8",
    color: "#ffffff",
    borderRadius: "6px",
    fontSize: "18px",
    fontWeight: 600,
    lineHeight: "24px",
    padding: "14px 20px",
    textDecoration: "none",
    display: "block",
    textAlign: "center",
  };
  const secondary: CSSProperties = {
    ...button,
    backgroundColor: "#ffffff",
    color: "#1d4ed8",
    border: "2px solid #1d4ed8",
    fontSize: "16px",
    padding: "12px 16px",
    margin: "0 0 8px",
  };
  return (
    <Html lang={content.locale} dir={dir}>
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{content.subject}</title>
      </Head>
      <Preview>{content.subject}</Preview>
      <Body
        style={{ backgroundColor: "#f1f5f9", margin: 0, padding: "12px 0", fontFamily, color: "#0f172a" }}
      >
        <Container
          dir={dir}
          lang={content.locale}
          style={{ maxWidth: "600px", width: "100%", backgroundColor: "#ffffff", padding: "20px 16px" }}
        >
          <Text style={text}>{content.greeting}</Text>
          {content.paragraphs.map((p, i) =>
            typeof p === "string" ? (
              <Text key={i} style={text}>
                {p}
              </Text>
            ) : (
              <Sentence key={i} sentence={p} style={text} />
            ),
          )}
          {content.details && (
            <Section
              style={{
                margin: "0 0 16px",
                padding: "12px",
                border: "1px solid #cbd5e1",
                borderRadius: "6px",
              }}
            >
              {content.details.map((d, i) => (
                <Text key={i} style={line}>
                  {d}
                </Text>
              ))}
              {content.addressZh && (
                <Text style={line}>
                  <span lang="zh" dir="ltr">
                    {content.addressZh}
                  </span>
                </Text>
              )}
              {content.contact && <Text style={line}>{content.contact}</Text>}
            </Section>
          )}
          {content.action && (
            <Section style={{ margin: "0 0 16px" }}>
              <Button href={content.action.sentence.href} style={button} data-skip-in-text="true">
                {content.action.label}
              </Button>
              <Sentence
                sentence={content.action.sentence}
                style={{ ...text, fontSize: "14px", marginTop: "8px" }}
              />
            </Section>
          )}
          {content.afterAction?.map((p, i) => (
            <Text key={i} style={text}>
              {p}
            </Text>
          ))}
          {content.calendarLinks && (
            <Section style={{ margin: "0 0 16px" }}>
              {content.calendarLinks.map((l) => (
                <Text key={l.href} style={{ margin: "0 0 8px" }}>
                  <Link href={l.href} style={secondary}>
                    {l.label}
                  </Link>
                </Text>
              ))}
            </Section>
          )}
          <Hr style={{ borderColor: "#cbd5e1", margin: "16px 0" }} />
          {content.emergency && <Text style={{ ...text, fontWeight: 600 }}>{content.emergency}</Text>}
          <Text style={{ ...text, color: "#475569" }}>{content.signature}</Text>
        </Container>
      </Body>
    </Html>
  );
}

/** The HTML and the text part of one e-mail, from the one template. */
export async function renderEmailParts(content: EmailContent): Promise<{ html: string; text: string }> {
  const element = <EmailTemplate {...content} />;
  const [html, text] = await Promise.all([
    render(element),
    render(element, {
      plainText: true,
      // The rule only separates the footer on screen; a text reader needs no line of dashes.
      htmlToTextOptions: { selectors: [{ selector: "hr", format: "skip" }] },
    }),
  ]);
  return { html, text: text.trim() };
}
