// What a bulk action needs: a role (only those the user may assign: none that allows more than their
// own), a campaign, a team or a required action, chosen from the console tenant's lists.
import { NativeSelect } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useTenantLists } from '../../api'
import { tenantQuery, useConsole } from '../../console-context'
import { assignable } from '../editor/BasicTab'
import { REQUIRED_ACTIONS } from '../editor/draft'
import type { BulkParameter } from './bulk'

export function BulkParameterSelect({ parameter, value, onChange, error }: { parameter: BulkParameter; value: string | null; onChange: (value: string | null) => void; error: ReactNode }) {
  const { t } = useTranslation()
  const { me, tenant } = useConsole()
  const lists = useTenantLists(tenantQuery(tenant).tenant ?? null, { roles: parameter === 'roleId', campaigns: parameter === 'campaignId', teams: parameter === 'teamId' })
  const held = new Set(me.permissions)
  const options = (() => {
    switch (parameter) {
      case 'roleId':
        return (lists.roles.data ?? []).map((role) => {
          const may = assignable(role, held)
          return { value: role.id, label: may ? role.name : t('userEditor.basic.roleNotAssignable', { role: role.name }), disabled: !may }
        })
      case 'campaignId':
        return (lists.campaigns.data ?? []).map((c) => ({ value: c.id, label: c.active ? c.name : t('users.inactiveName', { name: c.name }) }))
      case 'teamId':
        return (lists.teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))
      case 'requiredAction':
        return REQUIRED_ACTIONS.map((action) => ({ value: action, label: t(`userEditor.security.actions.${action}`) }))
    }
  })()
  return (
    <NativeSelect label={t(`bulk.parameters.${parameter}`)} required value={value ?? ''} error={error} data-autofocus
      onChange={(event) => onChange(event.currentTarget.value || null)}
      data={[{ value: '', label: t('bulk.choose') }, ...options]} />
  )
}
