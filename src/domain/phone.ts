/**
 * Normalises a phone number to digits with the country code, the form the roster and
 * Telegram contacts are matched on. Kazakhstan numbers are written +7 7xx…, 8 7xx… or
 * 7xx… (10 digits); all become 77xxxxxxxxx. Returns null when it cannot be a phone.
 */
export function normalizePhone(input: string): string | null {
  const trimmed = input.trim();
  if (!/^[+\d\s()\-.]+$/.test(trimmed)) return null;
  let digits = trimmed.replace(/\D/g, "");
  if (digits.length === 11 && digits.startsWith("8") && !trimmed.startsWith("+")) digits = "7" + digits.slice(1);
  if (digits.length === 10 && digits.startsWith("7")) digits = "7" + digits;
  if (digits.length < 10 || digits.length > 15) return null;
  return digits;
}

/** +7 701 123 45 67 for display. */
export function formatPhone(digits: string): string {
  if (digits.length === 11 && digits.startsWith("7")) {
    return `+7 ${digits.slice(1, 4)} ${digits.slice(4, 7)} ${digits.slice(7, 9)} ${digits.slice(9)}`;
  }
  return `+${digits}`;
}
