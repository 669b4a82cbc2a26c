/** One spelling per phone: the 8 national digits (the input schema already checked the shape). */
export function nationalPhone(phone: string): string {
  return phone.replace(/^(\+965|00965)/, "");
}
