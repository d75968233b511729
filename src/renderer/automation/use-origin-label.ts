import type { ChunkOrigin } from '../../shared/contract';
import { useT } from '../i18n/i18n';
import { useWorkbench } from '../store/store';

/**
 * Who sent a row when automation did, as the log shows it: "reply by rule
 * 2" (the rule's name, or its place in the connection's list), "periodic
 * send", "sequence". Main keeps the origin with the chunk in the capture
 * log and gives it back on each row (logRows).
 */
export function useOriginLabel(endpointId: string): (origin?: ChunkOrigin) => string | null {
  const { t } = useT();
  const rules = useWorkbench((s) => s.ruleDrafts[endpointId]?.rules);
  return (origin) => {
    if (!origin) return null;
    if (origin.kind === 'periodic') return t('log.byPeriodic');
    if (origin.kind === 'sequence') return t('log.bySequence');
    const index = rules?.findIndex((r) => r.id === origin.id) ?? -1;
    const rule = rules?.[index];
    return t('log.byRule', { rule: rule?.name || (index >= 0 ? String(index + 1) : origin.id) });
  };
}
