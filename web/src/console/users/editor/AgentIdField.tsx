// The agent ID (Puzzel's "Numeric ID") with "See used IDs": the IDs in use in the tenant, page by
// page, and the next free one to take.
import { Button, Group, Modal, Pagination, Stack, Table, Text, TextInput } from '@mantine/core'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ProblemAlert } from '../../../components/ProblemAlert'
import { editorKeys, listAgentIds } from './api'

export function AgentIdField({ value, onChange, error, tenantId }: { value: string; onChange: (value: string) => void; error: ReactNode; tenantId: string | null }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <TextInput label={t('userEditor.profile.agentId')} description={t('userEditor.profile.agentIdHint')} inputMode="numeric" style={{ flex: 1 }}
        value={value} onChange={(event) => onChange(event.currentTarget.value)} error={error} />
      <Button variant="default" onClick={() => setOpen(true)} disabled={!tenantId} mb={error ? 22 : 0}>{t('userEditor.profile.seeUsedIds')}</Button>
      {tenantId && <UsedIds opened={open} onClose={() => setOpen(false)} tenantId={tenantId} onUse={(id) => { onChange(String(id)); setOpen(false) }} />}
    </Group>
  )
}

function UsedIds({ opened, onClose, tenantId, onUse }: { opened: boolean; onClose: () => void; tenantId: string; onUse: (id: number) => void }) {
  const { t } = useTranslation()
  const [page, setPage] = useState(1)
  const used = useQuery({ queryKey: editorKeys.agentIds(tenantId, page), queryFn: () => listAgentIds(tenantId, page), enabled: opened, placeholderData: keepPreviousData })
  const pages = Math.max(1, Math.ceil((used.data?.total ?? 0) / 20))
  return (
    <Modal opened={opened} onClose={onClose} title={t('userEditor.profile.usedIdsTitle')} closeButtonProps={{ 'aria-label': t('app.close') }}>
      <Stack gap="sm">
        <ProblemAlert error={used.error} />
        {used.data && (
          <>
            <Button onClick={() => onUse(used.data.nextFreeAgentId)}>{t('userEditor.profile.useNextFree', { id: used.data.nextFreeAgentId })}</Button>
            {used.data.items.length === 0 ? <Text size="sm">{t('userEditor.profile.noUsedIds')}</Text> : (
              <Table data-testid="used-agent-ids">
                <Table.Thead><Table.Tr><Table.Th>{t('userEditor.profile.agentId')}</Table.Th><Table.Th>{t('userEditor.basic.username')}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {used.data.items.map((item) => <Table.Tr key={item.agentId}><Table.Td>{item.agentId}</Table.Td><Table.Td>{item.username}</Table.Td></Table.Tr>)}
                </Table.Tbody>
              </Table>
            )}
            {pages > 1 && <Pagination size="sm" total={pages} value={page} onChange={setPage} getItemProps={(n) => ({ 'aria-label': t('users.pageN', { page: n }) })}
              getControlProps={(control) => ({ 'aria-label': t(`users.pageControls.${control}`) })} />}
          </>
        )}
      </Stack>
    </Modal>
  )
}
