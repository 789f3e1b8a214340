// The calls of one API resource that console editors make: read (with its ETag), create, change and
// delete (both with If-Match).
import { apiVersioned } from '../../api/client'

export function resourceApi<T, Create, Patch>(path: string) {
  const one = (id: string) => `${path}/${encodeURIComponent(id)}`
  return {
    read: (id: string) => apiVersioned<T>('GET', one(id)),
    create: (body: Create) => apiVersioned<T>('POST', path, body),
    update: (id: string, patch: Patch, etag: string | null) => apiVersioned<T>('PATCH', one(id), patch, etag),
    remove: async (id: string, etag: string | null) => {
      await apiVersioned<void>('DELETE', one(id), undefined, etag)
    },
  }
}
