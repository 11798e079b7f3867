// One home for an institution's pinyin search key (name_pinyin): the finder
// matches "xiehe" and "xie he" against it. Written wherever an institution's
// Chinese name is (the demo seed, the catalogue import), the same way.
import { pinyin } from "pinyin-pro";

/** 北京协和医院 → "bei jing xie he yi yuan" (toneless syllables, space-separated). */
export function toPinyin(chinese: string): string {
  return pinyin(chinese, { toneType: "none", type: "array" }).join(" ");
}
