import type { Clip } from "./clip.ts";

/** Clips whose files are byte-identical. */
export interface DuplicateGroup {
  sha256: string;
  clips: Clip[];
  /** Whether the copies carry different emotion labels (a label conflict, not just a copy). */
  conflictingLabels: boolean;
}

/**
 * Groups of clips with the same content hash under different names (the originals have a few:
 * RAVDESS Actor_07, CREMA-D 1006/1013/1017), so that evaluation can keep each group on one side
 * of a split.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { findDuplicates } from "./duplicates.ts";
 * assertEquals(findDuplicates([]), []);
 * ```
 */
export function findDuplicates(clips: readonly Clip[]): DuplicateGroup[] {
  const groups = new Map<string, Clip[]>();
  for (const c of clips) {
    const g = groups.get(c.sha256);
    if (g) g.push(c);
    else groups.set(c.sha256, [c]);
  }
  return [...groups.entries()]
    .filter(([, g]) => g.length > 1)
    .map(([sha256, g]) => ({
      sha256,
      clips: g,
      conflictingLabels: new Set(g.map((c) => c.emotion)).size > 1,
    }));
}
