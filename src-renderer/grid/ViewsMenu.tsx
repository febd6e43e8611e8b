/**
 * Views: built-in ones a screen offers ("Thinking — call back", "Overdue") and the
 * ones people save (filters, sort, search and column order under a name, through
 * the views API, so they follow the person to the other machine).
 */
import { ActionIcon, Button, Group, Menu, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBookmark, IconTrash } from '@tabler/icons-react';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useQuery } from '../api/context';
import { ApiError } from '../api/client';
import { emptyQuery, type GridQuery } from './model/query';
import type { BuiltInView, GridViewConfig } from './types';

interface Props {
  gridId: string;
  builtIn: readonly BuiltInView[];
  saved: boolean;
  current: GridViewConfig;
  onApply: (config: GridViewConfig) => void;
}

function readConfig(config: Record<string, unknown>): GridViewConfig {
  const query = (typeof config['query'] === 'object' && config['query'] !== null ? config['query'] : {}) as Partial<GridQuery>;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);
  const order = strings(config['order']);
  const hidden = strings(config['hidden']);
  return {
    query: {
      search: typeof query.search === 'string' ? query.search : '',
      sorting: Array.isArray(query.sorting) ? query.sorting : [],
      filters: typeof query.filters === 'object' && query.filters !== null ? query.filters : {},
    },
    ...(order ? { order } : {}),
    ...(hidden ? { hidden } : {}),
  };
}

function ViewsMenuInner({ gridId, builtIn, saved, current, onApply }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const views = useQuery('views.list', { grid: gridId }, { tables: ['saved_views'] });
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    try {
      await api.call('views.save', { grid: gridId, name, config: { ...current } as unknown as Record<string, unknown> });
      notifications.show({ message: t('grid.viewSaved', { name }) });
      setNaming(false);
      setName('');
      setError(null);
    } catch (e) {
      const field = e instanceof ApiError ? e.byField()['name'] : undefined;
      setError(
        field ? t([`errors.field.${field.code}`, 'errors.field.invalid']) : e instanceof ApiError ? t(`errors.code.${e.code}`) : String(e),
      );
    }
  };

  const remove = async (id: string) => {
    await api.call('views.delete', { id });
    notifications.show({ message: t('grid.viewDeleted') });
  };

  return (
    <>
      <Menu position="bottom-start" withinPortal closeOnItemClick>
        <Menu.Target>
          <Button size="xs" variant="default" leftSection={<IconBookmark size={14} />} data-testid={`${gridId}-views`}>
            {t('grid.views')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => onApply({ query: emptyQuery })}>{t('grid.allRows')}</Menu.Item>
          {builtIn.length > 0 && <Menu.Label>{t('grid.builtIn')}</Menu.Label>}
          {builtIn.map((view) => (
            <Menu.Item key={view.id} onClick={() => onApply(view.config)} data-testid={`view-${view.id}`}>
              {view.name}
            </Menu.Item>
          ))}
          {saved && (views.data?.length ?? 0) > 0 && <Menu.Label>{t('grid.myViews')}</Menu.Label>}
          {saved &&
            views.data?.map((view) => (
              <Menu.Item
                key={view.id}
                onClick={() => onApply(readConfig(view.config))}
                rightSection={
                  <ActionIcon
                    size="xs"
                    variant="subtle"
                    color="gray"
                    component="span"
                    aria-label={t('grid.deleteView', { name: view.name })}
                    onClick={(e) => {
                      e.stopPropagation();
                      void remove(view.id);
                    }}
                  >
                    <IconTrash size={12} />
                  </ActionIcon>
                }
              >
                {view.name}
              </Menu.Item>
            ))}
          {saved && (
            <>
              <Menu.Divider />
              <Menu.Item onClick={() => setNaming(true)}>{t('grid.saveView')}</Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      <Modal opened={naming} onClose={() => setNaming(false)} title={t('grid.saveView')} size="sm">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Stack>
            <TextInput
              label={t('grid.viewName')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={error}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setNaming(false)}>
                {t('grid.cancel')}
              </Button>
              <Button type="submit">{t('grid.save')}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/** Memoised, so the shell re-rendering for a keystroke or a new row count leaves the menu alone. */
export const ViewsMenu = memo(ViewsMenuInner) as typeof ViewsMenuInner;
