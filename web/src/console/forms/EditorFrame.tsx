// The frame of a console editor page: the way back to its list, the title, Delete (asked first) and
// Save, what the last save did, a version conflict (412) with Reload, the failed call's message unless
// its field errors show at their fields, and the question before leaving unsaved changes.
import { Alert, Anchor, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core'
import { useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/client'
import { ProblemAlert } from '../../components/ProblemAlert'
import { followLink } from '../../router'
import { ConfirmButton } from '../ConfirmButton'
import { UnsavedChangesGuard } from '../UnsavedChangesGuard'
import { ownSubmit } from './own-submit'
import type { VersionedForm } from './useVersionedForm'

// Carried from /<page>/new to /<page>/<id>, which mounts an editor of its own.
let createdNotice = false
/** Call before going from a new resource's editor to the saved one's. */
export const carryCreatedNotice = () => {
  createdNotice = true
}

export interface DeleteQuestion { title: string; text: string; confirmLabel: string }

export function EditorFrame<D>({ form, title, badges, back, canWrite, readOnlyText, fields, problemMessages = {}, deleteQuestion, actions, children }: {
  form: VersionedForm<unknown, D>
  title: string
  badges?: ReactNode
  /** The way back to the list; none for a page of its own. */
  back?: { href: string; label: string }
  /** False: the fields show, disabled, with `readOnlyText`. */
  canWrite: boolean
  readOnlyText: string
  /** The API paths whose errors show at their fields. */
  fields: string[]
  /** Messages of this page for some error codes, instead of the general ones (a question with its button, too). */
  problemMessages?: Record<string, ReactNode>
  /** Null: no Delete button. */
  deleteQuestion: DeleteQuestion | null
  /** More buttons beside Save (e.g. "Copy into a new role"). */
  actions?: ReactNode
  /** The fields, once the draft is there. */
  children: (draft: D) => ReactNode
}) {
  const { t } = useTranslation()
  // Taken in the first render and forgotten after it (a second render in StrictMode still sees it).
  const [created] = useState(() => createdNotice)
  useEffect(() => {
    createdNotice = false
  }, [])
  if (form.draft === null) {
    return form.loadError ? <ProblemAlert error={form.loadError} /> : <Center py="xl"><Loader size="sm" aria-label={t('app.loading')} /></Center>
  }
  const errors = form.error instanceof ApiError ? form.error.errors : []
  const allAtFields = errors.length > 0 && errors.every((e) => fields.includes(e.path))
  const ownMessage = form.error instanceof ApiError ? problemMessages[form.error.code] : undefined
  return (
    <form noValidate aria-labelledby="editor-title" onSubmit={ownSubmit(form.submit)}>
      <UnsavedChangesGuard active={form.dirty} />
      <Stack gap="md" maw={900}>
        {back && <Anchor href={back.href} onClick={followLink} size="sm">{back.label}</Anchor>}
        <Group justify="space-between" align="flex-start" gap="sm">
          <Group gap="sm" align="center">
            <Title order={1} size="h2" id="editor-title">{title}</Title>
            {badges}
          </Group>
          <Group gap="sm">
            {actions}
            {canWrite && deleteQuestion && !form.isNew && (
              <ConfirmButton label={t('forms.delete')} variant="outline" title={deleteQuestion.title} text={deleteQuestion.text}
                confirmLabel={deleteQuestion.confirmLabel} onConfirm={form.remove} pending={form.removing} />
            )}
            {canWrite && <Button type="submit" loading={form.saving}>{t('forms.save')}</Button>}
          </Group>
        </Group>

        {form.conflict && (
          <Alert color="yellow" role="alert" title={t('forms.conflictTitle')} data-testid="version-conflict">
            <Stack gap="xs">
              <Text size="sm">{t('forms.conflictText')}</Text>
              <Group><Button size="xs" onClick={form.reload} loading={form.reloading}>{t('forms.reload')}</Button></Group>
            </Stack>
          </Alert>
        )}
        {allAtFields ? <Alert color="red" role="alert">{t('forms.checkFields')}</Alert>
          : ownMessage ? <Alert color="red" role="alert" data-testid="editor-refusal">{ownMessage}</Alert>
          : <ProblemAlert error={form.error} />}
        {(form.saved || (created && !form.dirty)) && <Alert color="green" role="status" data-testid="editor-notice">{t(created && !form.saved ? 'forms.created' : 'forms.saved')}</Alert>}
        {!canWrite && <Text size="sm" c="dimmed">{readOnlyText}</Text>}

        <fieldset disabled={!canWrite} style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
          {children(form.draft)}
        </fieldset>
      </Stack>
    </form>
  )
}
