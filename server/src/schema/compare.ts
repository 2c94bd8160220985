// Order-insensitive comparison of two models (column order is not a schema difference for Atlas).
import type { Realm } from './model';

/** A copy of the model with every named list sorted by name, for equality checks. */
export function canonicalRealm(r: Realm): Realm {
  const sortDeep = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      const items = v.map(sortDeep);
      const named = items.every((x) => x && typeof x === 'object' && typeof (x as { name?: unknown }).name === 'string');
      return named
        ? [...items].sort((x, y) =>
            String((x as { name: string }).name + ((x as { args?: string }).args ?? '')).localeCompare(
              String((y as { name: string }).name + ((y as { args?: string }).args ?? '')),
            ),
          )
        : items;
    }
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, x]) => [k, sortDeep(x)]),
      );
    return v;
  };
  return sortDeep(r) as Realm;
}
