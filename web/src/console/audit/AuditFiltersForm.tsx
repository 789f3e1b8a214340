// The audit log's filter panel: typed values apply on "Apply" (or Enter), so that a half-typed id or
// time asks for nothing; "Clear" shows every event again.
import { Button, Group, NativeSelect, Paper, SimpleGrid, TextInput } from '@mantine/core'
import { useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { actionLabel, AUDIT_ACTIONS, ENTITY_TYPES, entityLabel } from './events'
import { NO_FILTERS, type AuditFilters } from './filters'

export function AuditFiltersForm({ filters, onApply, timeZone, actorError }: {
  filters: AuditFilters
  onApply: (filters: AuditFilters) => void
  timeZone: string
  /** The actor could not be found. */
  actorError: ReactNode
}) {
  const { t } = useTranslation()
  // The page mounts a new form when the URL changes (back, forward, a click on an actor).
  const [typed, setTyped] = useState(filters)
  const set = (change: Partial<AuditFilters>) => setTyped((current) => ({ ...current, ...change }))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onApply({ ...typed, page: 1 })
  }
  const actions = AUDIT_ACTIONS.filter((action) => !typed.entityType || action.startsWith(`${typed.entityType}.`))
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label={t('audit.filters')}>
      <form onSubmit={submit} role="search">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <TextInput label={t('audit.actor')} description={t('audit.actorHint')} value={typed.actor} maxLength={200}
            onChange={(event) => set({ actor: event.currentTarget.value })} error={actorError} />
          <NativeSelect label={t('audit.entityType')} value={typed.entityType} onChange={(event) => set({ entityType: event.currentTarget.value, action: '' })}
            data={[{ value: '', label: t('audit.anyEntity') }, ...ENTITY_TYPES.map((type) => ({ value: type, label: entityLabel(t, type) }))]} />
          <TextInput label={t('audit.entityId')} value={typed.entityId} maxLength={100} onChange={(event) => set({ entityId: event.currentTarget.value })} />
          <NativeSelect label={t('audit.action')} value={typed.action} onChange={(event) => set({ action: event.currentTarget.value })}
            data={[{ value: '', label: t('audit.anyAction') }, ...actions.map((action) => ({ value: action, label: `${actionLabel(t, action)} (${action})` }))]} />
          <TextInput type="datetime-local" label={t('audit.from')} description={t('audit.inZone', { zone: timeZone })} value={typed.from}
            onChange={(event) => set({ from: event.currentTarget.value })} />
          <TextInput type="datetime-local" label={t('audit.to')} description={t('audit.inZone', { zone: timeZone })} value={typed.to}
            onChange={(event) => set({ to: event.currentTarget.value })} />
        </SimpleGrid>
        <Group mt="sm" gap="sm">
          <Button type="submit">{t('audit.apply')}</Button>
          <Button variant="default" onClick={() => { setTyped(NO_FILTERS); onApply(NO_FILTERS) }}>{t('audit.clear')}</Button>
        </Group>
      </form>
    </Paper>
  )
}
