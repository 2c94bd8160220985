// Byte ↔ UTF-16 offset conversion for one text. libpg-query reports UTF-8 byte offsets (node locations,
// stmt_location) and code-point indexes (syntax error cursor); editors and JS strings use UTF-16 units.

export class OffsetMap {
  /** utf16[i] for every byte offset is computed lazily only for non-ASCII texts */
  private readonly ascii: boolean;
  private byteStarts?: Int32Array; // UTF-16 index → byte offset (length text.length + 1)

  constructor(readonly text: string) {
    this.ascii = !/[^\x00-\x7f]/.test(text);
  }

  private table(): Int32Array {
    if (this.byteStarts) return this.byteStarts;
    const t = this.text;
    const out = new Int32Array(t.length + 1);
    let b = 0;
    for (let i = 0; i < t.length; i++) {
      out[i] = b;
      const c = t.charCodeAt(i);
      if (c < 0x80) b += 1;
      else if (c < 0x800) b += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < t.length) {
        out[i + 1] = b;
        b += 4;
        i++;
      } else b += 3;
    }
    out[t.length] = b;
    this.byteStarts = out;
    return out;
  }

  /** Total UTF-8 length in bytes. */
  get byteLength(): number {
    return this.ascii ? this.text.length : this.table()[this.text.length];
  }

  /** UTF-8 byte offset of a UTF-16 index. */
  toByte(utf16: number): number {
    if (this.ascii) return clamp(utf16, 0, this.text.length);
    return this.table()[clamp(utf16, 0, this.text.length)];
  }

  /** UTF-16 index of a UTF-8 byte offset (offsets inside a character snap to its start). */
  toUtf16(byte: number): number {
    if (this.ascii) return clamp(byte, 0, this.text.length);
    const t = this.table();
    let lo = 0;
    let hi = this.text.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (t[mid] <= byte) lo = mid;
      else hi = mid - 1;
    }
    while (lo > 0 && t[lo - 1] === t[lo]) lo--; // the low half of a surrogate pair shares its pair's offset
    return lo;
  }

  /** UTF-16 index of a code-point index (libpg-query's error cursorPosition). */
  codePointToUtf16(cp: number): number {
    if (this.ascii) return clamp(cp, 0, this.text.length);
    let i = 0;
    let n = 0;
    while (i < this.text.length && n < cp) {
      const c = this.text.charCodeAt(i);
      i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      n++;
    }
    return i;
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** 0-based line and UTF-16 character of a UTF-16 index. */
export function positionAt(text: string, index: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: index - lineStart };
}
