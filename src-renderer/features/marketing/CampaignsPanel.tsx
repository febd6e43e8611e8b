/**
 * The campaigns list and its editor (owner: `catalog.write`): name, kind,
 * channel from the school's list, dates, cost, and for an open day the event
 * group its registrations are enrolled in. The list shows how many enrollments
 * each campaign brought; what they paid against the cost is the campaign-return
 * report beside it. Errors from the service show under their field.
 */
import {
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { campaignKinds, type Campaign, type CampaignKind } from '../../../src-shared/api/marketing-methods';
import { currencyExponent } from '../../../src-shared/money';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useCan } from '../../shared/permissions';
import { useFormat } from '../../shared/workspace';
import { SourceChannelSelect } from './SourceChannelSelect';
import { useListWord } from './words';

interface Draft {
  name: string;
  kind: CampaignKind;
  channel: string;
  startsOn: string;
  endsOn: string;
  cost: number | string;
  cohortId: string;
  notes: string;
  archived: boolean;
}

function draftOf(campaign: Campaign | null, exponent: number): Draft {
  return {
    name: campaign?.name ?? '',
    kind: campaign?.kind ?? 'open_day',
    channel: campaign?.channel ?? '',
    startsOn: campaign?.startsOn ?? '',
    endsOn: campaign?.endsOn ?? '',
    cost: campaign?.costMinor == null ? 0 : campaign.costMinor / 10 ** exponent,
    cohortId: campaign?.cohortId ?? '',
    notes: campaign?.notes ?? '',
    archived: campaign?.archived ?? false,
  };
}

