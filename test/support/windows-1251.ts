// Windows-1251, the code page Russian Excel saves «CSV» in, written out by its chart (not by
// the decoder under test): ASCII as is, А..я at 0xC0..0xFF, Ё ё № «» — where they are.
const SPECIAL: Record<string, number> = { Ё: 0xa8, ё: 0xb8, "№": 0xb9, "«": 0xab, "»": 0xbb, "—": 0x97, "–": 0x96 };

/** The Windows-1251 bytes of a text; a character the code page lacks (ә, ғ, …) is an error. */
export function toWindows1251(text: string): Buffer {
  return Buffer.from(
    Array.from(text, (ch) => {
      const c = ch.codePointAt(0)!;
      if (c < 0x80) return c;
      if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
      const byte = SPECIAL[ch];
      if (byte === undefined) throw new Error(`not in Windows-1251: ${ch}`);
      return byte;
    }),
  );
}
