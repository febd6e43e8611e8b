/**
 * "New enrollment", the most common action, in one dialog: find or create the
 * client (with a warning, while typing, about people who may already be on file
 * by phone, e-mail or name), pick a group — or only a program, "interested, no
 * group yet" — the status, the agreed price (prefilled from the group, else the
 * program) and discount, an instalment plan (N equal instalments from a date, or
 * rows typed by hand) and a first payment. Everything goes to the workspace in
 * ONE call, `enrollments.enroll`, so a mistake anywhere saves nothing and the
 * error shows under the field it came from.
 */
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Divider,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../src-shared/api/contract';
import { todayIn, monthlyDates } from '../../../src-shared/dates';
import { paymentMethods, type EnrollmentStatus, type PaymentMethod } from '../../../src-shared/domain';
import { currencyExponent, splitEvenly, toMinor } from '../../../src-shared/money';
import { ApiError } from '../../api/client';
import { useApi, useQuery } from '../../api/context';
import { useCan } from '../../app/permissions';
import { useFormat, useSettings } from '../../app/workspace';
import { useEnrollUi, type EnrollPreset } from './store';

type NumberField = number | string;
type PlanKind = 'none' | 'even' | 'custom';

const newStatuses: EnrollmentStatus[] = ['inquiry', 'thinking', 'trial', 'waitlist', 'confirmed'];

function major(value: NumberField, currency: string): number | undefined {
  if (typeof value === 'number') return toMinor(value, currency);
  return value.trim() === '' ? undefined : (value as unknown as number);
}

function separatorsOf(locale: string): { thousandSeparator: string; decimalSeparator: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    thousandSeparator: parts.find((p) => p.type === 'group')?.value ?? ',',
    decimalSeparator: parts.find((p) => p.type === 'decimal')?.value ?? '.',
  };
}

