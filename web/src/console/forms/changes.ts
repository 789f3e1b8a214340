// The fields of a form's draft that differ from the version read: a PATCH body, or null for none.
export function changedFields<D extends object>(base: D, draft: D): Partial<D> | null {
  const changed = (Object.keys(draft) as Array<keyof D>).filter((key) => JSON.stringify(base[key]) !== JSON.stringify(draft[key]))
  return changed.length === 0 ? null : Object.fromEntries(changed.map((key) => [key, draft[key]])) as Partial<D>
}
