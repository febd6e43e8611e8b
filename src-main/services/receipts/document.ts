/**
 * The receipt as a printable page, in the language it was issued in.
 *
 * Why HTML printed by Chromium rather than a PDF library: a receipt names people
 * in Hungarian, Chinese, Russian... pdf-lib and pdfmake draw only the glyphs of a
 * font embedded in the document, so every script needs its font file shipped and
 * subset (a CJK font is 10-20 MB), and a name in a script nobody thought of prints
 * as empty boxes. Chromium lays out any text with the system's fonts and fallback
 * (fonts-noto-cjk on Linux, the OS fonts elsewhere) and writes the PDF itself —
 * Electron's `webContents.printToPDF` in the app, the print dialog's "Save as PDF"
 * in a browser, Playwright's `page.pdf()` in the tests — with the text selectable
 * and searchable. So the service writes one self-contained page (styles and logo
 * inline, nothing fetched) and the host prints it.
 *
 * Dates and money are formatted for the receipt's locale with Intl and
 * src-shared/money.ts, in the workspace currency; every value is HTML-escaped.
 */
import type { MethodParsedInput } from '../../../src-shared/api/contract';
import type { ReceiptDocument } from '../../../src-shared/api/receipts-methods';
import { formatMoney } from '../../../src-shared/money';
import { languageOf } from '../../../src-shared/names';
import type { ServiceContext } from '../../core/context';
import { getPayment } from '../payments';
import { requireOneClient } from '../rights';
import { getSettings } from '../settings';
import { getReceipt, readSchoolDetails } from './receipts';

interface Labels {
  title: string;
  number: string;
  issued: string;
  receivedFrom: string;
  forWhat: string;
  amount: string;
  method: string;
  paidOn: string;
  reference: string;
  taxId: string;
  voided: string;
  methods: Record<string, string>;
  mailSubject: string;
  mailBody: string;
}

const labels: Record<string, Labels> = {
  en: {
    title: 'Receipt',
    number: 'No.',
    issued: 'Issued',
    receivedFrom: 'Received from',
    forWhat: 'For',
    amount: 'Amount',
    method: 'Paid by',
    paidOn: 'Paid on',
    reference: 'Reference',
    taxId: 'Tax ID',
    voided: 'VOID',
    methods: { cash: 'cash', card: 'card', transfer: 'bank transfer', other: 'other' },
    mailSubject: 'Receipt {number}',
    mailBody: 'Dear {name},\n\nplease find attached receipt {number} for your payment of {amount}.\n\n{school}',
  },
  hu: {
    title: 'Befizetési igazolás',
    number: 'Sorszám',
    issued: 'Kiállítva',
    receivedFrom: 'Befizető',
    forWhat: 'Jogcím',
    amount: 'Összeg',
    method: 'Fizetési mód',
    paidOn: 'Fizetés napja',
    reference: 'Hivatkozás',
    taxId: 'Adószám',
    voided: 'ÉRVÉNYTELEN',
    methods: { cash: 'készpénz', card: 'bankkártya', transfer: 'átutalás', other: 'egyéb' },
    mailSubject: 'Befizetési igazolás {number}',
    mailBody: 'Kedves {name}!\n\nMellékelten küldjük a(z) {amount} összegű befizetéséről szóló {number} számú igazolást.\n\n{school}',
  },
  zh: {
    title: '收据',
    number: '编号',
    issued: '开具日期',
    receivedFrom: '付款人',
    forWhat: '项目',
    amount: '金额',
    method: '付款方式',
    paidOn: '付款日期',
    reference: '参考号',
    taxId: '税号',
    voided: '作废',
    methods: { cash: '现金', card: '银行卡', transfer: '转账', other: '其他' },
    mailSubject: '收据 {number}',
    mailBody: '{name}，您好：\n\n附件是您 {amount} 付款的收据 {number}。\n\n{school}',
  },
  de: {
    title: 'Quittung',
    number: 'Nr.',
    issued: 'Ausgestellt',
    receivedFrom: 'Erhalten von',
    forWhat: 'Für',
    amount: 'Betrag',
    method: 'Zahlungsart',
    paidOn: 'Bezahlt am',
    reference: 'Referenz',
    taxId: 'Steuernummer',
    voided: 'STORNIERT',
    methods: { cash: 'bar', card: 'Karte', transfer: 'Überweisung', other: 'sonstige' },
    mailSubject: 'Quittung {number}',
    mailBody: 'Guten Tag {name},\n\nanbei die Quittung {number} über Ihre Zahlung von {amount}.\n\n{school}',
  },
  fr: {
    title: 'Reçu',
    number: 'N°',
    issued: 'Émis le',
    receivedFrom: 'Reçu de',
    forWhat: 'Objet',
    amount: 'Montant',
    method: 'Mode de paiement',
    paidOn: 'Payé le',
    reference: 'Référence',
    taxId: 'N° fiscal',
    voided: 'ANNULÉ',
    methods: { cash: 'espèces', card: 'carte', transfer: 'virement', other: 'autre' },
    mailSubject: 'Reçu {number}',
    mailBody: 'Bonjour {name},\n\nveuillez trouver ci-joint le reçu {number} de votre paiement de {amount}.\n\n{school}',
  },
  ru: {
    title: 'Квитанция',
    number: '№',
    issued: 'Выдана',
    receivedFrom: 'Получено от',
    forWhat: 'Назначение',
    amount: 'Сумма',
    method: 'Способ оплаты',
    paidOn: 'Дата оплаты',
    reference: 'Ссылка',
    taxId: 'ИНН',
    voided: 'АННУЛИРОВАНА',
    methods: { cash: 'наличные', card: 'карта', transfer: 'перевод', other: 'другое' },
    mailSubject: 'Квитанция {number}',
    mailBody: 'Здравствуйте, {name}!\n\nВо вложении квитанция {number} об оплате {amount}.\n\n{school}',
  },
};

