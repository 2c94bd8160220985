// The txtar archive format and testscript's line syntax (rogpeppe/go-internal testscript), as Atlas's integration
// scripts use them: a script (comment section) followed by `-- name --` file sections; each script line is words
// separated by blanks, `'…'` quotes a word (`''` is a literal quote, no variable expansion inside), `#` starts a
// comment, `$name`/`${name}` expand from the script's environment, a leading `!` expects the command to fail.

export interface Txtar {
  script: string;
  files: Array<{ name: string; data: string }>;
}

export function parseTxtar(text: string): Txtar {
  // Every line, the last file's last one too, ends with a newline (x/tools/txtar adds a missing final one).
  const lines = (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
  const files: Txtar['files'] = [];
  const script: string[] = [];
  let cur: { name: string; data: string[] } | undefined;
  for (const line of lines) {
    const m = /^-- (.+) --$/.exec(line);
    if (m) {
      if (cur) files.push({ name: cur.name, data: cur.data.join('') });
      cur = { name: m[1].trim(), data: [] };
    } else if (cur) cur.data.push(`${line}\n`);
    else script.push(line);
  }
  if (cur) files.push({ name: cur.name, data: cur.data.join('') });
  return { script: script.join('\n'), files };
}

export interface ScriptLine {
  line: number;
  neg: boolean;
  words: string[];
}

/** The script's command lines (comments and blank lines dropped), variables expanded outside quotes. */
export function parseScript(script: string, env: (name: string) => string): ScriptLine[] {
  const out: ScriptLine[] = [];
  script.split('\n').forEach((raw, i) => {
    const words: string[] = [];
    let word: string | undefined;
    let quoted = false;
    for (let j = 0; j < raw.length; j++) {
      const c = raw[j];
      if (quoted) {
        if (c === "'" && raw[j + 1] === "'") {
          word += "'";
          j++;
        } else if (c === "'") quoted = false;
        else word += c;
        continue;
      }
      if (c === "'") {
        quoted = true;
        word ??= '';
      } else if (c === ' ' || c === '\t' || c === '\r') {
        if (word !== undefined) words.push(word);
        word = undefined;
      } else if (c === '#' && word === undefined) break;
      else if (c === '$') {
        const m = /^\$(?:\{([A-Za-z0-9_.]+)\}|([A-Za-z0-9_]+))/.exec(raw.slice(j));
        if (m) {
          word = (word ?? '') + env(m[1] ?? m[2]);
          j += m[0].length - 1;
        } else word = (word ?? '') + c;
      } else word = (word ?? '') + c;
    }
    if (quoted) throw new Error(`line ${i + 1}: unterminated quote`);
    if (word !== undefined) words.push(word);
    if (!words.length) return;
    const neg = words[0] === '!';
    out.push({ line: i + 1, neg, words: neg ? words.slice(1) : words });
  });
  return out;
}
