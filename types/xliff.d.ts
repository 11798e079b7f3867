// xliff ships no types; these are the two converters the translation workflow
// uses (lib/translation): XLIFF 2.0 to and from its JS shape.
declare module "xliff" {
  export interface XliffUnit {
    source?: string;
    target?: string;
    /** One <note> or several, in order. */
    note?: string | string[];
    additionalAttributes?: Record<string, string | number>;
  }
  export interface XliffJs {
    sourceLanguage?: string;
    targetLanguage?: string;
    /** file id → unit id → unit */
    resources: Record<string, Record<string, XliffUnit>>;
  }
  export function js2xliff(obj: XliffJs, options?: { indent?: string }): Promise<string>;
  export function xliff2js(xml: string, options?: Record<string, unknown>): Promise<XliffJs>;
}
