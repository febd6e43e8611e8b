/**
 * Words of the refund dialog and the payment dialog's prefill line (balance,
 * next due, overdue) in English, Hungarian and Simplified Chinese, merged into
 * the payments catalog under `money` by i18n.ts (`t('payments.money.refund')`),
 * so the registered namespace stays one while these keys keep their own file.
 */
const en = {
  refund: 'Refund',
  refundTitle: 'Refund to {{name}}',
  refundText: 'Money paid back is recorded as a negative payment; the payment it returns stays on record.',
  refunded: '{{amount}} refunded to {{name}}',
  balanceLine: 'Balance: {{balance}}',
  nextDue: 'next due {{date}}: {{amount}}',
  overdue: 'overdue {{amount}}',
  errors: {
    exceeds_paid: 'More than was paid: a refund cannot be more',
    refunded: 'Refunds already paid back part of this payment: void the refund first',
    already_voided: 'This payment is already void',
  },
};

type MoneyWords = typeof en;

const hu: MoneyWords = {
  refund: 'Visszatérítés',
  refundTitle: 'Visszatérítés: {{name}}',
  refundText: 'A visszafizetett pénz negatív befizetésként kerül rögzítésre; az eredeti befizetés megmarad.',
  refunded: '{{amount}} visszatérítve: {{name}}',
  balanceLine: 'Egyenleg: {{balance}}',
  nextDue: 'következő esedékes {{date}}: {{amount}}',
  overdue: 'lejárt {{amount}}',
  errors: {
    exceeds_paid: 'Több, mint amennyit befizettek: a visszatérítés nem lehet több',
    refunded: 'Ennek a befizetésnek egy részét már visszatérítették: előbb a visszatérítést érvénytelenítse',
    already_voided: 'Ez a befizetés már érvénytelen',
  },
};

const zh: MoneyWords = {
  refund: '退款',
  refundTitle: '退款给 {{name}}',
  refundText: '退款记录为一笔负数付款；原付款记录保留。',
  refunded: '已退款 {{amount}} 给 {{name}}',
  balanceLine: '余额：{{balance}}',
  nextDue: '下期 {{date}} 到期：{{amount}}',
  overdue: '逾期 {{amount}}',
  errors: {
    exceeds_paid: '超过已付金额：退款不能更多',
    refunded: '此付款已有部分退款：请先作废该退款',
    already_voided: '此付款已作废',
  },
};

export const moneyWords = { en, hu, zh };
