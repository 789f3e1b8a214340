// Numbered pages with previous/next, labelled for screen readers; nothing for a single page.
import { Pagination } from '@mantine/core'
import { useTranslation } from 'react-i18next'

export function PageNumbers({ pages, page, onChange }: { pages: number; page: number; onChange: (page: number) => void }) {
  const { t, i18n } = useTranslation()
  if (pages <= 1) return null
  const number = (value: number) => new Intl.NumberFormat(i18n.language).format(value)
  return (
    <nav aria-label={t('users.pages')}>
      <Pagination total={pages} value={Math.min(page, pages)} onChange={onChange} siblings={1} boundaries={1}
        getItemProps={(n) => ({ 'aria-label': t('users.pageN', { page: number(n) }) })}
        getControlProps={(control) => ({ 'aria-label': t(`users.pageControls.${control}`) })} />
    </nav>
  )
}
