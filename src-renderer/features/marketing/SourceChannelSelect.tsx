/**
 * The source-channel pick-list of the client and enrollment editors: the values
 * of the school's list (Settings → Lists), each in the reader's language, plus
 * the value already stored when the list no longer holds it, so opening an old
 * record never blanks its channel. The list is read through `schoolLists.get`;
 * the service still checks the value, so the list here is a help, not the rule.
 */
import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../api/context';
import { useListWord } from './words';

export interface ListSelectProps {
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  size?: 'xs' | 'sm';
  'data-testid'?: string;
}

function ListSelect({
  list,
  label,
  values,
  value,
  onChange,
  error,
  size = 'sm',
  ...rest
}: ListSelectProps & { list: 'channel' | 'reason'; label: string; values: string[] }) {
  const word = useListWord();
  const options = [...values, ...(value && !values.includes(value) ? [value] : [])].map((v) => ({ value: v, label: word(list, v) }));
  return (
    <Select
      size={size}
      label={label}
      data={options}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      clearable
      searchable
      error={error}
      data-testid={rest['data-testid']}
    />
  );
}

export function SourceChannelSelect(props: ListSelectProps) {
  const { t } = useTranslation();
  const lists = useQuery('schoolLists.get', {}, { tables: ['settings'] });
  return <ListSelect {...props} list="channel" label={t('marketing.source.label')} values={lists.data?.sourceChannels ?? []} />;
}

export function LostReasonSelect(props: ListSelectProps) {
  const { t } = useTranslation();
  const lists = useQuery('schoolLists.get', {}, { tables: ['settings'] });
  return <ListSelect {...props} list="reason" label={t('marketing.lostReason.label')} values={lists.data?.lostReasons ?? []} />;
}
