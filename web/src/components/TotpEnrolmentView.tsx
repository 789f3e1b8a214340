// Adding an authenticator app: the QR code and the key as text, then the first code confirms it.
import { Button, Code, Image, Stack, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { TotpEnrolment } from '../api/types'
import { fieldError } from './field-error'

// An <img> of the server's SVG: the strict CSP allows data: images, and no markup is injected.
const qrSource = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`

/** The key in groups of four, as authenticator apps show it. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim()

export function TotpEnrolmentView({ enrolment, onConfirm, pending, error }: {
  enrolment: TotpEnrolment
  onConfirm: (code: string) => void
  pending: boolean
  error: unknown
}) {
  const { t } = useTranslation()
  const [code, setCode] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onConfirm(code.replace(/\s/g, ''))
  }
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm">{t('totp.scan')}</Text>
        <Image src={qrSource(enrolment.qrSvg)} alt={t('totp.qrAlt')} w={200} h={200} />
        <Text size="sm">{t('totp.secret')}</Text>
        <Code fz="md" data-testid="totp-secret" data-secret={enrolment.secret}>{grouped(enrolment.secret)}</Code>
        <TextInput
          label={t('totp.code')}
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          error={fieldError(t, error, 'code')}
        />
        <Button type="submit" loading={pending}>{t('totp.confirm')}</Button>
      </Stack>
    </form>
  )
}
