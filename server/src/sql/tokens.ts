// A tolerant SQL tokenizer for editor features: never fails, keeps every token's UTF-16 range, and ends an
// unterminated string, quoted identifier or comment at the end of the text (`open`), which is what a statement
// being typed looks like. Not a parser: the real one is parser.ts (libpg-query).

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'punct' | 'op' | 'comment';

export interface Token {
  kind: TokenKind;
  /** UTF-16 range in the tokenized text */
  start: number;
  end: number;
  /** word: lower-cased; quoted identifier: its name; string: its content; others: the text */
  value: string;
  /** an unterminated string / quoted identifier / comment (ends at the end of the text) */
  open?: boolean;
}

const wordStart = /[A-Za-z_\u0080-\uffff]/;
const wordChar = /[A-Za-z0-9_$\u0080-\uffff]/;
const opChars = '+-*/<>=~!@#%^&|`?';

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    const start = i;
    if (c === '-' && text[i + 1] === '-') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 || nl > to ? to : nl;
      out.push({ kind: 'comment', start, end: i, value: text.slice(start, i) });
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      let depth = 1;
      i += 2;
      while (i < to && depth > 0) {
        const two = text.slice(i, i + 2);
        if (two === '/*') depth++;
        else if (two === '*/') depth--;
        i += two === '/*' || two === '*/' ? 2 : 1;
      }
      out.push({ kind: 'comment', start, end: Math.min(i, to), value: text.slice(start, i), ...(depth > 0 ? { open: true } : {}) });
      continue;
    }
    if (c === "'" || ((c === 'E' || c === 'e') && text[i + 1] === "'")) {
      i += c === "'" ? 1 : 2;
      let value = '';
      let closed = false;
      while (i < to) {
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          closed = true;
          break;
        }
        value += text[i++];
      }
      out.push({ kind: 'string', start, end: closed ? i + 1 : i, value, ...(closed ? {} : { open: true }) });
      i = closed ? i + 1 : i;
      continue;
    }
    if (c === '"') {
      i++;
      let value = '';
      let closed = false;
      while (i < to) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          closed = true;
          break;
        }
        value += text[i++];
      }
      out.push({ kind: 'quoted', start, end: closed ? i + 1 : i, value, ...(closed ? {} : { open: true }) });
      i = closed ? i + 1 : i;
      continue;
    }
    if (c === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, Math.min(to, i + 64)));
      if (m) {
        const close = text.indexOf(m[0], i + m[0].length);
        const end = close < 0 || close + m[0].length > to ? to : close + m[0].length;
        out.push({ kind: 'string', start, end, value: text.slice(i + m[0].length, close < 0 ? to : close), ...(close < 0 ? { open: true } : {}) });
        i = end;
        continue;
      }
    }
    if (wordStart.test(c)) {
      while (i < to && wordChar.test(text[i])) i++;
      out.push({ kind: 'word', start, end: i, value: text.slice(start, i).toLowerCase() });
      continue;
    }
    if (c >= '0' && c <= '9') {
      while (i < to && /[0-9.eE]/.test(text[i])) i++;
      out.push({ kind: 'number', start, end: i, value: text.slice(start, i) });
      continue;
    }
    if (c === ':' && text[i + 1] === ':') {
      i += 2;
      out.push({ kind: 'op', start, end: i, value: '::' });
      continue;
    }
    if (opChars.includes(c)) {
      while (i < to && opChars.includes(text[i]) && !(text[i] === '-' && text[i + 1] === '-')) i++;
      out.push({ kind: 'op', start, end: i, value: text.slice(start, i) });
      continue;
    }
    i++;
    out.push({ kind: 'punct', start, end: i, value: c });
  }
  return out;
}

/** Identifier value of a word or quoted-identifier token. */
export function identOf(t: Token | undefined): string | undefined {
  return t && (t.kind === 'word' || t.kind === 'quoted') ? t.value : undefined;
}
