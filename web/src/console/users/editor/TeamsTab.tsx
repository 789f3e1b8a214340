// Teams (the Workspace's "Assigned Teams"): the tenant's teams to pick from.
import { useTranslation } from 'react-i18next'
import type { Team } from '../../../api/types'
import { fieldError } from '../../../components/field-error'
import { itemMessages } from '../../../i18n/messages'
import { ChoiceList } from './ChoiceList'
import type { TabProps } from './tab-props'

export function TeamsTab({ draft, change, error, teams }: TabProps & { teams: Team[] | undefined }) {
  const { t } = useTranslation()
  return (
    <ChoiceList label={t('userEditor.teams.label')} items={(teams ?? []).map((team) => ({ id: team.id, label: team.name }))} value={draft.teamIds}
      onChange={(teamIds) => change({ teamIds })} error={fieldError(t, error, 'teamIds', itemMessages(t, error, 'teamIds'))}
      empty={t('userEditor.teams.none')} filterLabel={t('userEditor.teams.filter')} />
  )
}
