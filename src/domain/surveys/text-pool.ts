// Reading one stored text pool (a deflated JSON array of strings, ballot-box.ts) for an export
// of a large campaign. `JSON.parse(inflateRawSync(segment).toString())` holds the pool three
// times at its peak — the inflated bytes, the JSON text as one string, the parsed strings —
// which for 70k answers of up to 400 characters is ~85 MiB, most of it on the JavaScript heap
// until a full collection. Here the pool is inflated into a buffer that the next pool reuses,
// the bounds of each string noted, and a string is decoded only when it is written: a pool
// costs its UTF-8 size outside the heap, and each decoded text dies young.
import { createInflateRaw } from "node:zlib";

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Texts read on demand: how many, and each in turn (an array is one too). */
export interface TextList extends Iterable<string> {
  readonly length: number;
}

/** The strings of a pool as their UTF-8 bytes in one buffer, decoded one at a time. */
export class PackedStrings {
  constructor(
    private readonly bytes: Buffer,
    /** start and end of each string's JSON content in `bytes` */
    private readonly bounds: Uint32Array,
    /** the strings holding a JSON escape (decoded with JSON.parse) */
    private readonly escaped: ReadonlySet<number>,
    /** false once the buffer holds another pool (TextPoolReader) */
    private readonly valid: () => boolean = () => true,
  ) {}

  get length(): number {
    return this.bounds.length / 2;
  }

  at(i: number): string {
    if (!this.valid()) throw new Error("this text pool was overwritten by the next one read");
    const text = this.bytes.toString("utf8", this.bounds[2 * i], this.bounds[2 * i + 1]);
    return this.escaped.has(i) ? (JSON.parse(`"${text}"`) as string) : text;
  }

  /** All of them in a random order, a fresh one on every call. */
  shuffled(randomInt: (maxExclusive: number) => number): TextList {
    const n = this.length;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      // Inside-out Fisher–Yates, as aggregate.ts shuffles loaded pools.
      const j = randomInt(i + 1);
      if (j !== i) order[i] = order[j]!;
      order[j] = i;
    }
    const at = (i: number) => this.at(i);
    return {
      length: n,
      *[Symbol.iterator]() {
        for (let k = 0; k < n; k++) yield at(order[k]!);
      },
    };
  }
}

/** Strings from an array of them. */
function packed(values: readonly unknown[]): PackedStrings {
  const texts = values.map(String);
  const bounds = new Uint32Array(2 * texts.length);
  let at = 0;
  texts.forEach((text, i) => {
    bounds[2 * i] = at;
    bounds[2 * i + 1] = at += Buffer.byteLength(text, "utf8");
  });
  return new PackedStrings(Buffer.from(texts.join(""), "utf8"), bounds, new Set());
}

/** Whether the quote at `at` is escaped (an odd number of backslashes before it). */
function escapedQuote(bytes: Buffer, at: number): boolean {
  let n = 0;
  while (bytes[at - 1 - n] === BACKSLASH) n++;
  return n % 2 === 1;
}

/**
 * The strings of an inflated JSON array, found from quote to quote. A pool holding anything
 * but strings (not written by this version, but cheap to allow) is parsed whole.
 */
function scanStrings(bytes: Buffer, valid: () => boolean): PackedStrings {
  let bounds = new Uint32Array(1024);
  let count = 0;
  const escaped = new Set<number>();
  let backslash = bytes.indexOf(BACKSLASH);
  for (let at = 0; ; ) {
    const open = bytes.indexOf(QUOTE, at);
    // Between two strings: a comma (or the bracket); anything else is not a pool of strings.
    if (!/^[\s,[\]]*$/.test(bytes.toString("latin1", at, open < 0 ? bytes.length : open))) return packed(JSON.parse(bytes.toString("utf8")) as unknown[]);
    if (open < 0) break;
    let close = bytes.indexOf(QUOTE, open + 1);
    if (backslash >= 0 && backslash < open) backslash = bytes.indexOf(BACKSLASH, open);
    if (backslash >= 0 && backslash < close) {
      escaped.add(count);
      while (close >= 0 && escapedQuote(bytes, close)) close = bytes.indexOf(QUOTE, close + 1);
    }
    if (close < 0) throw new Error("unterminated string in a text pool");
    if (2 * count + 2 > bounds.length) {
      const larger = new Uint32Array(2 * bounds.length);
      larger.set(bounds);
      bounds = larger;
    }
    bounds[2 * count] = open + 1;
    bounds[2 * count + 1] = close;
    count++;
    at = close + 1;
  }
  return new PackedStrings(bytes, bounds.slice(0, 2 * count), escaped, valid);
}

/**
 * Reads the text pools of one set of totals, one at a time, into the same buffer: a pool's
 * inflated bytes (~28 MiB for 70k answers) would otherwise wait for the garbage collector
 * while the next one is read, and the peak would hold two. So a pool read is valid until the
 * next read (using it later throws). Inflated by zlib off the main thread, in pieces.
 */
export class TextPoolReader {
  private buffer = Buffer.alloc(0);
  private generation = 0;

  async read(deflated: Uint8Array): Promise<PackedStrings> {
    const generation = ++this.generation;
    let used = 0;
    const inflater = createInflateRaw({ chunkSize: 1 << 18 });
    inflater.end(deflated);
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      if (used + chunk.length > this.buffer.length) {
        // Untouched pages of a large allocation are not resident: room for a ratio of 8
        // costs only what is filled.
        const larger = Buffer.allocUnsafeSlow(Math.max(2 * this.buffer.length, used + chunk.length, 8 * deflated.length));
        this.buffer.copy(larger, 0, 0, used);
        this.buffer = larger;
      }
      used += chunk.copy(this.buffer, used);
    }
    if (generation !== this.generation) throw new Error("text pools are read one at a time");
    return scanStrings(this.buffer.subarray(0, used), () => generation === this.generation);
  }
}
