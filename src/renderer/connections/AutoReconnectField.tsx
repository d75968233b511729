import { useT } from '../i18n/i18n';
import { CheckField } from '../ui/CheckField';

/** "Reconnect automatically", with what it does as its hint: the same switch for TCP and TLS clients. */
export function AutoReconnectField({
  checked,
  onChange,
}: {
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  const { t } = useT();
  return (
    <CheckField
      label={t('tcp.autoReconnect')}
      title={t('tcp.autoReconnectHint')}
      checked={checked}
      onChange={onChange}
    />
  );
}
