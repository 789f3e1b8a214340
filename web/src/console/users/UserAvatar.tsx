// A user's picture, small and round, with their initials when there is none (or it cannot load).
import { Avatar, type MantineSize } from '@mantine/core'
import type { User } from '../../api/types'

/** The picture's URL; the version in it changes with every new picture, so browsers may cache it. */
export const avatarUrl = (user: Pick<User, 'id' | 'avatarVersion'>) =>
  user.avatarVersion === null ? null : `/api/v1/users/${encodeURIComponent(user.id)}/avatar?v=${user.avatarVersion}`

const INITIALS_COLORS = ['blue', 'indigo', 'violet', 'grape', 'red', 'green']

/** Without alt, the picture is decoration beside the user's name (and hidden from screen readers). */
export function UserAvatar({ user, size, alt }: {
  user: Pick<User, 'id' | 'avatarVersion' | 'username' | 'displayName' | 'firstName' | 'lastName'>
  size: MantineSize | number
  alt?: string
}) {
  const name = user.displayName.trim() || `${user.firstName} ${user.lastName}`.trim() || user.username
  return (
    // Initials in white on shade 8 of colours that keep 4.5:1 there (teal, cyan, lime, orange do not).
    <Avatar src={avatarUrl(user)} name={name} color="initials" allowedInitialsColors={INITIALS_COLORS} variant="filled" radius={1000} size={size} alt={alt ?? ''} aria-hidden={alt ? undefined : true}
      imageProps={{ loading: 'lazy', decoding: 'async' }} data-testid="user-avatar" />
  )
}
