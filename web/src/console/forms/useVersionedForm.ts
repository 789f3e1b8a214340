// The state of a console form over one API resource: the version it read (ETag), a draft of what is
// typed, the changes to send (If-Match with that version), and what the server said back. A save after
// someone else's answers 412: the form says so and offers to reload, keeping what was typed until then.
import { useMutation, useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { ApiError, type Versioned } from '../../api/client'

export interface VersionedFormOptions<T, D, P> {
  /** The resource's query key; for a new one, a key of its own ('new'). */
  queryKey: readonly unknown[]
  /** Reads the resource; null for a new one. */
  read: (() => Promise<Versioned<T>>) | null
  draftOf: (item: T) => D
  /** The draft of a new resource (for forms that create). */
  initial?: D
  /** What changed between the draft read and the one typed; null when nothing did. */
  changes: (base: D, draft: D) => P | null
  create?: (draft: D) => Promise<Versioned<T>>
  update: (item: T, changes: P, etag: string | null) => Promise<Versioned<T>>
  remove?: (item: T, etag: string | null) => Promise<void>
  /** After a save or a delete (lists to refresh); `created` for a new resource. */
  onSaved?: (item: T, created: boolean) => void
  onRemoved?: () => void
}

interface Base<T, D> { item: T; etag: string | null; draft: D }

export function useVersionedForm<T, D, P>(options: VersionedFormOptions<T, D, P>) {
  const { read, draftOf, initial, changes } = options
  const loaded = useQuery({ queryKey: options.queryKey, queryFn: () => read!(), enabled: read !== null, staleTime: Infinity, gcTime: 0 })
  const [base, setBase] = useState<Base<T, D> | null>(null)
  const [draft, setDraft] = useState<D | null>(read === null ? initial ?? null : null)
  const [conflict, setConflict] = useState(false)
  const [saved, setSaved] = useState(false)

  const adopt = (versioned: Versioned<T>) => {
    const next = { item: versioned.body, etag: versioned.etag, draft: draftOf(versioned.body) }
    setBase(next)
    setDraft(next.draft)
  }
  useEffect(() => {
    if (loaded.data && !base) adopt(loaded.data)
  }, [loaded.data])

  const from = base?.draft ?? initial
  const pending = draft === null || from === undefined ? null : changes(from, draft)
  const failed = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'version_conflict') setConflict(true)
  }
  const save = useMutation({
    mutationFn: async (submitted: D): Promise<{ versioned: Versioned<T>; created: boolean }> => {
      if (!base) return { versioned: await options.create!(submitted), created: true }
      const patch = changes(base.draft, submitted)
      if (patch === null) return { versioned: { body: base.item, etag: base.etag }, created: false }
      return { versioned: await options.update(base.item, patch, base.etag), created: false }
    },
    onMutate: () => {
      setConflict(false)
      setSaved(false)
    },
    onSuccess: ({ versioned, created }) => {
      adopt(versioned)
      setSaved(true)
      options.onSaved?.(versioned.body, created)
    },
    onError: failed,
  })
  const remove = useMutation({
    mutationFn: () => options.remove!(base!.item, base!.etag),
    onMutate: () => setSaved(false),
    onSuccess: () => options.onRemoved?.(),
    onError: failed,
  })
  const reload = useMutation({
    mutationFn: () => read!(),
    onSuccess: (versioned) => {
      adopt(versioned)
      setConflict(false)
      save.reset()
      remove.reset()
    },
  })

  const errorOf = (error: unknown) => (error instanceof ApiError && error.code === 'version_conflict' ? null : error)
  return {
    /** The resource as last read or saved; null while loading and for a new one. */
    item: base?.item ?? null,
    isNew: read === null,
    loadError: loaded.error,
    draft,
    change: (patch: Partial<D>) => setDraft((current) => (current === null ? current : { ...current, ...patch })),
    dirty: pending !== null && !remove.isSuccess,
    submit: () => {
      if (draft !== null && !save.isPending) save.mutate(draft)
    },
    saving: save.isPending,
    saved: saved && pending === null,
    /** The failed save's or delete's error (field errors among it), not a version conflict. */
    error: errorOf(save.error) ?? errorOf(remove.error) ?? reload.error,
    conflict,
    reload: () => reload.mutate(),
    reloading: reload.isPending,
    remove: () => remove.mutate(),
    removing: remove.isPending,
  }
}

export type VersionedForm<T, D> = Pick<ReturnType<typeof useVersionedForm<T, D, unknown>>,
  'item' | 'isNew' | 'loadError' | 'draft' | 'dirty' | 'submit' | 'saving' | 'saved' | 'error' | 'conflict' | 'reload' | 'reloading' | 'remove' | 'removing'>
