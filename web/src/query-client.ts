// The pages' one TanStack Query client (made here, so that a page can ask for its data before React
// renders it).
import { QueryClient } from '@tanstack/react-query'

export const queryClient = new QueryClient({
  defaultOptions: {
    // An error answer is an answer: asking again would only repeat it.
    queries: { retry: false, refetchOnWindowFocus: false },
  },
})
