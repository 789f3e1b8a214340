// A User Timing mark each time a page of results is on screen, for the browser benchmark
// (bench/console.ts) to measure navigation-to-results and change-to-results: set after the
// frame that paints the rows.
export const RESULTS_SHOWN = 'gatehouse:users-shown'

export function markResultsShown(query: string): void {
  requestAnimationFrame(() => {
    setTimeout(() => performance.mark(RESULTS_SHOWN, { detail: query }), 0)
  })
}
