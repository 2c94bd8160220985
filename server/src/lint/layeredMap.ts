// A string-keyed map with O(1) copies, for the lint schema state: a copy shares every entry written before it
// (frozen layers) and records only its own writes and deletions on top. Entries read through `get` from a shared
// layer are copied into the top layer first (with `copyEntry`), so mutating what `get` returns never changes
// another copy. Iteration yields entries as they are: callers must not mutate them (replace them with `set`).
const GONE = Symbol('deleted');
type Slot<V> = V | typeof GONE;

interface Layer<V> {
  own: Map<string, Slot<V>>;
  parent: Layer<V> | undefined;
  depth: number;
}

/** Shared layers deeper than this are flattened into one on the next copy (lookups stay short). */
const MAX_DEPTH = 32;

export class LayeredMap<V> {
  private top: Layer<V>;

  constructor(
    private readonly copyEntry?: (v: V) => V,
    parent?: Layer<V>,
  ) {
    this.top = { own: new Map(), parent, depth: parent ? parent.depth + 1 : 0 };
  }

  /** A copy in O(1) (amortised): this map's entries so far become a shared, frozen layer of both. */
  copy(): LayeredMap<V> {
    let shared = this.top.own.size === 0 ? this.top.parent : this.top;
    if (shared && shared.depth > MAX_DEPTH) shared = { own: new Map(this.entries()), parent: undefined, depth: 0 };
    this.top = { own: new Map(), parent: shared, depth: shared ? shared.depth + 1 : 0 };
    return new LayeredMap(this.copyEntry, shared);
  }

  private lookup(key: string): { v: V; shared: boolean } | undefined {
    for (let l: Layer<V> | undefined = this.top; l; l = l.parent) {
      const v = l.own.get(key);
      if (v !== undefined) return v === GONE ? undefined : { v, shared: l !== this.top };
    }
    return undefined;
  }

  get(key: string): V | undefined {
    const hit = this.lookup(key);
    if (!hit) return undefined;
    if (!hit.shared || !this.copyEntry) return hit.v;
    const mine = this.copyEntry(hit.v);
    this.top.own.set(key, mine);
    return mine;
  }

  has(key: string): boolean {
    return this.lookup(key) !== undefined;
  }

  set(key: string, value: V): this {
    this.top.own.set(key, value);
    return this;
  }

  delete(key: string): boolean {
    if (!this.has(key)) return false;
    if (this.top.parent) this.top.own.set(key, GONE);
    else this.top.own.delete(key);
    return true;
  }

  *entries(): IterableIterator<[string, V]> {
    if (!this.top.parent) {
      for (const [k, v] of this.top.own) if (v !== GONE) yield [k, v];
      return;
    }
    const seen = new Set<string>();
    for (let l: Layer<V> | undefined = this.top; l; l = l.parent) {
      for (const [k, v] of l.own) {
        if (seen.has(k)) continue;
        seen.add(k);
        if (v !== GONE) yield [k, v];
      }
    }
  }

  *keys(): IterableIterator<string> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): IterableIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.entries();
  }
}
