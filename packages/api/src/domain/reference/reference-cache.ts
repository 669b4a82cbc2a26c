import type { GovernorateCode } from "@baladiya/shared/geo";
import type { LocalizedText } from "@baladiya/shared/i18n";
import type { DepartmentKind, PublicService, ServiceAttribute } from "@baladiya/shared/service";
import { eq } from "drizzle-orm";
import { areas, departments, governorates, holidays, meta, services } from "../../db/schema";
import type { WorkingCalendar } from "../calendar/working-calendar";
import type { Db, Store } from "../../ports/store";
import { AreaIndex, polygonsOf, type Polygons } from "../geo/area-index";

export interface Governorate {
  code: GovernorateCode;
  prefix: string;
  layerNo: number;
  name: LocalizedText;
}
export interface Department {
  id: string;
  governorateCode: string;
  kind: string;
  name: LocalizedText;
}
export interface Service extends PublicService {
  active: boolean;
}
export interface AreaInfo {
  id: string;
  governorateCode: string;
  name: LocalizedText;
  polygons: Polygons;
}

export interface ReferenceSnapshot {
  governorates: Map<string, Governorate>;
  departments: Map<string, Department>;
  services: Map<string, Service>;
  /** Active services in catalogue order. */
  serviceList: Service[];
  areas: Map<string, AreaInfo>;
  areaIndex: AreaIndex;
  /** Kuwait's working calendar with the public holidays administrators keep. */
  calendar: WorkingCalendar;
  departmentFor(governorateCode: string, kind: string): Department | undefined;
}

async function loadSnapshot(db: Db): Promise<ReferenceSnapshot> {
  const [govRows, deptRows, serviceRows, areaRows, holidayRows] = await Promise.all([
    db.select().from(governorates),
    db.select().from(departments),
    db.select().from(services).orderBy(services.sortOrder),
    db.select().from(areas),
    db.select({ date: holidays.date }).from(holidays),
  ]);
  const govs = new Map<string, Governorate>(
    govRows.map((g) => [
      g.code,
      { code: g.code as GovernorateCode, prefix: g.prefix, layerNo: g.layerNo, name: { ar: g.nameAr, en: g.nameEn } },
    ]),
  );
  const depts = new Map<string, Department>(
    deptRows.map((d) => [
      d.id,
      { id: d.id, governorateCode: d.governorateCode, kind: d.kind, name: { ar: d.nameAr, en: d.nameEn } },
    ]),
  );
  const byBranchKind = new Map<string, Department>([...depts.values()].map((d) => [`${d.governorateCode}|${d.kind}`, d]));
  const serviceList: Service[] = serviceRows.map((s) => ({
    code: s.code,
    name: { ar: s.nameAr, en: s.nameEn },
    description: { ar: s.descriptionAr, en: s.descriptionEn },
    group: { ar: s.groupAr, en: s.groupEn },
    keywords: JSON.parse(s.keywords) as string[],
    icon: s.icon,
    priority: s.priority as Service["priority"],
    responseHours: s.responseHours,
    departmentKind: s.departmentKind as DepartmentKind,
    attributes: JSON.parse(s.attributes) as ServiceAttribute[],
    active: s.active,
  }));
  const indexed = areaRows.map((a) => ({
    id: a.id,
    governorateCode: a.governorateCode,
    nameAr: a.nameAr,
    nameEn: a.nameEn,
    polygons: polygonsOf(JSON.parse(a.geometry)),
    minLng: a.minLng,
    minLat: a.minLat,
    maxLng: a.maxLng,
    maxLat: a.maxLat,
  }));
  return {
    governorates: govs,
    departments: depts,
    services: new Map(serviceList.map((s) => [s.code, s])),
    serviceList: serviceList.filter((s) => s.active),
    areas: new Map(
      indexed.map((a) => [
        a.id,
        { id: a.id, governorateCode: a.governorateCode, name: { ar: a.nameAr, en: a.nameEn }, polygons: a.polygons },
      ]),
    ),
    areaIndex: new AreaIndex(indexed),
    calendar: { holidays: new Set(holidayRows.map((h) => h.date)) },
    departmentFor: (code, kind) => byBranchKind.get(`${code}|${kind}`),
  };
}

export const REFERENCE_VERSION_KEY = "reference_version";

async function readVersion(db: Db): Promise<string> {
  const row = await db.select({ value: meta.value }).from(meta).where(eq(meta.key, REFERENCE_VERSION_KEY));
  return row[0]?.value ?? "0";
}

/** Marks reference data as changed, inside the transaction that changed it. */
export async function bumpReferenceVersion(db: Db, version: string): Promise<void> {
  await db
    .insert(meta)
    .values({ key: REFERENCE_VERSION_KEY, value: version })
    .onConflictDoUpdate({ target: meta.key, set: { value: version } });
}

/**
 * Reference data changes rarely (an import, a catalogue edit) and is read on every request. It is
 * cached; every `ttlMs` a one-row version check runs in the background and reloads on change, so
 * requests never wait on a reload once the first load is done.
 */
export class ReferenceCache {
  private current: Promise<{ version: string; snapshot: ReferenceSnapshot }> | null = null;
  private checkedAt = 0;
  private checking = false;

  constructor(
    private readonly store: Store,
    private readonly ttlMs = 5_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  private load(): Promise<{ version: string; snapshot: ReferenceSnapshot }> {
    return this.store.read(async (db) => {
      const version = await readVersion(db);
      return { version, snapshot: await loadSnapshot(db) };
    });
  }

  async get(): Promise<ReferenceSnapshot> {
    if (!this.current) {
      this.checkedAt = this.now();
      const loading = this.load();
      this.current = loading;
      loading.catch(() => {
        if (this.current === loading) this.current = null;
      });
    } else if (this.now() - this.checkedAt > this.ttlMs && !this.checking) {
      this.checkedAt = this.now();
      this.checking = true;
      void this.refresh().finally(() => {
        this.checking = false;
      });
    }
    return (await this.current).snapshot;
  }

  private async refresh(): Promise<void> {
    try {
      const held = await this.current;
      const version = await this.store.read(readVersion);
      if (held && version !== held.version) {
        const next = await this.load();
        this.current = Promise.resolve(next);
      }
    } catch {
      // A failed background check keeps the data we have; the next request tries again.
    }
  }

  invalidate(): void {
    this.current = null;
  }
}
