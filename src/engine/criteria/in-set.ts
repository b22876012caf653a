import type { TestFn } from "../types.js";

export interface SetSpec {
  /** The portrait's values, already normalised by `normalize`. */
  readonly keys: ReadonlySet<string>;
  /** Maps a record's value to the comparison key, or null when it cannot be read (an unknown country). */
  readonly normalize: (value: string) => string | null;
  readonly negate: boolean;
}

/** `in` / `not_in`: does the value belong to the set? The detail shows the normalised value. */
export function setTest(spec: SetSpec): TestFn {
  return (value) => {
    const key = spec.normalize(value);
    if (key === null) return { unreadable: `"${value.trim()}" not recognised` };
    const member = spec.keys.has(key);
    return { match: member !== spec.negate ? 1 : 0, detail: key };
  };
}
