// The choose_campaign step: the campaign this session works on.
import { Button, Radio, Stack, Text, Title } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { SignInAnswer } from '../api/types'
import { ProblemAlert } from '../components/ProblemAlert'
import { fieldError } from '../components/field-error'
import { chooseCampaign } from './api'

export function ChooseCampaignStep({ answer, onAnswer }: { answer: SignInAnswer; onAnswer: (answer: SignInAnswer) => void }) {
  const { t } = useTranslation()
  const campaigns = answer.campaigns ?? []
  const [campaignId, setCampaignId] = useState(campaigns.length === 1 ? campaigns[0]!.id : '')
  const mutation = useMutation({ mutationFn: () => chooseCampaign(campaignId), onSuccess: onAnswer })
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (campaignId) mutation.mutate()
  }
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Title order={3}>{t('chooseCampaign.title')}</Title>
        <Text size="sm">{t('chooseCampaign.help')}</Text>
        <ProblemAlert error={mutation.error} fields={['campaignId']} />
        <Radio.Group label={t('chooseCampaign.campaign')} value={campaignId} onChange={setCampaignId} error={fieldError(t, mutation.error, 'campaignId')} required>
          <Stack gap="xs" mt="xs">
            {campaigns.map((campaign) => <Radio key={campaign.id} value={campaign.id} label={campaign.name} />)}
          </Stack>
        </Radio.Group>
        <Button type="submit" disabled={!campaignId} loading={mutation.isPending}>{t('chooseCampaign.submit')}</Button>
      </Stack>
    </form>
  )
}