export function receiptLabels(locale: string): Labels {
  return labels[languageOf(locale)] ?? (labels['en'] as Labels);
}

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');

/** A calendar day in the receipt's language: "2026. március 10.", "2026年3月10日", "10 March 2026". */
function formatDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${iso.slice(0, 10)}T00:00:00Z`),
  );
}

interface Party {
  name: string;
  email: string | null;
  payerName: string;
  payerEmail: string | null;
  forWhat: string | null;
}

function partyOf(ctx: Pick<ServiceContext, 'db'>, clientId: string, enrollmentId: string | null): Party {
  const row = ctx.db.sqlite
    .prepare(
      `SELECT c.display_name AS name, c.email, g.display_name AS guardianName, g.email AS guardianEmail
         FROM clients c LEFT JOIN clients g ON g.id = c.guardian_id WHERE c.id = ?`,
    )
    .get(clientId) as { name: string; email: string | null; guardianName: string | null; guardianEmail: string | null };
  const forWhat = enrollmentId
    ? ((ctx.db.sqlite
        .prepare(
          `SELECT p.name || coalesce(' — ' || h.name, '') FROM enrollments e JOIN programs p ON p.id = e.program_id
             LEFT JOIN cohorts h ON h.id = e.cohort_id WHERE e.id = ?`,
        )
        .pluck()
        .get(enrollmentId) as string | undefined) ?? null)
    : null;
  return {
    name: row.name,
    email: row.email,
    payerName: row.guardianName ?? row.name,
    payerEmail: row.email ?? row.guardianEmail,
    forWhat,
  };
}

const style = `
  @page { size: A5 landscape; margin: 12mm; }
  * { box-sizing: border-box; }
  body { font-family: "Noto Sans", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "Segoe UI", Arial, sans-serif;
         color: #1a1b1e; margin: 0; font-size: 11pt; }
  .receipt { position: relative; max-width: 180mm; margin: 0 auto; padding: 6mm 0; }
  header { display: flex; align-items: center; gap: 6mm; border-bottom: 1.5pt solid #1a1b1e; padding-bottom: 4mm; }
  header img { max-height: 18mm; max-width: 40mm; object-fit: contain; }
  .school { flex: 1; }
  .school h1 { font-size: 14pt; margin: 0 0 1mm; }
  .school p { margin: 0; color: #495057; font-size: 9.5pt; white-space: pre-line; }
  .title { text-align: right; }
  .title h2 { margin: 0; font-size: 16pt; letter-spacing: .5pt; }
  .title p { margin: 1mm 0 0; font-size: 10pt; }
  table { width: 100%; border-collapse: collapse; margin-top: 6mm; }
  th { text-align: left; font-weight: 600; color: #495057; width: 38%; padding: 2mm 0; vertical-align: top; }
  td { padding: 2mm 0; }
  tr + tr th, tr + tr td { border-top: .5pt solid #dee2e6; }
  .amount td { font-size: 15pt; font-weight: 700; }
  .void { position: absolute; top: 35%; left: 0; right: 0; text-align: center; font-size: 48pt; font-weight: 800;
          color: rgba(201, 42, 42, .35); transform: rotate(-14deg); letter-spacing: 4pt; }
  .void-reason { color: #c92a2a; margin-top: 4mm; }`;

export function receiptDocument(ctx: ServiceContext, input: MethodParsedInput<'receipts.document'>): ReceiptDocument {
  const receipt = getReceipt(ctx, input.id);
  const payment = getPayment(ctx, receipt.paymentId, ['id']);
  requireOneClient(ctx, { clientId: payment.clientId });
  const settings = getSettings(ctx);
  const school = readSchoolDetails(ctx);
  const l = receiptLabels(receipt.locale);
  const party = partyOf(ctx, payment.clientId, payment.enrollmentId);
  const amount = formatMoney(payment.amountMinor, settings.currency, receipt.locale);
  const voided = receipt.voidedAt !== null || payment.voidedAt !== null;
  const rows: [string, string][] = [
    [l.receivedFrom, party.payerName === party.name ? party.name : `${party.payerName} (${party.name})`],
    ...(party.forWhat ? [[l.forWhat, party.forWhat] as [string, string]] : []),
    [l.paidOn, formatDate(payment.paidOn, receipt.locale)],
    [l.method, l.methods[payment.method] ?? payment.method],
    ...(payment.reference ? [[l.reference, payment.reference] as [string, string]] : []),
  ];
  const details = [school.schoolAddress, school.taxId ? `${l.taxId}: ${school.taxId}` : null].filter((x): x is string => !!x);
  const html = `<!doctype html>
<html lang="${escape(receipt.locale)}"><head><meta charset="utf-8"><title>${escape(`${l.title} ${receipt.number}`)}</title>
<style>${style}</style></head>
<body><main class="receipt" data-receipt="${escape(receipt.number)}">
<header>
${school.logoDataUrl ? `<img src="${escape(school.logoDataUrl)}" alt="">` : ''}
<div class="school"><h1>${escape(school.schoolName)}</h1>${details.map((d) => `<p>${escape(d)}</p>`).join('')}</div>
<div class="title"><h2>${escape(l.title)}</h2><p>${escape(l.number)} <strong>${escape(receipt.number)}</strong></p>
<p>${escape(l.issued)}: ${escape(formatDate(receipt.issuedOn, receipt.locale))}</p></div>
</header>
<table>
${rows.map(([label, value]) => `<tr><th>${escape(label)}</th><td>${escape(value)}</td></tr>`).join('\n')}
<tr class="amount"><th>${escape(l.amount)}</th><td>${escape(amount)}</td></tr>
</table>
${voided ? `<div class="void">${escape(l.voided)}</div>${receipt.voidReason ? `<p class="void-reason">${escape(l.voided)}: ${escape(receipt.voidReason)}</p>` : ''}` : ''}
</main></body></html>`;
  const values = { number: receipt.number, name: party.payerName, amount, school: school.schoolName };
  const mailto = party.payerEmail
    ? `mailto:${encodeURIComponent(party.payerEmail).replace(/%40/g, '@')}?subject=${encodeURIComponent(fill(l.mailSubject, values))}&body=${encodeURIComponent(fill(l.mailBody, values))}`
    : null;
  return { receipt, html, fileName: `receipt-${receipt.number}.pdf`, mailto };
}
