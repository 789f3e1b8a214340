// One page of audit events: the time in the viewer's zone, the actor (a button that filters by them),
// the action, the entity (a link to its page in the console where it has one) and each changed field
// from its old to its new value (secrets arrive redacted).
import { Anchor, Code, Table, Text, UnstyledButton } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { AuditEvent } from '../../api/types'
import { formatDateTime } from '../../i18n/format'
import { followLink } from '../../router'
import { consoleHref, useConsole } from '../console-context'
import { ChangeList } from './ChangeList'
import { actionLabel, entityLabel } from './events'

/** The console pages of the kinds of entity that have one. */
const PAGE_OF: Record<string, string> = { user: '/users', campaign: '/campaigns', team: '/teams', role: '/roles', tenant: '/tenants' }

export function AuditTable({ events, names, onActor }: { events: AuditEvent[]; names: ReadonlyMap<string, string>; onActor: (actor: string) => void }) {
  const { t, i18n } = useTranslation()
  const { me, can, tenant, timeZone } = useConsole()
  const entityHref = (event: AuditEvent) => {
    const page = PAGE_OF[event.entityType]
    if (!page || (event.entityType === 'tenant' && !me.isPlatformAdmin) || event.action.endsWith('.delete')) return null
    return consoleHref(`${page}/${event.entityId}`, tenant)
  }
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped verticalSpacing="xs" data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.time')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.entity')}</Table.Th>
            <Table.Th>{t('audit.changes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => {
            const href = entityHref(event)
            const actor = event.actorUsername ?? event.actorId
            return (
              <Table.Tr key={event.id} data-action={event.action}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.at, i18n.language, timeZone)}</Table.Td>
                <Table.Td>
                  {actor && event.actorId !== 'system' && can('users:read')
                    ? <UnstyledButton fz="sm" c="blue.8" td="underline" onClick={() => onActor(event.actorId!)} aria-label={t('audit.filterByActor', { actor })}>{actor}</UnstyledButton>
                    : <Text size="sm">{actor && event.actorId !== 'system' ? actor : t('userEditor.history.system')}</Text>}
                  {event.clientIp && <Text size="xs" c="dimmed">{event.clientIp}</Text>}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{actionLabel(t, event.action)}</Text>
                  <Code fz="xs">{event.action}</Code>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{entityLabel(t, event.entityType)}</Text>
                  {href ? <Anchor href={href} onClick={followLink} size="xs" ff="monospace">{names.get(event.entityId) ?? event.entityId}</Anchor>
                    : <Text size="xs" ff="monospace">{names.get(event.entityId) ?? event.entityId}</Text>}
                </Table.Td>
                <Table.Td><ChangeList changes={event.changes} names={names} /></Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
