// /roles: the permission matrix of the tenant's roles: a column per role (built-in ones first, each
// name a link to the role, how many hold it a link to the users page filtered by it), a row per
// permission of the catalogue, grouped by area.
import { Anchor, Badge, Button, Center, Code, Group, Loader, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import type { Role } from '../../api/types'
import { ProblemAlert } from '../../components/ProblemAlert'
import { followLink } from '../../router'
import { useTenantLists } from '../api'
import { consoleHref, tenantQuery, useConsole } from '../console-context'
import { UsersLink } from '../lists/UsersLink'
import { listPermissions, permissionsKey } from './api'
import { areaName, byArea, permissionDescription } from './permission-text'

/** Built-in roles first, in the order they are seeded (most rights first), then custom ones by name. */
const BUILTIN_ORDER = ['administrator', 'contact-centre-manager', 'campaign-administrator', 'quality-manager', 'team-leader', 'agent']
const rank = (role: Role) => (role.key === null ? BUILTIN_ORDER.length : Math.max(0, BUILTIN_ORDER.indexOf(role.key)))
export const sortRoles = (roles: Role[]) => [...roles].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))

export function RolesPage() {
  const { t } = useTranslation()
  const { can, tenant } = useConsole()
  const catalogue = useQuery({ queryKey: permissionsKey, queryFn: listPermissions, staleTime: Infinity })
  const { roles } = useTenantLists(tenantQuery(tenant).tenant ?? null, { roles: true, campaigns: false, teams: false })
  const error = catalogue.error ?? roles.error
  const sorted = sortRoles(roles.data ?? [])

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">{t('roles.title')}</Title>
        {can('roles:manage') && <Button component="a" href={consoleHref('/roles/new', tenant)} onClick={followLink}>{t('roles.add')}</Button>}
      </Group>
      <Text size="sm" maw={820}>{t('roles.intro')}</Text>
      <Paper withBorder radius="md">
        {error ? <Stack p="md"><ProblemAlert error={error} /></Stack> : !catalogue.data || !roles.data ? (
          <Center p="xl"><Loader size="sm" aria-label={t('app.loading')} /></Center>
        ) : (
          <Table.ScrollContainer minWidth={Math.max(640, 260 + sorted.length * 110)}>
            <Table withColumnBorders verticalSpacing={6} data-testid="permission-matrix">
              <caption><VisuallyHidden>{t('roles.matrixCaption')}</VisuallyHidden></caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('roles.permission')}</Table.Th>
                  {sorted.map((role) => (
                    <Table.Th key={role.id} scope="col" ta="center" miw={104} style={{ verticalAlign: 'bottom' }} data-role={role.name}>
                      <Stack gap={2} align="center">
                        <Anchor href={consoleHref(`/roles/${role.id}`, tenant)} onClick={followLink} size="sm" fw={700}>{role.name}</Anchor>
                        <Badge size="xs" variant="light" color={role.builtin ? 'gray' : 'blue'}>{role.builtin ? t('roles.builtin') : t('roles.custom')}</Badge>
                      </Stack>
                    </Table.Th>
                  ))}
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">{t('roles.holders')}</Table.Th>
                  {sorted.map((role) => <Table.Td key={role.id} ta="center"><UsersLink filter="role" id={role.id} name={role.name} /></Table.Td>)}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {byArea(catalogue.data).map(({ area, permissions }) => (
                  <Fragment key={area}>
                    <Table.Tr bg="gray.0">
                      <Table.Th scope="rowgroup" colSpan={sorted.length + 1}>{areaName(t, area)}</Table.Th>
                    </Table.Tr>
                    {permissions.map((permission) => (
                      <Table.Tr key={permission.name}>
                        <Table.Th scope="row" fw={400}>
                          <Code>{permission.name}</Code>
                          <Text size="xs" c="dimmed">{permissionDescription(t, permission)}</Text>
                        </Table.Th>
                        {sorted.map((role) => {
                          const holds = role.permissions.includes(permission.name)
                          return (
                            <Table.Td key={role.id} ta="center" data-allowed={holds}>
                              <span aria-hidden="true">{holds ? '✓' : '·'}</span>
                              <VisuallyHidden>{holds ? t('roles.allowed') : t('roles.notAllowed')}</VisuallyHidden>
                            </Table.Td>
                          )
                        })}
                      </Table.Tr>
                    ))}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  )
}
