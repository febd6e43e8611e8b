/**
 * Receipts for payments: issued once per payment with a number no other device can
 * give (`<year>-<device code>-<seq>`, each device counting its own sequence per
 * year without gaps), printed again as often as asked, voided with the number kept
 * and marked void. The document is HTML the host prints to PDF through Chromium
 * (the app's printToPDF, a browser's print), so every script the school's clients
 * write their names in (Hungarian accents, Chinese) renders with the system's
 * fonts, with no font file to embed. The school's details printed on it (address,
 * tax id, logo) are edited here too, by the owner.
 * Joined into the contract by one spread in contract.ts.
 */
import { z } from 'zod';
import { byId, idSchema, optionalText, type MethodSpec, read, write } from './spec';

export interface Receipt {
  id: string;
  paymentId: string;
  clientId: string;
  number: string;
  year: number;
  deviceCode: string;
  seq: number;
  issuedOn: string;
  locale: string;
  voidedAt: string | null;
  voidReason: string | null;
}

export interface ReceiptDocument {
  receipt: Receipt;
  /** A complete HTML page, styles and logo inline. */
  html: string;
  /** A file name for the PDF: `receipt-2026-AB3D-0007.pdf`. */
  fileName: string;
  /** Opens the user's mail client addressed to the payer (or their guardian), subject and body filled; null without an e-mail. */
  mailto: string | null;
}

export interface SchoolDetails {
  schoolName: string;
  schoolAddress: string | null;
  taxId: string | null;
  logoDataUrl: string | null;
}

/** A logo as a data: URL of an image, at most about 200 kB. */
const logo = z
  .string()
  .max(280_000, 'The logo is too large (at most 200 kB)')
  .regex(/^data:image\/(png|jpeg|svg\+xml|webp);base64,[A-Za-z0-9+/=]+$/, 'Choose a PNG, JPEG, SVG or WebP image')
  .nullish();

export const receiptsMethods = {
  'receipts.details': read<SchoolDetails>()('workspace.read', z.object({}).default({}), "The school's details printed on receipts."),
  'receipts.updateDetails': write<SchoolDetails>()(
    'workspace.manage',
    z.object({ schoolAddress: optionalText(500), taxId: optionalText(60), logoDataUrl: logo }),
    "Changes the school's address, tax id and logo printed on receipts.",
  ),
  'receipts.list': read<Receipt[]>()(
    'payments.read',
    z.object({ paymentId: idSchema.optional(), clientId: idSchema.optional() }).default({}),
    "Receipts of a payment or a client (a role that sees one client's money at a time must name one).",
  ),
  'receipts.issue': write<Receipt>()(
    'payments.write',
    z.object({ paymentId: idSchema, locale: z.string().min(2).max(35).optional() }),
    "Issues the payment's receipt with this device's next number (a payment has one live receipt).",
  ),
  'receipts.void': write<Receipt>()(
    'payments.void',
    z.object({ id: idSchema, reason: z.string().trim().min(1, 'required').max(500) }),
    'Voids a receipt: its number stays used and the receipt reprints marked void.',
  ),
  'receipts.document': read<ReceiptDocument>()('payments.read', byId, 'The receipt as a printable page, with its mail link.'),
} as const satisfies Record<string, MethodSpec>;
