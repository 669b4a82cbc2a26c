import { z } from "zod";
import { isValidCivilId } from "./civil-id-check";

export { isValidCivilId };

export const CivilId = z
  .string()
  .trim()
  .refine(isValidCivilId, { message: "Invalid Kuwaiti Civil ID (12 digits, valid birth date and check digit)" });
export type CivilId = z.infer<typeof CivilId>;
