// A patient's name in Latin letters for staff who do not read its script.
import { describe, expect, it } from "vitest";
import { latinName } from "../../lib/booking/latin-name";

describe("latinName", () => {
  it("writes Cyrillic as a Russian passport does (ICAO: Kh, Ts, Shch; no soft sign)", () => {
    expect(latinName("Ольга Царёва")).toBe("Olga Tsareva");
    expect(latinName("Жанна Хабибуллина")).toBe("Zhanna Khabibullina");
    expect(latinName("Юлия Щукина")).toBe("Yuliya Shchukina");
    expect(latinName("Анна-Мария Иванова")).toBe("Anna-Mariya Ivanova");
  });

  it("writes Arabic and Greek in Latin letters, each word capitalized", () => {
    expect(latinName("ليلى حداد")).toBe("Lyla Hdd");
    expect(latinName("محمد عبد الله")).toBe("Mhmd Bd Llh");
    expect(latinName("Γιώργος Παπαδόπουλος")).toBe("Giorgos Papadopoylos");
  });

  it("leaves a Latin name as typed (accents too): nothing to add", () => {
    expect(latinName("Layla Haddad")).toBeNull();
    expect(latinName("José Müller-Ørsted")).toBeNull();
    expect(latinName("O'Brien")).toBeNull();
  });

  it("a name mixing scripts is written wholly in Latin letters", () => {
    expect(latinName("Anna Иванова")).toBe("Anna Ivanova");
  });
});
