// /roles/new and /roles/<id>: a role's name, description and permissions. Built-in roles are shown
// read-only, with "Copy into a new role". No escalation: a permission the editor lacks cannot be
// granted (its box is off and says why), and a role that holds one cannot be changed or deleted at all;
// the server's refusals (403 privilege_escalation) say the same.
import { Alert, Badge, Button, Stack, Textarea, TextInput } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Role, RoleCreate, RolePatch } from '../../api/types'
import { fieldError } from '../../components/field-error'
import { itemMessages } from '../../i18n/messages'
import { navigate } from '../../router'
import { consoleKeys } from '../api'
import { consoleHref, useConsole } from '../console-context'
import { EditorFrame } from '../forms/EditorFrame'
import { useResourceEditor } from '../forms/useResourceEditor'
import { UsersLink } from '../lists/UsersLink'
import { listPermissions, permissionsKey, rolesApi } from './api'
import { PermissionChoices } from './PermissionChoices'

export interface RoleDraft { name: string; description: string; permissions: string[] }

// "Copy into a new role" hands its draft to the editor of /roles/new.
let copied: RoleDraft | null = null

const sorted = (permissions: readonly string[]) => [...permissions].sort()

export function RoleEditor({ id }: { id: string | null }) {
  const { t } = useTranslation()
  const { me, can, tenant } = useConsole()
  const held = new Set(me.permissions)
  const catalogue = useQuery({ queryKey: permissionsKey, queryFn: listPermissions, staleTime: Infinity })
  const [initial] = useState<RoleDraft>(() => (id === null && copied) || { name: '', description: '', permissions: [] })
  useEffect(() => {
    copied = null
  }, [])
  const { form, listHref } = useResourceEditor<Role, RoleDraft, RoleCreate, RolePatch>({
    id, pagePath: '/roles', choicesKey: consoleKeys.roles(null).slice(0, 2), api: rolesApi,
    draftOf: (role) => ({ name: role.name, description: role.description, permissions: sorted(role.permissions) }),
    initial,
    normalise: (draft) => ({ name: draft.name.trim(), description: draft.description.trim(), permissions: sorted(draft.permissions) }),
    createBody: (draft, tenantId) => ({ ...draft, permissions: draft.permissions as RoleCreate['permissions'], ...(tenantId ? { tenantId } : {}) }),
  })
  const { item, error } = form
  const beyondMine = (item?.permissions ?? []).filter((p) => !held.has(p))
  const changeable = can('roles:manage') && !item?.builtin && beyondMine.length === 0
  const copy = () => {
    if (!item) return
    copied = { name: t('roles.copyName', { name: item.name }), description: item.description, permissions: item.permissions.filter((p) => held.has(p)) }
    navigate(consoleHref('/roles/new', tenant))
  }

  return (
    <EditorFrame form={form} title={item ? item.name : t('roles.newTitle')} back={{ href: listHref, label: t('roles.back') }}
      badges={item && <Badge variant="light" color={item.builtin ? 'gray' : 'blue'}>{item.builtin ? t('roles.builtin') : t('roles.custom')}</Badge>}
      canWrite={changeable} readOnlyText={item?.builtin ? t('roles.builtinReadOnly') : beyondMine.length > 0 ? '' : t('roles.readOnly')}
      fields={['name', 'description', 'permissions']} problemMessages={{ privilege_escalation: t('roles.escalation'), role_in_use: t('roles.inUse') }}
      actions={item && can('roles:manage') && <Button variant="default" onClick={copy}>{t('roles.copy')}</Button>}
      deleteQuestion={item ? { title: t('roles.deleteTitle', { name: item.name }), text: t('roles.deleteText'), confirmLabel: t('roles.deleteConfirm') } : null}>
      {(draft) => (
        <Stack gap="md">
          {item && beyondMine.length > 0 && can('roles:manage') && !item.builtin && (
            <Alert color="yellow" title={t('roles.beyondMineTitle')} data-testid="role-beyond-mine">{t('roles.beyondMine', { permissions: beyondMine.join(', ') })}</Alert>
          )}
          <Stack gap="md" maw={620}>
            <TextInput label={t('lists.name')} required value={draft.name} maxLength={100}
              onChange={(event) => form.change({ name: event.currentTarget.value })} error={fieldError(t, error, 'name')} />
            <Textarea label={t('roles.description')} value={draft.description} maxLength={1000} autosize minRows={2}
              onChange={(event) => form.change({ description: event.currentTarget.value })} error={fieldError(t, error, 'description')} />
            {item && <UsersLink filter="role" id={item.id} name={item.name} />}
          </Stack>
          <PermissionChoices catalogue={catalogue.data ?? null} catalogueError={catalogue.error} value={draft.permissions} held={held}
            platformTenant={tenant.slug === 'system'} onChange={(permissions) => form.change({ permissions })}
            error={fieldError(t, error, 'permissions', itemMessages(t, error, 'permissions'))} />
        </Stack>
      )}
    </EditorFrame>
  )
}
