import { z } from "zod";
import { LocalizedText } from "./i18n";

/** Response priority: the hours within which the branch must respond (DOMAIN.md: 4 to 72 hours). */
export const Priority = z.enum(["P1", "P2", "P3", "P4"]);
export type Priority = z.infer<typeof Priority>;
export const PRIORITY_HOURS: Record<Priority, number> = { P1: 4, P2: 24, P3: 48, P4: 72 };

export const DepartmentKind = z.enum(["cleanliness", "audit", "emergency", "violations", "building"]);
export type DepartmentKind = z.infer<typeof DepartmentKind>;

export const AttributeDatatype = z.enum(["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"]);
export type AttributeDatatype = z.infer<typeof AttributeDatatype>;

export const ServiceAttribute = z.object({
  code: z.string(),
  datatype: AttributeDatatype,
  required: z.boolean(),
  order: z.number().int(),
  description: LocalizedText,
  values: z.array(z.object({ key: z.string(), name: LocalizedText })).default([]),
});
export type ServiceAttribute = z.infer<typeof ServiceAttribute>;

export const ServiceCode = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, "Service codes are letters, digits, '_', '.' or '-'");

export const PublicService = z.object({
  code: z.string(),
  name: LocalizedText,
  description: LocalizedText,
  group: LocalizedText,
  keywords: z.array(z.string()),
  icon: z.string(),
  priority: Priority,
  responseHours: z.number().int(),
  departmentKind: DepartmentKind,
  attributes: z.array(ServiceAttribute),
});
export type PublicService = z.infer<typeof PublicService>;
