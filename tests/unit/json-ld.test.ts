// The pages' JSON-LD uses schema.org as schema.org defines it (issue 17): the
// specialty mapping names only members of the MedicalSpecialty enumeration, and
// the checker every JSON-LD test relies on (tests/helpers/schema-org.ts) rejects
// what schema.org does not define, so its "no problem" means something. The
// institution and package pages of the demo catalogue are checked on the real
// database in tests/integration/json-ld.test.ts.
import { describe, expect, it } from "vitest";
import { specialties } from "../../lib/catalogue/codes";
import { SCHEMA_ORG_SPECIALTIES, schemaOrgSpecialties } from "../../lib/catalogue/json-ld";
import { schemaOrgProblems, vocabulary } from "../helpers/schema-org";

describe("SCHEMA_ORG_SPECIALTIES", () => {
  it("maps every specialty code, each to current members of schema.org's MedicalSpecialty enumeration", () => {
    expect(Object.keys(SCHEMA_ORG_SPECIALTIES).sort()).toEqual([...specialties].sort());
    for (const [code, members] of Object.entries(SCHEMA_ORG_SPECIALTIES)) {
      for (const member of members) {
        expect(vocabulary.members[member], `${code} → ${member}`).toContain("MedicalSpecialty");
        expect(vocabulary.superseded, `${code} → ${member}`).not.toContain(member);
      }
    }
  });

  it("leaves out codes without a member and names each member once", () => {
    expect(
      schemaOrgSpecialties(["cardiology", "internal_medicine", "tcm", "cardiology", "nonsense"]),
    ).toEqual(["https://schema.org/Cardiovascular"]);
    expect(schemaOrgSpecialties(["obstetrics_gynecology"])).toEqual([
      "https://schema.org/Obstetric",
      "https://schema.org/Gynecologic",
    ]);
  });
});

describe("schemaOrgProblems", () => {
  const hospital = {
    "@context": "https://schema.org",
    "@type": "Hospital",
    name: "Test Hospital",
    medicalSpecialty: ["https://schema.org/Cardiovascular"],
    address: { "@type": "PostalAddress", addressCountry: "CN" },
    contactPoint: { "@type": "ContactPoint", availableLanguage: ["en", "ru"] },
    isAcceptingNewPatients: true,
  };

  it("accepts a description that uses schema.org's terms where they belong", async () => {
    expect(await schemaOrgProblems(hospital)).toEqual([]);
  });

  it("rejects a specialty schema.org does not define", async () => {
    const problems = await schemaOrgProblems({
      ...hospital,
      medicalSpecialty: ["https://schema.org/Cardiology", "https://schema.org/Dermatologic"],
    });
    expect(problems).toEqual([
      expect.stringContaining("Cardiology is not a member of MedicalSpecialty"),
      expect.stringContaining("superseded member Dermatologic"),
    ]);
    expect(await schemaOrgProblems({ ...hospital, medicalSpecialty: "cardiology" })).toEqual([
      expect.stringContaining("a literal"),
    ]);
  });

  it("rejects unknown types and properties, a property outside its domain and a value outside its range", async () => {
    expect(await schemaOrgProblems({ ...hospital, "@type": "Hosptial" })).toEqual(
      expect.arrayContaining([expect.stringContaining("unknown type")]),
    );
    expect(await schemaOrgProblems({ ...hospital, bedCount: 3 })).toEqual([
      expect.stringContaining("unknown property"),
    ]);
    expect(await schemaOrgProblems({ ...hospital, availableLanguage: ["en"] })).toEqual([
      expect.stringContaining("not a property of Hospital"),
    ]);
    expect(
      await schemaOrgProblems({ ...hospital, address: { "@type": "GeoCoordinates", latitude: 1 } }),
    ).toEqual([expect.stringContaining("a GeoCoordinates where PostalAddress, Text is expected")]);
  });
});
