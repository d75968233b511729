/** Strings of the capture controls: the log's budget and capture to disk. */
export const captureEn = {
  'capture.budget': 'Log budget',
  'capture.budgetHint':
    'Memory the capture log may use; beyond it the oldest chunks are dropped (and counted).',
  'capture.used': '{used} of {budget} used, {chunks} chunks held',
} as const;

export const captureZh: Record<keyof typeof captureEn, string> = {
  'capture.budget': '日志上限',
  'capture.budgetHint': '抓包日志可使用的内存；超出后丢弃最早的数据块（并计数）。',
  'capture.used': '已用 {used} / {budget}，保留 {chunks} 块',
};