/** The campaign's kind, channel, dates, cost and registration group. */
function CampaignFields({
  draft,
  set,
  errors,
}: {
  draft: Draft;
  set: <K extends keyof Draft>(key: K, value: Draft[K]) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const exponent = currencyExponent(format.currency);
  const cohorts = useQuery('cohorts.list', {}, { tables: ['cohorts'] });
  return (
    <SimpleGrid cols={2} spacing="sm">
      <Select
        label={t('marketing.campaigns.kind')}
        data={campaignKinds.map((k) => ({ value: k, label: t(`marketing.kind.${k}`) }))}
        value={draft.kind}
        onChange={(v) => v && set('kind', v as CampaignKind)}
        allowDeselect={false}
      />
      <SourceChannelSelect
        value={draft.channel}
        onChange={(v) => set('channel', v)}
        error={errors['channel']}
        data-testid="campaign-channel"
      />
      <TextInput
        type="date"
        label={t('marketing.campaigns.startsOn')}
        value={draft.startsOn}
        onChange={(e) => set('startsOn', e.currentTarget.value)}
        error={errors['startsOn']}
      />
      <TextInput
        type="date"
        label={t('marketing.campaigns.endsOn')}
        value={draft.endsOn}
        onChange={(e) => set('endsOn', e.currentTarget.value)}
        error={errors['endsOn']}
      />
      <NumberInput
        label={`${t('marketing.campaigns.cost')} (${format.currency})`}
        min={0}
        decimalScale={exponent}
        thousandSeparator=" "
        value={draft.cost}
        onChange={(v) => set('cost', v)}
        error={errors['costMinor']}
        data-testid="campaign-cost"
      />
      <Select
        label={t('marketing.campaigns.cohort')}
        description={t('marketing.campaigns.cohortHint')}
        data={[
          { value: '', label: t('marketing.campaigns.noCohort') },
          ...(cohorts.data ?? []).map((c) => ({ value: c.id, label: c.name })),
        ]}
        value={draft.cohortId}
        onChange={(v) => set('cohortId', v ?? '')}
        error={errors['cohortId']}
        searchable
      />
    </SimpleGrid>
  );
}

/** The answer to Save: create or update, and the service's refusals as words under their fields. */
function useCampaignSave(campaign: Campaign | null, exponent: number, onDone: () => void) {
  const { t } = useTranslation();
  const api = useApi();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = async (draft: Draft) => {
    const input = {
      name: draft.name.trim(),
      kind: draft.kind,
      channel: draft.channel || null,
      startsOn: draft.startsOn || null,
      endsOn: draft.endsOn || null,
      costMinor: Math.round(Number(draft.cost || 0) * 10 ** exponent),
      cohortId: draft.cohortId || null,
      notes: draft.notes.trim() || null,
      archived: draft.archived,
    };
    try {
      if (campaign) await api.call('campaigns.update', { id: campaign.id, ...input });
      else await api.call('campaigns.create', input);
      notifications.show({ color: 'teal', message: t('marketing.campaigns.saved') });
      onDone();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const words: Record<string, string> = { required: 'required', before_start: 'beforeStart', not_in_list: 'notInList' };
      const next: Record<string, string> = {};
      for (const f of error.fields) {
        const key = String(f.path[0] ?? 'name');
        const word = words[f.code] ?? words[f.message];
        next[key] ??= word ? t(`marketing.campaigns.${word}`) : t([`errors.field.${f.code}`, 'errors.field.invalid']);
      }
      if (Object.keys(next).length === 0) next['name'] = t(`errors.code.${error.code}`);
      setErrors(next);
    }
  };
  return { save, errors };
}

/** Delete (for a role that may delete, on a campaign that exists), Cancel and Save. */
function EditorActions({ campaign, onClose }: { campaign: Campaign | null; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const canDelete = useCan('records.delete');
  const remove = async () => {
    if (!campaign) return;
    try {
      await api.call('campaigns.delete', { id: campaign.id });
      notifications.show({ color: 'teal', message: t('marketing.campaigns.deleted') });
      onClose();
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'INTERNAL';
      notifications.show({ color: 'red', message: t(`errors.code.${code}`) });
    }
  };
  return (
    <Group justify="space-between">
      <div>
        {campaign && canDelete && (
          <Button
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={14} />}
            onClick={() => void remove()}
            data-testid="campaign-delete"
          >
            {t('marketing.campaigns.delete')}
          </Button>
        )}
      </div>
      <Group gap="xs">
        <Button variant="default" onClick={onClose}>
          {t('marketing.campaigns.cancel')}
        </Button>
        <Button type="submit" data-testid="campaign-save">
          {t('marketing.campaigns.save')}
        </Button>
      </Group>
    </Group>
  );
}

function CampaignEditor({ campaign, onClose }: { campaign: Campaign | null; onClose(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const exponent = currencyExponent(format.currency);
  const [draft, setDraft] = useState<Draft>(() => draftOf(campaign, exponent));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const { save, errors } = useCampaignSave(campaign, exponent, onClose);
  return (
    <Modal opened onClose={onClose} title={campaign ? t('marketing.campaigns.edit') : t('marketing.campaigns.add')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save(draft);
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('marketing.campaigns.name')}
            value={draft.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errors['name']}
            data-testid="campaign-name"
          />
          <CampaignFields draft={draft} set={set} errors={errors} />
          <Textarea
            label={t('marketing.campaigns.notes')}
            autosize
            minRows={2}
            value={draft.notes}
            onChange={(e) => set('notes', e.currentTarget.value)}
          />
          <Switch
            label={t('marketing.campaigns.archived')}
            checked={draft.archived}
            onChange={(e) => set('archived', e.currentTarget.checked)}
          />
          <EditorActions campaign={campaign} onClose={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

export function CampaignsPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const word = useListWord();
  const canWrite = useCan('catalog.write');
  const campaigns = useQuery('campaigns.list', { includeArchived: true }, { tables: ['campaigns', 'enrollments'] });
  const [editing, setEditing] = useState<Campaign | null | undefined>(undefined);
  const rows = campaigns.data ?? [];
  return (
    <Paper withBorder radius="md" p="md" data-testid="campaigns-panel">
      <Group justify="space-between" mb="xs">
        <div>
          <Title order={4}>{t('marketing.campaigns.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('marketing.campaigns.intro')}
          </Text>
        </div>
        {canWrite && (
          <Button
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => setEditing(null)}
            data-testid="campaign-add"
            data-print-hide
          >
            {t('marketing.campaigns.add')}
          </Button>
        )}
      </Group>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('marketing.campaigns.empty')}
        </Text>
      ) : (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('marketing.campaigns.name')}</Table.Th>
              <Table.Th>{t('marketing.campaigns.kind')}</Table.Th>
              <Table.Th>{t('marketing.campaigns.channel')}</Table.Th>
              <Table.Th>{t('marketing.campaigns.startsOn')}</Table.Th>
              <Table.Th ta="right">{t('marketing.campaigns.cost')}</Table.Th>
              <Table.Th ta="right">{t('marketing.campaigns.enrollments')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr
                key={c.id}
                style={{ cursor: canWrite ? 'pointer' : undefined }}
                onClick={() => canWrite && setEditing(c)}
                data-testid="campaign-row"
              >
                <Table.Td>
                  {c.name}{' '}
                  {c.archived && (
                    <Badge size="xs" variant="light" color="gray">
                      {t('marketing.campaigns.archived')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{t(`marketing.kind.${c.kind}`)}</Table.Td>
                <Table.Td>{c.channel ? word('channel', c.channel) : '—'}</Table.Td>
                <Table.Td>{c.startsOn ? format.date(c.startsOn) : '—'}</Table.Td>
                <Table.Td ta="right">{c.costMinor === null ? '—' : format.money(c.costMinor)}</Table.Td>
                <Table.Td ta="right">{format.integer(c.enrollmentCount)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing !== undefined && <CampaignEditor campaign={editing} onClose={() => setEditing(undefined)} />}
    </Paper>
  );
}
