// Free text in anonymous surveys is scrubbed before storage: phone numbers, e-mail
// addresses and 12-digit ИИН/БИН (individual and business identification numbers) are
// replaced by a marker. The respondent is told so before typing.

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// 12 digits, possibly grouped with spaces — an ИИН/БИН.
const IIN = /(?<![\d])\d{6}[\s-]?\d{6}(?![\d])/g;
// Phones: optional +, 10–15 digits in groups separated by spaces, dashes, dots or brackets.
const PHONE = /(?<![\p{L}\d])\+?\d[\d\s().-]{8,18}\d(?![\d])/gu;

export const SCRUB_MARKER = "[…]";

export function scrubPersonalData(input: string): { text: string; removed: number } {
  let removed = 0;
  const replace = (re: RegExp, check?: (m: string) => boolean) => (s: string) =>
    s.replace(re, (m) => {
      if (check && !check(m)) return m;
      removed++;
      return SCRUB_MARKER;
    });
  let text = replace(EMAIL)(input);
  text = replace(IIN)(text);
  text = replace(PHONE, (m) => {
    const digits = m.replace(/\D/g, "");
    return digits.length >= 10 && digits.length <= 15;
  })(text);
  return { text, removed };
}
