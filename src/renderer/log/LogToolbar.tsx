import type { EndpointInfo } from '../../shared/contract';
import { MakeRulesMenu } from '../automation/MakeRulesMenu';
import { useT } from '../i18n/i18n';
import { CheckField } from '../ui/CheckField';
import { ExportMenu } from './ExportMenu';
import { FilterBar } from './FilterBar';
import { FramingControl } from './FramingControl';
import { clearLog, pauseLog, updateLogUi } from '../store/store';
import type { LogModel } from './use-log-model';

/** Framing, the filter, and the view's own controls: time format, pause, clear, export. */
export function LogToolbar({ endpoint, model }: { endpoint: EndpointInfo; model: LogModel }) {
  const { t } = useT();
  const id = endpoint.id;
  const { ui } = model;
  const paused = ui.pausedAt !== null;
  return (
    <div className="log-toolbar">
      <div className="log-toolbar-row">
        <FramingControl key={id} endpointId={id} spec={ui.framing} model={model} />
        <span className="spacer" />
        <CheckField
          label={t('log.relativeTime')}
          checked={ui.timeMode === 'relative'}
          onChange={(on) => updateLogUi(id, { timeMode: on ? 'relative' : 'absolute' })}
        />
        <button type="button" aria-pressed={paused} onClick={() => pauseLog(id, !paused)}>
          {paused ? t('log.resume') : t('log.pause')}
        </button>
        <button type="button" onClick={() => clearLog(id)}>
          {t('log.clear')}
        </button>
        {endpoint.spec.kind !== 'relay' && <MakeRulesMenu endpointId={id} model={model} />}
        <ExportMenu model={model} />
      </div>
      <FilterBar model={model} />
    </div>
  );
}
