import type { KioskDevice } from "@baladiya/shared/kiosk";
import type { KioskRow } from "./kiosk-rows";

/** A kiosk as administrators see it (never its key). */
export const kioskDevice = (row: KioskRow): KioskDevice => ({
  id: row.id,
  name: { ar: row.nameAr, en: row.nameEn },
  place: { ar: row.placeAr, en: row.placeEn },
  governorateCode: row.governorateCode,
  location: { lat: row.lat, lng: row.lng },
  active: row.active,
  createdAt: row.createdAt,
  lastSeenAt: row.lastSeenAt,
});
