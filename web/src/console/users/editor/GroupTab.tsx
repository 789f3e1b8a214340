// Group & skills (Puzzel's user group and profiles; people only): the user's group, which cannot
// change while they are logged on to the queues; each property the group hands down with the value in
// force and where it comes from, a value of the user's own or "Use the group's value"; the user's own
// resource filters beside the group's; and, once the user exists, their profiles and skills.
import { Button, Fieldset, Group, List, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Campaign, User, UserGroup } from '../../../api/types'
import { fieldError } from '../../../components/field-error'
import { localeName } from '../../../components/LocaleTimeZoneSelects'
import { itemMessages } from '../../../i18n/messages'
import { NUMBER_PROPERTIES, type NumberProperty } from '../../groups/properties'
import { ChoiceList } from './ChoiceList'
import type { TabProps } from './tab-props'
import { UserProfiles } from './UserProfiles'

export function GroupTab({ draft, change, error, user, groups, campaigns, loggedOn, canWrite }: TabProps & {
  user: User | null
  groups: UserGroup[] | undefined
  /** Undefined without campaigns:read: the resource filters are not shown. */
  campaigns: Campaign[] | undefined
  loggedOn: boolean
  canWrite: boolean
}) {
  const { t } = useTranslation()
  // Rows whose own value is being typed (shown even while emptied).
  const [editing, setEditing] = useState<ReadonlySet<NumberProperty>>(new Set())
  const defaultGroup = groups?.find((g) => g.isDefault)
  const groupId = draft.groupId || defaultGroup?.id || ''
  const group = groups?.find((g) => g.id === groupId)
  const groupName = group?.name ?? user?.groupName ?? ''
  const nameOf = (id: string) => campaigns?.find((c) => c.id === id)?.name ?? id
  const groupValue = (name: NumberProperty): number | null =>
    group ? group.properties[name] : user && user.properties[name].inherited ? user.properties[name].effective : null
  const setOwn = (name: NumberProperty, value: string) => change({ propertyOverrides: { ...draft.propertyOverrides, [name]: value } })
  const startOwn = (name: NumberProperty) => {
    setEditing(new Set([...editing, name]))
    setOwn(name, String(groupValue(name) ?? ''))
  }
  const inherit = (name: NumberProperty) => {
    setEditing(new Set([...editing].filter((n) => n !== name)))
    setOwn(name, '')
  }
  const language = draft.locale ? { value: draft.locale, own: true } : { value: group?.properties.language ?? null, own: false }

  return (
    <Stack gap="lg" maw={860}>
      <Stack gap={4}>
        {/* The reason it is disabled as its description (which Mantine links to it with aria-describedby). */}
        <NativeSelect label={t('userEditor.group.group')} value={groupId} disabled={loggedOn || !canWrite}
          description={loggedOn ? t('userEditor.group.loggedOnNoMove') : undefined} descriptionProps={{ 'data-testid': 'group-blocked' }}
          onChange={(event) => change({ groupId: event.currentTarget.value })} error={fieldError(t, error, 'groupId')}
          data={[...(groups ?? []).map((g) => ({ value: g.id, label: g.isDefault ? t('skills.defaultGroup', { name: g.name }) : g.name })),
            ...(groups && groupId && !groups.some((g) => g.id === groupId) ? [{ value: groupId, label: groupName || groupId }] : [])]} />
        {user && draft.groupId && draft.groupId !== user.groupId && <Text size="sm" c="dimmed">{t('userEditor.group.moveKeeps')}</Text>}
      </Stack>

      <Fieldset legend={t('userEditor.group.properties')}>
        <Table data-testid="user-properties" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('userEditor.group.property')}</Table.Th>
              <Table.Th>{t('userEditor.group.value')}</Table.Th>
              <Table.Th>{t('userEditor.group.source')}</Table.Th>
              <Table.Th>{t('userEditor.group.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr data-property="language">
              <Table.Td>{t('groups.propertyNames.language')}</Table.Td>
              <Table.Td>{language.value ? localeName(t, language.value) : t('groups.tenantLanguage')}</Table.Td>
              <Table.Td data-source={language.own ? 'own' : 'inherited'}>{language.own ? t('userEditor.group.own') : t('userEditor.group.inherited', { group: groupName })}</Table.Td>
              <Table.Td><Text size="xs" c="dimmed">{t('userEditor.group.languageOnProfile')}</Text></Table.Td>
            </Table.Tr>
            {NUMBER_PROPERTIES.map((name) => {
              const label = t(`groups.propertyNames.${name}`)
              const own = draft.propertyOverrides[name] !== '' || editing.has(name)
              const message = fieldError(t, error, `propertyOverrides.${name}`)
              return (
                <Table.Tr key={name} data-property={name}>
                  <Table.Td>{label}</Table.Td>
                  <Table.Td>
                    {own ? (
                      <TextInput size="xs" w={120} inputMode="numeric" aria-label={t('userEditor.group.ownValueOf', { property: label })} value={draft.propertyOverrides[name]}
                        onChange={(event) => setOwn(name, event.currentTarget.value)} error={message} />
                    ) : <Text size="sm">{groupValue(name) ?? '—'}</Text>}
                  </Table.Td>
                  <Table.Td data-source={own ? 'own' : 'inherited'}>
                    <Text size="sm">{own ? t('userEditor.group.own') : t('userEditor.group.inherited', { group: groupName })}</Text>
                  </Table.Td>
                  <Table.Td>
                    {canWrite && (own ? (
                      <Button size="compact-xs" variant="subtle" onClick={() => inherit(name)} aria-label={t('userEditor.group.useGroupValueFor', { property: label })}>
                        {t('userEditor.group.useGroupValue')}
                      </Button>
                    ) : (
                      <Button size="compact-xs" variant="subtle" onClick={() => startOwn(name)} aria-label={t('userEditor.group.setOwnFor', { property: label })}>
                        {t('userEditor.group.setOwn')}
                      </Button>
                    ))}
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
      </Fieldset>

      {campaigns && (
        <Fieldset legend={t('userEditor.group.resourceFilters')}>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">{t('userEditor.group.resourceFiltersHint')}</Text>
            <ChoiceList label={t('userEditor.group.ownFilters')} items={campaigns.map((c) => ({ id: c.id, label: c.name }))} value={draft.resourceFilterIds}
              onChange={(resourceFilterIds) => change({ resourceFilterIds })} error={fieldError(t, error, 'resourceFilterIds', itemMessages(t, error, 'resourceFilterIds'))}
              empty={t('groups.noCampaigns')} filterLabel={t('groups.findCampaign')} />
            <Stack gap={4} data-testid="group-filters">
              <Text size="sm" fw={500}>{t('userEditor.group.groupFilters', { group: groupName })}</Text>
              {(group?.resourceFilterIds ?? []).length === 0 ? <Text size="sm" c="dimmed">{t('userEditor.group.noGroupFilters')}</Text> : (
                <List size="sm">{group!.resourceFilterIds.map((id) => <List.Item key={id}>{nameOf(id)}</List.Item>)}</List>
              )}
            </Stack>
          </Stack>
        </Fieldset>
      )}

      {user ? <UserProfiles user={user} groupChanged={draft.groupId !== user.groupId} canWrite={canWrite} />
        : <Group><Text size="sm" c="dimmed">{t('userEditor.group.profilesAfterCreate')}</Text></Group>}
    </Stack>
  )
}
