// Git merge-conflict markers in atlas.sum (two branches each added a migration): where the markers are, and the
// file names each side of the conflict lists. Works on the standard and diff3/zdiff3 styles.

export type MarkerKind = 'ours' | 'base' | 'separator' | 'theirs';

export interface ConflictMarker {
  /** 0-based line in atlas.sum */ line: number;
  kind: MarkerKind;
  /** the marker line without its line ending, e.g. `<<<<<<< HEAD` */ text: string;
}

export interface SumConflict {
  markers: ConflictMarker[];
  /** the labels git wrote after `<<<<<<<` / `>>>>>>>` (e.g. `HEAD`, `d739938 (feat)`), if any */
  oursLabel?: string;
  theirsLabel?: string;
  /** every file named on the "ours" side (common lines included), in order */
  ours: string[];
  /** every file named on the "theirs" side (common lines included), in order */
  theirs: string[];
}

const MARKERS: Array<[RegExp, MarkerKind]> = [
  [/^<{7}(?: (.*))?$/, 'ours'],
  [/^\|{7}(?: (.*))?$/, 'base'],
  [/^={7}$/, 'separator'],
  [/^>{7}(?: (.*))?$/, 'theirs'],
];

function markerOf(line: string): { kind: MarkerKind; label?: string } | undefined {
  for (const [re, kind] of MARKERS) {
    const m = re.exec(line);
    if (m) return { kind, label: m[1] };
  }
  return undefined;
}

/** The file name of an atlas.sum entry line (`<name> h1:<hash>`), or undefined for the sum line and others. */
function entryName(line: string): string | undefined {
  if (line.startsWith('h1:')) return undefined;
  const at = line.indexOf(' h1:');
  return at > 0 ? line.slice(0, at).trim() : undefined;
}

/** The conflict in an atlas.sum text, or undefined when it has no complete set of conflict markers. */
export function findSumConflict(text: string): SumConflict | undefined {
  if (!text.includes('<<<<<<<')) return undefined;
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const markers: ConflictMarker[] = [];
  const ours: string[] = [];
  const theirs: string[] = [];
  let oursLabel: string | undefined;
  let theirsLabel: string | undefined;
  // outside a conflict, in the "ours" part, in the diff3 base part, or in the "theirs" part
  let state: 'out' | 'ours' | 'base' | 'theirs' = 'out';
  lines.forEach((line, i) => {
    const m = markerOf(line);
    const expected = m && ((state === 'out' && m.kind === 'ours') || (state !== 'out' && m.kind !== 'ours'));
    if (m && expected) {
      markers.push({ line: i, kind: m.kind, text: line });
      if (m.kind === 'ours') {
        state = 'ours';
        oursLabel ??= m.label;
      } else if (m.kind === 'base') state = 'base';
      else if (m.kind === 'separator') state = 'theirs';
      else {
        state = 'out';
        theirsLabel ??= m.label;
      }
      return;
    }
    const name = entryName(line);
    if (name === undefined) return;
    if (state === 'out' || state === 'ours') ours.push(name);
    if (state === 'out' || state === 'theirs') theirs.push(name);
  });
  if (!markers.some((m) => m.kind === 'theirs')) return undefined;
  return { markers, oursLabel, theirsLabel, ours, theirs };
}
