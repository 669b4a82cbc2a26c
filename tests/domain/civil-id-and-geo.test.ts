import { isValidCivilId } from "@baladiya/shared/civil-id";
import { distanceMetres } from "@baladiya/shared/geo";
import { toKuwaitIso } from "@baladiya/shared/i18n";
import { locatePoint } from "@baladiya/api/domain/geo/locate-point";
import { DomainError } from "@baladiya/api/domain/errors";
import { importAreas } from "@baladiya/api/domain/geo/import-areas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUTSIDE_KUWAIT, POINTS } from "../helpers/points";
import { createTestSystem, type TestSystem } from "../helpers/system";

describe("Civil ID (DOMAIN.md)", () => {
  it.each(["288020122596", "227081660516", "292091998298"])("accepts the valid example %s", (id) => {
    expect(isValidCivilId(id)).toBe(true);
  });
  it.each([
    ["292091998297", "wrong check digit"],
    ["29209199829", "11 digits"],
    ["192091998298", "century digit 1"],
    ["288023022596", "30 February"],
    ["28802012259a", "a letter"],
  ])("rejects %s (%s)", (id) => {
    expect(isValidCivilId(id)).toBe(false);
  });
});

describe("time and distance helpers", () => {
  it("writes Kuwait time with its fixed +03:00 offset", () => {
    expect(toKuwaitIso(new Date("2026-11-28T22:30:00Z"))).toBe("2026-11-29T01:30:00+03:00");
  });
  it("measures street-scale distances", () => {
    expect(distanceMetres({ lat: 29.3, lng: 48 }, { lat: 29.3 + 50 / 110_574, lng: 48 })).toBeCloseTo(50, 0);
  });
});

describe("locating a point (the imported area layer)", () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await createTestSystem();
  });
  afterAll(async () => {
    await sys.close();
  });

  for (const [name, p] of Object.entries(POINTS)) {
    it(`puts ${name} in ${p.area}, ${p.governorate}`, async () => {
      const r = await locatePoint({ ctx: sys.citizen, input: { lat: p.lat, lng: p.lng } });
      expect(r.area.name.ar).toBe(p.area);
      expect(r.governorate.code).toBe(p.governorate);
    });
  }

  for (const [name, p] of Object.entries(OUTSIDE_KUWAIT)) {
    it(`says ${name} is outside Kuwait`, async () => {
      const error = await locatePoint({ ctx: sys.citizen, input: p }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe("OUTSIDE_KUWAIT");
    });
  }

  it("re-importing the same layer updates areas instead of duplicating them", async () => {
    const small = {
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: { name_ar: "منطقة تجريبية", name_en: "Test Area", governorate: "KW-KU" },
          id: "test-area-1",
          geometry: {
            type: "Polygon",
            coordinates: [
              [
                [47.0, 28.6],
                [47.01, 28.6],
                [47.01, 28.61],
                [47.0, 28.61],
                [47.0, 28.6],
              ],
            ],
          },
        },
      ],
    };
    expect(await importAreas({ ctx: sys.system, input: small })).toEqual({ imported: 1, updated: 0 });
    expect(await importAreas({ ctx: sys.system, input: small })).toEqual({ imported: 0, updated: 1 });
    const r = await locatePoint({ ctx: sys.citizen, input: { lat: 28.605, lng: 47.005 } });
    expect(r.area.name.en).toBe("Test Area");
  });

  it("rejects an import by an actor who is not the system, and a malformed layer", async () => {
    const forbidden = await importAreas({ ctx: sys.citizen, input: {} }).catch((e: unknown) => e);
    expect((forbidden as DomainError).code).toBe("FORBIDDEN");
    const malformed = await importAreas({ ctx: sys.system, input: { type: "FeatureCollection", features: [] } }).catch(
      (e: unknown) => e,
    );
    expect((malformed as DomainError).code).toBe("VALIDATION");
  });
});
