// Where the top-level items of an HCL file start, by bracket depth alone (strings, interpolations, heredocs and
// comments skipped): parser.ts parses the file one top-level item at a time along these lines. Error recovery plays
// no part, so a stray token before a "}" (`x}`, a name typed above it) leaves every boundary where it was, while a
// bracket that is really missing or added moves them (the rest of the file then forms one item, as HCL reads it).
import { scanToken } from './syntaxTokens';

/** The previous starts and the one edit since (offsets: start, old end, new end). */
export interface StartsBefore {
  starts: number[];
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
}

/**
 * Offsets of the line starts where a top-level item begins; the first is always 0. With `before`, the scan starts
 * at the last start before the edit (a start depends only on the text up to its line's first token) and stops at the first start after
 * the edit that was a start before it too (from there on the text and the scanner's state are the same).
 */
export function topLevelStarts(text: string, before?: StartsBefore): number[] {
  let starts = [0];
  let pos = 0;
  let resumeAt = -1;
  let old: number[] = [];
  let delta = 0;
  if (before) {
    // the last start before the edit is read again: the edit may be on its line (a start needs a token on its line)
    const keep = before.starts.filter((s) => s < before.startIndex);
    pos = keep.pop() ?? 0;
    if (keep.length) starts = keep;
    resumeAt = before.newEndIndex;
    delta = before.newEndIndex - before.oldEndIndex;
    old = before.starts;
  }
  let depth = 0;
  let lineHasToken = false;
  /** where the line after the last newline token starts (a /* comment *\/ over several lines hides newlines) */
  let lineStart = pos;
  const known = new Set(old);
  for (;;) {
    const t = scanToken(text, pos, true);
    if (t.kind === 'eof') break;
    pos = Math.max(t.end, pos + 1);
    if (t.kind === 'nl') {
      lineHasToken = false;
      lineStart = t.end;
      continue;
    }
    const line = text.lastIndexOf('\n', t.start - 1) + 1;
    // a start is a line whose first token follows its own start (blanks and comments on the line aside): the scan
    // can resume there
    if (!lineHasToken && depth === 0 && t.start > 0 && line === lineStart) {
      if (resumeAt >= 0 && line >= resumeAt && line > starts[starts.length - 1] && known.has(line - delta)) {
        for (const s of old) if (s >= line - delta) starts.push(s + delta);
        return starts;
      }
      if (line > starts[starts.length - 1]) starts.push(line);
    }
    lineHasToken = true;
    if (t.kind === 'string') pos = skipString(text, pos);
    else if (t.kind === 'heredoc') pos = skipHeredoc(text, t.text, pos);
    else if (t.kind === 'punct' && (t.text === '{' || t.text === '[' || t.text === '(')) depth++;
    else if (t.kind === 'punct' && (t.text === '}' || t.text === ']' || t.text === ')')) depth = Math.max(0, depth - 1);
  }
  return starts;
}

/** After the opening quote at pos: the offset after the closing quote (or the end of the line: unterminated). */
function skipString(text: string, pos: number): number {
  let i = pos;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else if (c === '\n') return i;
    else if ((c === '$' || c === '%') && text[i + 1] === '{') {
      if (text[i - 1] === c && text[i - 2] !== c)
        i += 2; // `$${` / `%%{`: a literal
      else i = skipInterpolation(text, i + 2);
    } else i++;
  }
  return i;
}

/** After the "${" of an interpolation: the offset after its closing "}". */
function skipInterpolation(text: string, pos: number): number {
  let depth = 1;
  let i = pos;
  while (i < text.length) {
    const t = scanToken(text, i, false);
    if (t.kind === 'eof') return t.end;
    i = Math.max(t.end, i + 1);
    if (t.kind === 'string') i = skipString(text, i);
    else if (t.kind === 'punct' && (t.text === '{' || t.text === '[' || t.text === '(')) depth++;
    else if (t.kind === 'punct' && (t.text === '}' || t.text === ']' || t.text === ')') && --depth === 0) return i;
  }
  return i;
}

/** After `<<EOT` / `<<-EOT`: the offset after the line that closes the heredoc (or the end of the file). */
function skipHeredoc(text: string, opener: string, pos: number): number {
  const marker = opener.replace(/^<<-?/, '');
  let line = text.indexOf('\n', pos);
  while (line >= 0) {
    const next = text.indexOf('\n', line + 1);
    if (text.slice(line + 1, next < 0 ? undefined : next).trim() === marker) return next < 0 ? text.length : next;
    line = next;
  }
  return text.length;
}
