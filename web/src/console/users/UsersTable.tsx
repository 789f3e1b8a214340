// The results list: the chosen columns, sortable by their names (aria-sort says how), a checkbox per
// row for the bulk actions; the username opens the user's editor (a click on the row does the same).
import { Anchor, Badge, Checkbox, Group, Table, Text, UnstyledButton } from '@mantine/core'
import { memo, useCallback, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { User, UserSort } from '../../api/types'
import { formatDateTime } from '../../i18n/format'
import { followLink, navigate } from '../../router'
import { SORT_OF, TEXT_OF, type Column } from './columns'
import { UserAvatar } from './UserAvatar'

export interface RowSelection {
  isSelected: (id: string) => boolean
  toggle: (id: string) => void
  /** Every row of this page, on or off. */
  togglePage: (on: boolean) => void
}

export function UsersTable({ users, columns, sort, order, onSort, selection, editHref, timeZone }: {
  users: User[]
  columns: readonly Column[]
  sort: UserSort
  order: 'asc' | 'desc'
  onSort: (sort: UserSort) => void
  selection: RowSelection | null
  editHref: (user: User) => string
  timeZone: string
}) {
  const { t } = useTranslation()
  const selectedOnPage = users.filter((user) => selection?.isSelected(user.id)).length
  // The rows are drawn again only when their user, columns or selection change (not for a new sort
  // being asked for, while the last page still shows): a stable toggle that calls the current one.
  const toggleRef = useRef(selection?.toggle)
  toggleRef.current = selection?.toggle
  const toggle = useCallback((id: string) => toggleRef.current?.(id), [])
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover stickyHeader verticalSpacing={6} horizontalSpacing="xs" fz="sm" data-testid="users-table">
        <Table.Thead>
          <Table.Tr>
            {selection && (
              <Table.Th w={40}>
                <Checkbox aria-label={t('users.selectPage')} checked={users.length > 0 && selectedOnPage === users.length}
                  indeterminate={selectedOnPage > 0 && selectedOnPage < users.length} onChange={(event) => selection.togglePage(event.currentTarget.checked)} />
              </Table.Th>
            )}
            {columns.map((column) => {
              const columnSort = SORT_OF[column]
              const label = t(`users.columns.${column}`)
              if (!columnSort) return <Table.Th key={column}>{label}</Table.Th>
              const active = columnSort === sort
              return (
                <Table.Th key={column} aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'} style={{ whiteSpace: 'nowrap' }}>
                  <UnstyledButton onClick={() => onSort(columnSort)} fw={700} fz="sm" aria-label={t('users.sortBy', { column: label })}>
                    {label} <span aria-hidden="true">{active ? (order === 'asc' ? '▲' : '▼') : '↕'}</span>
                  </UnstyledButton>
                </Table.Th>
              )
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <UserRow key={user.id} user={user} columns={columns} href={editHref(user)} timeZone={timeZone}
              selected={selection ? selection.isSelected(user.id) : null} onToggle={toggle} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

const UserRow = memo(function UserRow({ user, columns, href, timeZone, selected, onToggle }: {
  user: User
  columns: readonly Column[]
  href: string
  timeZone: string
  /** Null: no selection column. */
  selected: boolean | null
  onToggle: (id: string) => void
}) {
  const { t, i18n } = useTranslation()
  const cell = (column: Column) => {
    if (column === 'active') {
      return user.active ? <Badge variant="light" color="green">{t('users.yes')}</Badge> : <Badge variant="light" color="gray">{t('users.no')}</Badge>
    }
    if (column === 'username') {
      // The way to the user's editor; its name says so and holds what it shows (WCAG 2.5.3).
      return (
        <Group gap={8} wrap="nowrap">
          <UserAvatar user={user} size={24} />
          <Anchor href={href} onClick={followLink} size="sm" fw={500} aria-label={t('users.editUser', { username: user.username })}>{user.username}</Anchor>
        </Group>
      )
    }
    if (column === 'presence') {
      const { state, since } = user.presence
      if (state === 'logged_off') return <Text span c="dimmed" size="sm">{t('users.loggedOff')}</Text>
      return <Badge variant="light" color="green" tt="none">{since ? t('users.loggedOnSince', { time: formatDateTime(since, i18n.language, timeZone) }) : t('users.loggedOn')}</Badge>
    }
    if (column === 'lastLoginAt' || column === 'createdAt') {
      const at = user[column]
      return at ? formatDateTime(at, i18n.language, timeZone) : <Text span c="dimmed" size="sm">{t('users.never')}</Text>
    }
    return TEXT_OF[column]?.(user) ?? ''
  }
  return (
    <Table.Tr style={{ cursor: 'pointer' }} data-user={user.username}
      onClick={(event) => { if (!(event.target as HTMLElement).closest('a, button, input, label')) navigate(href) }}>
      {selected !== null && (
        <Table.Td>
          <Checkbox aria-label={t('users.selectRow', { username: user.username })} checked={selected} onChange={() => onToggle(user.id)} />
        </Table.Td>
      )}
      {columns.map((column) => <Table.Td key={column} style={column === 'lastLoginAt' || column === 'createdAt' || column === 'presence' ? { whiteSpace: 'nowrap' } : undefined}>{cell(column)}</Table.Td>)}
    </Table.Tr>
  )
})
