// The token scanner of syntaxCheck.ts: HCL native-syntax tokens (identifiers, numbers, punctuation, the opening quote
// of a string, heredoc openers, newlines), with comments and blanks skipped. Strings are read by the checker.
// `~` (a template strip marker) is a token everywhere; outside `${~ … ~}` nothing accepts it.

export type TokKind = 'ident' | 'number' | 'string' | 'heredoc' | 'punct' | 'nl' | 'eof' | 'error';
/** `string`: the opening quote only; `error`: an invalid character, its text is the message. */
export interface Tok {
  kind: TokKind;
  text: string;
  start: number;
  end: number;
}

const PUNCT = [
  '...',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '=>',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '=',
  ',',
  '.',
  ':',
  '?',
  '!',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '~',
];
const IDENT_START = /[\p{L}_]/u;
const HEREDOC = /^<<-?[\p{L}_][\p{L}\p{N}_-]*/u;
const IDENT_PART = /[\p{L}\p{N}_-]/u;
const isIdentPart = (c: string) =>
  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === '-' || (c > '\x7f' && IDENT_PART.test(c));

/** The token at `pos`; `nl`: newlines are tokens (else they are skipped like blanks). */
export function scanToken(s: string, pos: number, nl: boolean): Tok {
  let i = pos;
  for (;;) {
    const c = s[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\uFEFF') {
      i++;
      continue;
    }
    if (c === '\n' && !nl) {
      i++;
      continue;
    }
    if (c === '#' || (c === '/' && s[i + 1] === '/')) {
      const e = s.indexOf('\n', i);
      i = e < 0 ? s.length : e;
      continue;
    }
    if (c === '/' && s[i + 1] === '*') {
      const e = s.indexOf('*/', i + 2);
      if (e < 0) return { kind: 'error', text: 'Unterminated comment: "/*" has no closing "*/" before the end of the file.', start: i, end: s.length };
      i = e + 2;
      continue;
    }
    break;
  }
  const c = s[i];
  if (c === undefined) return { kind: 'eof', text: '', start: i, end: i };
  if (c === '\n') return { kind: 'nl', text: '\n', start: i, end: i + 1 };
  if (c === '"') return { kind: 'string', text: '"', start: i, end: i + 1 };
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || (c > '\x7f' && IDENT_START.test(c))) {
    let e = i + 1;
    while (e < s.length && isIdentPart(s[e])) e++;
    return { kind: 'ident', text: s.slice(i, e), start: i, end: e };
  }
  if (c >= '0' && c <= '9') {
    const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(s.slice(i, i + 64))!;
    return { kind: 'number', text: m[0], start: i, end: i + m[0].length };
  }
  const here = c === '<' && s[i + 1] === '<' ? HEREDOC.exec(s.slice(i, i + 256)) : null;
  if (here) return { kind: 'heredoc', text: here[0], start: i, end: i + here[0].length };
  for (const p of PUNCT) if (s.startsWith(p, i)) return { kind: 'punct', text: p, start: i, end: i + p.length };
  const what =
    c === "'"
      ? 'Invalid character: single quotes are not valid in HCL; use double quotes (") for strings.'
      : c === ';'
        ? 'Invalid character: ";" is not valid in HCL; put each argument on its own line, and use "," between list items.'
        : `Invalid character: "${c}" is not valid here.`;
  const cp = s.codePointAt(i)!;
  return { kind: 'error', text: what, start: i, end: i + (cp > 0xffff ? 2 : 1) };
}
