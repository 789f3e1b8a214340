// React passes events up its own tree, through portals: the submit of a form in a dialog (a confirm
// question, a profile editor) reaches the editor's form around the button that opened the dialog.
import type { FormEvent } from 'react'

/** A form's onSubmit that acts on its own submits only, not on those of forms in dialogs within it. */
export const ownSubmit = (handler: () => void) => (event: FormEvent<HTMLFormElement>) => {
  if (event.target !== event.currentTarget) return
  event.preventDefault()
  handler()
}
