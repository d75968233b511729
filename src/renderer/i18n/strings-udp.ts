/** The UDP panel's strings, in English and Simplified Chinese. */
export const udpEn = {
  'kind.udp': 'UDP',
} as const;

export const udpZh: Record<keyof typeof udpEn, string> = {
  'kind.udp': 'UDP',
};
