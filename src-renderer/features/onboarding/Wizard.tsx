/**
 * The first-run wizard: the school's name; its country and the currency, formats
 * and time zone that follow; the owner's password (skippable, with the same
 * warning as the banner); then how to begin — import a sheet, look at a demo
 * school, or start empty. It takes the whole window because nothing behind it
 * means anything yet, and it speaks the machine's language from the first word.
 *
 * Settings are saved when the owner leaves the second step, so the password and
 * start steps already run in the school's own language and currency. Leaving the
 * wizard any way (a start choice or "Skip set-up") records the outcome through
 * `onboarding.update`, which is what keeps it from ever coming back; the
 * checklist on Today takes over from there.
 */
import { Alert, Anchor, Button, Center, Group, Paper, SegmentedControl, Stack, Stepper, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WizardOutcome } from '../../../src-shared/domain';
import { useApi } from '../../api/context';
import { languageOfLocale, languages, type Language } from '../../i18n';
import { formErrorsOf, type FormErrors } from '../../shared/formErrors';
import { useSettings } from '../../shared/workspace';
import { useUiStore } from '../../stores/ui';
import { SetupOwnerForm, useSession } from '../auth';
import { localeFor, machinePlace, readMachine, type Place } from './place';
import { PlaceStep } from './PlaceStep';
import { demoClients, StartStep, type StartChoice } from './StartStep';

const noErrors: FormErrors = { fields: {}, form: null };
const steps = ['school', 'place', 'password', 'start'] as const;

/** The wizard's answers and how to save them; the component below only lays them out. */
function useWizard(onFinished: () => void) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const settings = useSettings();
  const { status } = useSession();
  const openSection = useUiStore((s) => s.openSection);
  const machine = useMemo(() => readMachine(), []);
  const [step, setStep] = useState(0);
  const [schoolName, setSchoolName] = useState(settings.schoolName);
  const [place, setPlace] = useState<Place>(() => machinePlace(machine));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState<WizardOutcome | 'place' | null>(null);

  const language = languageOfLocale(place.locale);
  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [i18n, language]);

  const go = (next: number) => (setErrors(noErrors), setStep(next));
  const editSchoolName = (next: string) => (setErrors(noErrors), setSchoolName(next));
  const afterPlace = status.needsSetup ? 2 : 3;

  const saveSchool = () => {
    if (schoolName.trim() === '') return setErrors({ fields: { schoolName: t('onboarding.school.required') }, form: null });
    go(1);
  };

  const savePlace = async () => {
    setBusy('place');
    try {
      await api.call('settings.update', { schoolName: schoolName.trim(), ...place });
      go(afterPlace);
    } catch (error) {
      const found = formErrorsOf(error, t, 'onboarding', ['schoolName', 'country', 'currency', 'locale', 'timeZone']);
      if (found.fields['schoolName']) setStep(0);
      setErrors(found);
    } finally {
      setBusy(null);
    }
  };

  const finish = async (outcome: WizardOutcome) => {
    setBusy(outcome);
    setErrors(noErrors);
    try {
      if (outcome === 'demo') {
        const seeded = await api.call('demo.seed', { clients: demoClients });
        notifications.show({ color: 'teal', message: t('onboarding.start.seeded', { clients: seeded.clients, cohorts: seeded.cohorts }) });
      }
      await api.call('onboarding.update', { wizardOutcome: outcome });
      // The app speaks the workspace's language from here on (the machine's, once the second step saved it).
      void i18n.changeLanguage(languageOfLocale(settings.locale));
      openSection(outcome === 'import' ? 'import' : 'today');
      onFinished();
    } catch (error) {
      setErrors(formErrorsOf(error, t, 'onboarding', []));
      setBusy(null);
    }
  };

  const chooseLanguage = (next: Language) => setPlace({ ...place, locale: localeFor(next, place.country) });

  return {
    step,
    go,
    afterPlace,
    schoolName,
    editSchoolName,
    place,
    setPlace,
    machine,
    errors,
    busy,
    language,
    saveSchool,
    savePlace,
    finish,
    chooseLanguage,
  };
}

type WizardState = ReturnType<typeof useWizard>;

