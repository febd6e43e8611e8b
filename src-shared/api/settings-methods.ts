/**
 * The workspace settings: the school's name, currency, locale, time zone, week start, the
 * idle lock and the owner's switches (may the assistant change agreed prices), and
 * when reminders fall due.
 * Joined into the contract by one spread in contract.ts.
 */
import { z } from 'zod';
import { empty, moneyMinor, name, read, write, timeOfDay, type MethodSpec } from './spec';
import type { Settings } from './types';

export const settingsMethods = {
  'settings.get': read<Settings>()('workspace.read', empty, 'The workspace settings (school name, currency, locale, time zone).'),
  'settings.update': write<Settings>()(
    'workspace.manage',
    z.object({
      schoolName: name.optional(),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/, 'Use an ISO 4217 code like HUF')
        .optional(),
      locale: z.string().min(2).max(35).optional(),
      timeZone: z.string().min(1).max(64).optional(),
      weekStart: z.number().int().min(0).max(6).optional(),
      country: z
        .string()
        .regex(/^[A-Z]{2}$/)
        .nullish(),
      idleLockMinutes: z
        .number()
        .int()
        .min(0)
        .max(24 * 60)
        .optional(),
      assistantCanEditPrices: z.boolean().optional(),
      reminderTime: timeOfDay.optional(),
      dueSoonDays: z.number().int().min(0).max(365).optional(),
      startSoonDays: z.number().int().min(0).max(365).optional(),
      lowBalanceMinor: moneyMinor.nullish(),
    }),
    'Change workspace settings.',
  ),
} as const satisfies Record<string, MethodSpec>;
