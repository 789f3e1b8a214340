// The user's picture in the editor: upload (PNG or JPEG up to 8 MB) and remove, each at once (not with
// Save: the picture is no field of the form). A refusal shows the message for the API's code.
import { Button, FileButton, Group, Stack, Text } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../../api/client'
import type { User } from '../../../api/types'
import { ProblemAlert } from '../../../components/ProblemAlert'
import { UserAvatar } from '../UserAvatar'
import { removeAvatar, uploadAvatar } from './api'

// The API's limit: a larger file is refused here, without sending it.
const MAX_BYTES = 8 * 1024 * 1024

export function AvatarField({ user, canWrite, onChanged }: { user: User; canWrite: boolean; onChanged: () => Promise<void> }) {
  const { t } = useTranslation()
  const [done, setDone] = useState<'uploaded' | 'removed' | null>(null)
  // Cleared after each choice, so that choosing the same file again (say, after a refusal) uploads it again.
  const resetRef = useRef<() => void>(null)
  const upload = useMutation({
    mutationFn: async (file: File) => {
      if (file.size > MAX_BYTES) throw new ApiError(413, 'avatar_too_large', '', [], null)
      await uploadAvatar(user.id, file)
      await onChanged()
    },
    onMutate: () => setDone(null),
    onSuccess: () => setDone('uploaded'),
    onSettled: () => resetRef.current?.(),
  })
  const remove = useMutation({
    mutationFn: async () => {
      await removeAvatar(user.id)
      await onChanged()
    },
    onMutate: () => setDone(null),
    onSuccess: () => setDone('removed'),
  })
  const busy = upload.isPending || remove.isPending
  return (
    <Stack gap="xs" maw={760} data-testid="avatar-field">
      <Text fw={500} size="sm">{t('userEditor.picture.title')}</Text>
      <Group gap="md" align="center">
        <UserAvatar user={user} size={72} alt={t('userEditor.picture.alt', { username: user.username })} />
        {user.avatarVersion === null && <Text size="sm" c="dimmed">{t('userEditor.picture.none')}</Text>}
        {canWrite && (
          <>
            <FileButton accept="image/png,image/jpeg" resetRef={resetRef} disabled={busy}
              onChange={(file) => { if (file) { remove.reset(); upload.mutate(file) } }} inputProps={{ 'aria-label': t('userEditor.picture.upload') }}>
              {(props) => <Button {...props} variant="default" loading={upload.isPending} disabled={busy}>{t('userEditor.picture.upload')}</Button>}
            </FileButton>
            {user.avatarVersion !== null && (
              <Button variant="subtle" color="red" onClick={() => { upload.reset(); remove.mutate() }} loading={remove.isPending} disabled={busy}>
                {t('userEditor.picture.remove')}
              </Button>
            )}
          </>
        )}
      </Group>
      {canWrite && <Text size="xs" c="dimmed">{t('userEditor.picture.hint')}</Text>}
      <ProblemAlert error={upload.error ?? remove.error} />
      {done && <Text size="sm" c="green.8" role="status">{t(done === 'uploaded' ? 'userEditor.picture.uploaded' : 'userEditor.picture.removed')}</Text>}
    </Stack>
  )
}