export function Wizard({ onFinished }: { onFinished(): void }) {
  const { t } = useTranslation();
  const w = useWizard(onFinished);
  const finishing = w.busy !== null && w.busy !== 'place';

  return (
    <Center mih="100vh" p="xl" bg="var(--mantine-color-body)">
      <Paper withBorder radius="lg" p="xl" w="100%" maw={960} shadow="sm" data-testid="first-run-wizard">
        <Stack gap="lg">
          <Group justify="space-between" align="flex-start" wrap="wrap">
            <div>
              <Title order={2}>{t('onboarding.wizard.title')}</Title>
              <Text c="dimmed" mt={4}>
                {t('onboarding.wizard.intro')}
              </Text>
            </div>
            <SegmentedControl
              size="xs"
              aria-label={t('onboarding.wizard.language')}
              value={w.language}
              onChange={(value) => w.chooseLanguage(value as Language)}
              data={languages.map((language) => ({ value: language, label: t(`languages.${language}`) }))}
              data-testid="wizard-language"
            />
          </Group>
          <Stepper active={w.step} size="sm" allowNextStepsSelect={false} onStepClick={(index) => index < w.step && w.go(index)}>
            {steps.map((id) => (
              <Stepper.Step key={id} label={t(`onboarding.steps.${id}`)} />
            ))}
          </Stepper>
          <WizardBody w={w} finishing={finishing} />
          {w.errors.form && (
            <Alert color="red" variant="light">
              {t('onboarding.wizard.failed', { reason: w.errors.form })}
            </Alert>
          )}
          <WizardFooter w={w} finishing={finishing} />
        </Stack>
      </Paper>
    </Center>
  );
}

function WizardBody({ w, finishing }: { w: WizardState; finishing: boolean }) {
  const { t } = useTranslation();
  if (w.step === 0) {
    return (
      <TextInput
        label={t('onboarding.school.name')}
        description={t('onboarding.school.nameHint')}
        placeholder={t('onboarding.school.namePlaceholder')}
        value={w.schoolName}
        onChange={(e) => w.editSchoolName(e.currentTarget.value)}
        onFocus={(e) => e.currentTarget.select()}
        onKeyDown={(e) => e.key === 'Enter' && w.saveSchool()}
        error={w.errors.fields['schoolName']}
        maw={520}
        size="md"
        data-autofocus
        autoFocus
        data-testid="wizard-school-name"
      />
    );
  }
  if (w.step === 1) return <PlaceStep place={w.place} machine={w.machine} onChange={w.setPlace} errors={w.errors.fields} />;
  if (w.step === 2) return <SetupOwnerForm onDone={() => w.go(3)} onSkip={() => w.go(3)} />;
  return <StartStep busy={finishing ? (w.busy as StartChoice) : null} onChoose={(choice) => void w.finish(choice)} />;
}

function WizardFooter({ w, finishing }: { w: WizardState; finishing: boolean }) {
  const { t } = useTranslation();
  // From the start step, back to the password only while it is still unset.
  const back = w.step === 3 && w.afterPlace === 3 ? 1 : w.step - 1;
  return (
    <Group justify="space-between" wrap="wrap">
      <Stack gap={0} align="flex-start" style={{ visibility: w.step === 3 ? 'hidden' : undefined }}>
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => void w.finish('skipped')}
          disabled={finishing}
          data-testid="wizard-skip"
        >
          {t('onboarding.wizard.skip')}
        </Anchor>
        <Text size="xs" c="dimmed">
          {t('onboarding.wizard.skipHint')}
        </Text>
      </Stack>
      <Group gap="sm">
        {w.step > 0 && (
          <Button variant="default" onClick={() => w.go(back)} disabled={w.busy !== null}>
            {t('onboarding.wizard.back')}
          </Button>
        )}
        {w.step === 0 && (
          <Button onClick={w.saveSchool} data-testid="wizard-next">
            {t('onboarding.wizard.next')}
          </Button>
        )}
        {w.step === 1 && (
          <Button onClick={() => void w.savePlace()} loading={w.busy === 'place'} data-testid="wizard-next">
            {t('onboarding.wizard.next')}
          </Button>
        )}
      </Group>
    </Group>
  );
}
