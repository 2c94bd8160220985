// Byte-string helpers for the statement splitter: UTF-8 bytes held one char per byte (latin1), Go's
// unicode.IsSpace on such strings, and Atlas's line numbering from byte offsets.

/** Length in bytes of a Unicode white-space rune (Go's unicode.IsSpace) starting at i, or 0. */
export function spaceAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return 1;
  if (c === 0xc2) {
    const d = s.charCodeAt(i + 1);
    return d === 0x85 || d === 0xa0 ? 2 : 0;
  }
  if (c === 0xe1) return s.charCodeAt(i + 1) === 0x9a && s.charCodeAt(i + 2) === 0x80 ? 3 : 0;
  if (c === 0xe2) {
    const d = s.charCodeAt(i + 1),
      e = s.charCodeAt(i + 2);
    if (d === 0x80 && ((e >= 0x80 && e <= 0x8a) || e === 0xa8 || e === 0xa9 || e === 0xaf)) return 3;
    return d === 0x81 && e === 0x9f ? 3 : 0;
  }
  if (c === 0xe3) return s.charCodeAt(i + 1) === 0x80 && s.charCodeAt(i + 2) === 0x80 ? 3 : 0;
  return 0;
}

/** Length in bytes of a white-space rune ending just before `end` (end exclusive), or 0. */
function spaceBefore(s: string, start: number, end: number): number {
  for (const n of [1, 2, 3]) if (end - n >= start && spaceAt(s, end - n) === n) return n;
  return 0;
}

/** Go strings.TrimSpace on a byte string. */
export function trimSpaceBytes(s: string): string {
  let a = 0,
    b = s.length,
    n: number;
  while (a < b && (n = spaceAt(s, a)) > 0) a += n;
  while (b > a && (n = spaceBefore(s, a, b)) > 0) b -= n;
  return s.slice(a, b);
}

/** Converts text to the byte string the scanner walks. */
export function toByteString(input: string | Uint8Array): string {
  return typeof input === 'string'
    ? Buffer.from(input, 'utf8').toString('latin1')
    : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('latin1');
}

/** Back to text: the UTF-8 decoding of a byte string. */
export const utf8 = (s: string): string => Buffer.from(s, 'latin1').toString('utf8');

/** Atlas's line of a statement (`FileReport.Line`): 1 + newlines before `pos` in the file bytes. */
export function lineOfPos(bytes: Uint8Array, pos: number): number {
  let n = 1;
  for (let i = 0; i < pos && i < bytes.length; i++) if (bytes[i] === 0x0a) n++;
  return n;
}
