// The editor of one resource of a list page (/<page>/new, /<page>/<id>): read with its ETag, the
// changed fields sent with If-Match, created in the console's tenant, then the saved one's editor;
// deleted, then the list. Every list and choice of such resources is read again afterwards.
import { useQueryClient } from '@tanstack/react-query'
import type { Versioned } from '../../api/client'
import { navigate } from '../../router'
import { consoleHref, useConsole } from '../console-context'
import { changedFields } from './changes'
import { carryCreatedNotice } from './EditorFrame'
import { useVersionedForm } from './useVersionedForm'

interface ResourceApi<T, Create, Patch> {
  read: (id: string) => Promise<Versioned<T>>
  create: (body: Create) => Promise<Versioned<T>>
  update: (id: string, patch: Patch, etag: string | null) => Promise<Versioned<T>>
  remove: (id: string, etag: string | null) => Promise<void>
}

export function useResourceEditor<T extends { id: string }, D extends object, Create, Patch extends Partial<D>>({ id, pagePath, choicesKey, api, draftOf, initial, normalise = (draft) => draft, createBody }: {
  id: string | null
  /** The list page, e.g. /campaigns. */
  pagePath: string
  /** The console's cached choices of this kind (consoleKeys), read again after a change. */
  choicesKey: readonly unknown[]
  api: ResourceApi<T, Create, Patch>
  draftOf: (item: T) => D
  initial: D
  /** The draft as the API takes it (names trimmed). */
  normalise?: (draft: D) => D
  /** `tenantId`: the console's tenant when it is not one's own. */
  createBody: (draft: D, tenantId: string | undefined) => Create
}) {
  const { tenant } = useConsole()
  const queryClient = useQueryClient()
  const listHref = consoleHref(pagePath, tenant)
  const refresh = () => Promise.all([['console', 'list'], ['console', 'user-count'], choicesKey].map((queryKey) => queryClient.invalidateQueries({ queryKey })))
  const form = useVersionedForm<T, D, Patch>({
    queryKey: ['console', 'editor', pagePath, id ?? 'new'],
    read: id === null ? null : () => api.read(id),
    draftOf,
    initial,
    changes: (base, draft) => changedFields(base, normalise(draft)) as Patch | null,
    create: (draft) => api.create(createBody(normalise(draft), tenant.own ? undefined : tenant.id ?? undefined)),
    update: (item, patch, etag) => api.update(item.id, patch, etag),
    remove: (item, etag) => api.remove(item.id, etag),
    onSaved: (item, created) => {
      void refresh()
      if (created) {
        carryCreatedNotice()
        navigate(consoleHref(`${pagePath}/${item.id}`, tenant), { replace: true, force: true })
      }
    },
    onRemoved: () => {
      void refresh()
      navigate(listHref, { force: true })
    },
  })
  return { form, listHref }
}
