// The permissions of one role, from the catalogue, by area: a box per permission with what it allows.
// A permission the editor does not hold cannot be granted (no escalation), and tenants:manage only in
// the platform tenant; each such box is off and says why.
import { Center, Checkbox, Code, Fieldset, Loader, SimpleGrid, Stack, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { PermissionInfo } from '../../api/types'
import { ProblemAlert } from '../../components/ProblemAlert'
import { areaName, byArea, permissionDescription } from './permission-text'

export function PermissionChoices({ catalogue, catalogueError, value, held, platformTenant, onChange, error }: {
  catalogue: PermissionInfo[] | null
  catalogueError: unknown
  value: string[]
  /** The editor's own permissions. */
  held: ReadonlySet<string>
  platformTenant: boolean
  onChange: (permissions: string[]) => void
  error: ReactNode
}) {
  const { t } = useTranslation()
  if (catalogueError) return <ProblemAlert error={catalogueError} />
  if (!catalogue) return <Center py="md"><Loader size="sm" aria-label={t('app.loading')} /></Center>
  const toggle = (name: string, on: boolean) => onChange(on ? [...value, name] : value.filter((p) => p !== name))
  const why = (permission: PermissionInfo) => {
    if (permission.platformOnly && !platformTenant) return t('roles.platformOnly')
    if (!held.has(permission.name)) return t('roles.notHeld')
    return null
  }
  return (
    <Stack gap="sm" data-testid="permission-choices">
      <Text fw={500} size="sm" id="role-permissions">{t('roles.permissions')}</Text>
      {error && <Text size="sm" c="red.8" role="alert">{error}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" role="group" aria-labelledby="role-permissions">
        {byArea(catalogue).map(({ area, permissions }) => (
          <Fieldset key={area} legend={areaName(t, area)} variant="filled" p="sm">
            <Stack gap="xs">
              {permissions.map((permission) => {
                const reason = why(permission)
                const checked = value.includes(permission.name)
                return (
                  <Checkbox key={permission.name} checked={checked} disabled={reason !== null && !checked} wrapperProps={{ 'data-permission': permission.name }}
                    onChange={(event) => toggle(permission.name, event.currentTarget.checked)}
                    label={<><Code>{permission.name}</Code> {permissionDescription(t, permission)}</>}
                    description={reason} />
                )
              })}
            </Stack>
          </Fieldset>
        ))}
      </SimpleGrid>
    </Stack>
  )
}
