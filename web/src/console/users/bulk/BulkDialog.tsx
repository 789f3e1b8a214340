// The dialog of one bulk action: what it needs (a role, campaign, team or required action), how many
// users it changes (refused before sending beyond the API's 10,000), then the result: how many were
// changed and, for each that was not, who and why (the single-user rule's code, translated).
import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { UserBulkResult } from '../../../api/types'
import { ProblemAlert } from '../../../components/ProblemAlert'
import { fieldError } from '../../../components/field-error'
import { tenantQuery, useConsole } from '../../console-context'
import { usersKeys } from '../api'
import type { UserSelection } from '../UsersPage'
import { BULK_LIMIT, bulkRequest, runBulk, selectionCount, type BulkActionInfo } from './bulk'
import { BulkParameterSelect } from './BulkParameterSelect'
import { refusalMessage } from './refusals'

export function BulkDialog({ info, selection, onClose }: { info: BulkActionInfo; selection: UserSelection; onClose: (changed: boolean) => void }) {
  const { t, i18n } = useTranslation()
  const { tenant } = useConsole()
  const queryClient = useQueryClient()
  const [parameter, setParameter] = useState<string | null>(null)
  const count = selectionCount(selection)
  const number = (value: number) => new Intl.NumberFormat(i18n.language).format(value)
  const tooMany = count > BULK_LIMIT
  const run = useMutation({
    mutationFn: () => runBulk(bulkRequest(selection, info.action, parameter, tenantQuery(tenant))),
    onSuccess: () => Promise.all([usersKeys.all, ['console', 'user-count']].map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!tooMany && !run.isPending && (info.parameter === null || parameter)) run.mutate()
  }
  const title = t(`bulk.actions.${info.action}`)
  return (
    <Modal opened onClose={() => onClose(run.isSuccess)} title={title} size="lg" closeButtonProps={{ 'aria-label': t('app.close') }}>
      {run.data ? <BulkResultView result={run.data} onClose={() => onClose(true)} /> : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {info.parameter && (
              <BulkParameterSelect parameter={info.parameter} value={parameter} onChange={setParameter} error={fieldError(t, run.error, info.parameter)} />
            )}
            <Text size="sm" data-testid="bulk-count">
              {t(info.action === 'delete' ? 'bulk.confirmDelete' : 'bulk.confirm', { count, formatted: number(count) })}
            </Text>
            {tooMany && (
              <Alert color="yellow" role="alert" data-testid="bulk-too-many">{t('bulk.tooMany', { limit: number(BULK_LIMIT), formatted: number(count) })}</Alert>
            )}
            <ProblemAlert error={run.error} fields={info.parameter ? [info.parameter] : []} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => onClose(false)}>{t('app.cancel')}</Button>
              <Button type="submit" color={info.destructive ? 'red' : undefined} loading={run.isPending} disabled={tooMany || (info.parameter !== null && !parameter)}>
                {t('bulk.apply', { action: title, count, formatted: number(count) })}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  )
}

function BulkResultView({ result, onClose }: { result: UserBulkResult; onClose: () => void }) {
  const { t, i18n } = useTranslation()
  const number = (value: number) => new Intl.NumberFormat(i18n.language).format(value)
  return (
    <Stack gap="md" data-testid="bulk-result">
      <Alert color={result.failed.length === 0 ? 'green' : 'yellow'} role="status">
        {t('bulk.done', { count: result.selected, succeeded: number(result.succeeded), formatted: number(result.selected) })}
        {result.failed.length > 0 && ` ${t('bulk.failedCount', { count: result.failed.length, formatted: number(result.failed.length) })}`}
      </Alert>
      {result.failed.length > 0 && (
        <Table.ScrollContainer minWidth={420} mah={360}>
          <Table verticalSpacing={4} data-testid="bulk-failures">
            <Table.Thead>
              <Table.Tr><Table.Th>{t('users.columns.username')}</Table.Th><Table.Th>{t('bulk.reason')}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.failed.map((failure) => (
                <Table.Tr key={failure.id} data-code={failure.code}>
                  <Table.Td>{failure.username ?? <Text span size="sm" c="dimmed">{t('bulk.unknownUser')}</Text>}</Table.Td>
                  <Table.Td>{refusalMessage(t, failure)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group justify="flex-end"><Button onClick={onClose} data-autofocus>{t('app.close')}</Button></Group>
    </Stack>
  )
}