function EnrollForm({ preset, onDone }: { preset: EnrollPreset; onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const settings = useSettings();
  const canPay = useCan('payments.write');
  const canPrice = useCan('prices.write');
  const today = todayIn(settings.timeZone, new Date());
  const moneyProps = {
    ...separatorsOf(format.locale),
    decimalScale: currencyExponent(format.currency),
    allowNegative: false,
    hideControls: true,
    rightSection: (
      <Text size="xs" c="dimmed">
        {format.currency}
      </Text>
    ),
    rightSectionWidth: 48,
  };

  const [clientMode, setClientMode] = useState<'new' | 'existing'>(preset.clientId ? 'existing' : 'new');
  const [clientId, setClientId] = useState<string | null>(preset.clientId ?? null);
  const [clientSearch, setClientSearch] = useState(preset.clientName ?? '');
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [target, setTarget] = useState<string | null>(
    preset.cohortId ? `cohort:${preset.cohortId}` : preset.programId ? `program:${preset.programId}` : null,
  );
  const [status, setStatus] = useState<EnrollmentStatus>('inquiry');
  /** Null until someone types a price: until then the group's (or program's) price shows and is sent. */
  const [typedPrice, setPrice] = useState<NumberField | null>(null);
  const [discount, setDiscount] = useState<NumberField>('');
  const [planKind, setPlanKind] = useState<PlanKind>('none');
  const [count, setCount] = useState<NumberField>(3);
  const [typedFirstDueOn, setFirstDueOn] = useState<string | null>(null);
  const [rows, setRows] = useState<{ dueOn: string; amount: NumberField }[]>([{ dueOn: today, amount: '' }]);
  const [payment, setPayment] = useState<NumberField>('');
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const cohorts = useQuery('cohorts.list', { status: ['planned', 'open', 'running'] }, { tables: ['cohorts', 'programs', 'enrollments'] });
  const programs = useQuery('programs.list', { includeArchived: false }, { tables: ['programs'] });
  const [search] = useDebouncedValue(clientSearch, 150);
  const clientOptions = useQuery('clients.list', { query: search || undefined, limit: 20 }, { tables: ['clients'] });

  const [dupName] = useDebouncedValue([lastName, firstName].filter(Boolean).join(' '), 250);
  const [dupPhone] = useDebouncedValue(phone, 250);
  const [dupEmail] = useDebouncedValue(email, 250);
  const duplicates = useQuery(
    'clients.findDuplicates',
    {
      name: clientMode === 'new' ? dupName || undefined : undefined,
      phone: clientMode === 'new' ? dupPhone || undefined : undefined,
      email: clientMode === 'new' ? dupEmail || undefined : undefined,
    },
    { tables: ['clients'] },
  );

  const chosenCohort = target?.startsWith('cohort:') ? cohorts.data?.find((c) => c.id === target.slice(7)) : undefined;
  const chosenProgram = target?.startsWith('program:') ? programs.data?.find((p) => p.id === target.slice(8)) : undefined;
  const defaultPriceMinor = chosenCohort ? chosenCohort.effectivePriceMinor : chosenProgram ? chosenProgram.defaultPriceMinor : null;

  const price: NumberField = typedPrice ?? (defaultPriceMinor === null ? '' : defaultPriceMinor / 10 ** currencyExponent(format.currency));
  const firstDueOn = typedFirstDueOn ?? (chosenCohort?.startOn && chosenCohort.startOn > today ? chosenCohort.startOn : today);

  const targetOptions = useMemo(() => {
    const byProgram = new Map<string, { value: string; label: string }[]>();
    for (const cohort of cohorts.data ?? []) {
      const list = byProgram.get(cohort.programName) ?? [];
      const when = cohort.startOn ? ` · ${format.date(cohort.startOn)}` : '';
      const seats = cohort.capacity !== null ? ` · ${cohort.seatsTaken}/${cohort.capacity}` : '';
      list.push({ value: `cohort:${cohort.id}`, label: `${cohort.name}${when}${seats}` });
      byProgram.set(cohort.programName, list);
    }
    const groups = [...byProgram.entries()].map(([group, items]) => ({ group, items }));
    const interest = (programs.data ?? []).map((p) => ({ value: `program:${p.id}`, label: t('enroll.onlyProgram', { name: p.name }) }));
    return [...groups, ...(interest.length > 0 ? [{ group: t('enroll.noGroupYet'), items: interest }] : [])];
  }, [cohorts.data, programs.data, format, t]);

  const clientSelectData = useMemo(() => {
    const options = (clientOptions.data?.rows ?? []).map((c) => ({
      value: c.id,
      label: c.phone ? `${c.displayName} · ${c.phone}` : c.displayName,
    }));
    if (clientId && !options.some((o) => o.value === clientId))
      options.unshift({ value: clientId, label: preset.clientName ?? clientSearch });
    return options;
  }, [clientOptions.data, clientId, preset.clientName, clientSearch]);

  const totalMinor = (major(price, format.currency) ?? 0) - (major(discount, format.currency) ?? 0);
  const evenPreview = useMemo(() => {
    const n = typeof count === 'number' ? count : Number.NaN;
    if (
      !Number.isInteger(n) ||
      n < 1 ||
      n > 60 ||
      !Number.isInteger(totalMinor) ||
      totalMinor <= 0 ||
      !/^\d{4}-\d{2}-\d{2}$/.test(firstDueOn)
    )
      return [];
    const unit = 10 ** currencyExponent(format.currency);
    const amounts = splitEvenly(totalMinor, n, totalMinor % unit === 0 ? unit : 1);
    return monthlyDates(firstDueOn, n).map((dueOn, i) => ({ dueOn, amountMinor: amounts[i] ?? 0 }));
  }, [count, totalMinor, firstDueOn, format.currency]);

  const clear = (...keys: string[]) => setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !keys.includes(k))));
  const err = (key: string) => errors[key];

  const pickExisting = (id: string, name: string) => {
    setClientMode('existing');
    setClientId(id);
    setClientSearch(name);
    clear('clientId');
  };

  const showError = (error: unknown) => {
    if (!(error instanceof ApiError)) {
      setFormError(t('errors.code.INTERNAL'));
      return;
    }
    const next: Record<string, string> = {};
    const unplaced: string[] = [];
    for (const field of error.fields) {
      const key = field.path.join('.');
      const message = t([
        `enroll.errors.${key.replace(/\.\d+\./g, '.')}.${field.code}`,
        `enroll.errors.${field.code}`,
        `errors.field.${field.code}`,
        'errors.field.invalid',
      ]);
      const placed =
        key === 'newClient.displayName' || key === 'newClient.firstName'
          ? 'newClient.lastName'
          : key.startsWith('plan.rows') && !/^plan\.rows\.\d+\./.test(key)
            ? 'plan.rows'
            : key;
      if (knownFields.has(placed.replace(/\.\d+\./, '.#.')) && !next[placed]) next[placed] = message;
      else unplaced.push(message);
    }
    setErrors(next);
    setFormError(unplaced.length > 0 || Object.keys(next).length === 0 ? [t(`errors.code.${error.code}`), ...unplaced].join(' ') : null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setFormError(null);
    const [kind, id] = target ? (target.split(':') as ['cohort' | 'program', string]) : [null, null];
    const input: MethodInput<'enrollments.enroll'> = {
      ...(clientMode === 'existing'
        ? { clientId: clientId ?? undefined }
        : { newClient: { firstName: firstName || null, lastName: lastName || null, phone: phone || null, email: email || null } }),
      cohortId: kind === 'cohort' ? id : null,
      programId: kind === 'program' ? id : undefined,
      status,
      agreedPriceMinor: major(price, format.currency),
      discountMinor: major(discount, format.currency),
      plan:
        planKind === 'even'
          ? { kind: 'even', count: count as number, firstDueOn }
          : planKind === 'custom'
            ? { kind: 'custom', rows: rows.map((r) => ({ dueOn: r.dueOn, amountMinor: major(r.amount, format.currency) as number })) }
            : { kind: 'none' },
      firstPayment:
        major(payment, format.currency) !== undefined
          ? { amountMinor: major(payment, format.currency) as number, method, paidOn: today }
          : null,
    };
    try {
      const result = await api.call('enrollments.enroll', input);
      notifications.show({ color: 'teal', message: t('enroll.done', { name: result.client.displayName }) });
      onDone();
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  const possibleDuplicates = clientMode === 'new' ? (duplicates.data ?? []) : [];

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="enroll-form">
      <Stack gap="md">
        <Group justify="space-between" align="center">
          <Text fw={600}>{t('enroll.client')}</Text>
          <SegmentedControl
            size="xs"
            value={clientMode}
            onChange={(v) => setClientMode(v as 'new' | 'existing')}
            data={[
              { value: 'new', label: t('enroll.newClient') },
              { value: 'existing', label: t('enroll.existingClient') },
            ]}
            data-testid="client-mode"
          />
        </Group>
        {clientMode === 'existing' ? (
          <Select
            label={t('enroll.findClient')}
            placeholder={t('enroll.findClientPlaceholder')}
            searchable
            searchValue={clientSearch}
            onSearchChange={setClientSearch}
            filter={({ options }) => options}
            data={clientSelectData}
            value={clientId}
            onChange={(v) => {
              setClientId(v);
              clear('clientId');
            }}
            nothingFoundMessage={t('enroll.noClientFound')}
            error={err('clientId')}
            comboboxProps={{ withinPortal: true }}
            data-autofocus
            name="clientId"
          />
        ) : (
          <>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
              <TextInput
                label={t('enroll.lastName')}
                value={lastName}
                onChange={(e) => {
                  setLastName(e.currentTarget.value);
                  clear('newClient.lastName', 'clientId');
                }}
                error={err('newClient.lastName')}
                data-autofocus
                name="lastName"
              />
              <TextInput
                label={t('enroll.firstName')}
                value={firstName}
                onChange={(e) => setFirstName(e.currentTarget.value)}
                name="firstName"
              />
              <TextInput
                label={t('enroll.phone')}
                value={phone}
                onChange={(e) => {
                  setPhone(e.currentTarget.value);
                  clear('newClient.phone');
                }}
                error={err('newClient.phone')}
                type="tel"
                name="phone"
              />
              <TextInput
                label={t('enroll.email')}
                value={email}
                onChange={(e) => {
                  setEmail(e.currentTarget.value);
                  clear('newClient.email');
                }}
                error={err('newClient.email')}
                type="email"
                name="email"
              />
            </SimpleGrid>
            {possibleDuplicates.length > 0 && (
              <Alert
                color="yellow"
                variant="light"
                icon={<IconAlertTriangle size={18} />}
                title={t('enroll.duplicatesTitle')}
                data-testid="duplicate-warning"
              >
                <Stack gap={4}>
                  {possibleDuplicates.map((d) => (
                    <Group key={d.id} gap="xs" justify="space-between" wrap="nowrap">
                      <Text size="sm">
                        {d.displayName}
                        <Text span c="dimmed" size="xs">
                          {' · '}
                          {[d.phone, d.email].filter(Boolean).join(' · ')} ({d.matchedOn.map((m) => t(`enroll.matchedOn.${m}`)).join(', ')})
                        </Text>
                      </Text>
                      <Anchor component="button" type="button" size="sm" onClick={() => pickExisting(d.id, d.displayName)}>
                        {t('enroll.useThisClient')}
                      </Anchor>
                    </Group>
                  ))}
                </Stack>
              </Alert>
            )}
          </>
        )}

        <Divider />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <Select
            label={t('enroll.cohort')}
            placeholder={t('enroll.cohortPlaceholder')}
            data={targetOptions}
            value={target}
            onChange={(v) => {
              setTarget(v);
              clear('cohortId', 'programId');
            }}
            searchable
            nothingFoundMessage={t('enroll.noCohortFound')}
            error={err('cohortId') ?? err('programId')}
            comboboxProps={{ withinPortal: true }}
            name="cohort"
          />
          <Select
            label={t('enroll.status')}
            data={newStatuses.map((s) => ({ value: s, label: t(`enrollments.status.${s}`) }))}
            value={status}
            onChange={(v) => v && setStatus(v as EnrollmentStatus)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            name="status"
          />
          <NumberInput
            label={t('enroll.agreedPrice')}
            value={price}
            onChange={(v) => {
              setPrice(v);
              clear('agreedPriceMinor', 'plan.totalMinor');
            }}
            error={err('agreedPriceMinor')}
            disabled={!canPrice}
            name="agreedPrice"
            {...moneyProps}
          />
          <NumberInput
            label={t('enroll.discount')}
            value={discount}
            onChange={(v) => {
              setDiscount(v);
              clear('discountMinor');
            }}
            error={err('discountMinor')}
            disabled={!canPrice}
            name="discount"
            {...moneyProps}
          />
        </SimpleGrid>

        <Divider />
        <Group justify="space-between" align="center">
          <Text fw={600}>{t('enroll.plan')}</Text>
          <SegmentedControl
            size="xs"
            value={planKind}
            onChange={(v) => {
              setPlanKind(v as PlanKind);
              clear('plan.totalMinor', 'plan.rows');
            }}
            disabled={!canPrice}
            data={[
              { value: 'none', label: t('enroll.planNone') },
              { value: 'even', label: t('enroll.planEven') },
              { value: 'custom', label: t('enroll.planCustom') },
            ]}
            data-testid="plan-kind"
          />
        </Group>
        {planKind === 'even' && (
          <Stack gap="xs">
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
              <NumberInput
                label={t('enroll.count')}
                value={count}
                onChange={setCount}
                min={1}
                max={60}
                allowDecimal={false}
                allowNegative={false}
                error={err('plan.count')}
                name="count"
              />
              <TextInput
                label={t('enroll.firstDueOn')}
                type="date"
                value={firstDueOn}
                onChange={(e) => setFirstDueOn(e.currentTarget.value)}
                error={err('plan.firstDueOn')}
                name="firstDueOn"
              />
            </SimpleGrid>
            {err('plan.totalMinor') && (
              <Text c="red" size="sm">
                {err('plan.totalMinor')}
              </Text>
            )}
            {evenPreview.length > 0 && (
              <Text size="sm" c="dimmed" data-testid="plan-preview">
                {evenPreview.map((p) => `${format.date(p.dueOn)}: ${format.money(p.amountMinor)}`).join(' · ')}
              </Text>
            )}
          </Stack>
        )}
        {planKind === 'custom' && (
          <Stack gap="xs">
            {rows.map((row, i) => (
              <Group key={i} gap="sm" align="flex-start" wrap="nowrap">
                <TextInput
                  aria-label={t('enroll.dueOn')}
                  type="date"
                  value={row.dueOn}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setRows((r) => r.map((x, j) => (j === i ? { ...x, dueOn: value } : x)));
                  }}
                  error={err(`plan.rows.${i}.dueOn`)}
                  style={{ flex: 1 }}
                />
                <NumberInput
                  aria-label={t('enroll.amount')}
                  value={row.amount}
                  onChange={(v) => setRows((r) => r.map((x, j) => (j === i ? { ...x, amount: v } : x)))}
                  error={err(`plan.rows.${i}.amountMinor`)}
                  style={{ flex: 1 }}
                  {...moneyProps}
                />
                <Tooltip label={t('enroll.removeRow')}>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    mt={4}
                    aria-label={t('enroll.removeRow')}
                    onClick={() => setRows((r) => r.filter((_, j) => j !== i))}
                    disabled={rows.length === 1}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            ))}
            {err('plan.rows') && (
              <Text c="red" size="sm">
                {err('plan.rows')}
              </Text>
            )}
            <Button
              variant="subtle"
              size="xs"
              w="fit-content"
              leftSection={<IconPlus size={14} />}
              onClick={() => setRows((r) => [...r, { dueOn: r[r.length - 1]?.dueOn ?? today, amount: '' }])}
            >
              {t('enroll.addRow')}
            </Button>
          </Stack>
        )}

        {canPay && (
          <>
            <Divider />
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
              <NumberInput
                label={t('enroll.firstPayment')}
                description={t('enroll.firstPaymentHint')}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                value={payment}
                onChange={(v) => {
                  setPayment(v);
                  clear('firstPayment.amountMinor');
                }}
                error={err('firstPayment.amountMinor')}
                name="firstPayment"
                {...moneyProps}
              />
              <Select
                label={t('enroll.method')}
                data={paymentMethods.map((m) => ({ value: m, label: t(`enroll.methods.${m}`) }))}
                value={method}
                onChange={(v) => v && setMethod(v as PaymentMethod)}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
                name="method"
              />
            </SimpleGrid>
          </>
        )}

        {formError && (
          <Alert color="red" variant="light" data-testid="enroll-error">
            {formError}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('enroll.cancel')}
          </Button>
          <Button type="submit" loading={saving} data-testid="enroll-submit">
            {t('enroll.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const knownFields = new Set([
  'clientId',
  'newClient.lastName',
  'newClient.phone',
  'newClient.email',
  'cohortId',
  'programId',
  'agreedPriceMinor',
  'discountMinor',
  'plan.count',
  'plan.firstDueOn',
  'plan.totalMinor',
  'plan.rows',
  'plan.rows.#.dueOn',
  'plan.rows.#.amountMinor',
  'firstPayment.amountMinor',
]);

export function EnrollDialog() {
  const { t } = useTranslation();
  const { opened, preset, session, close } = useEnrollUi();
  return (
    <Modal opened={opened} onClose={close} title={t('enroll.title')} size="lg" centered data-testid="enroll-dialog">
      {opened && <EnrollForm key={session} preset={preset} onDone={close} />}
    </Modal>
  );
}
