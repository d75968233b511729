import { Fragment, type ReactNode } from 'react';
import { hexByte } from '../../shared/bytes/hexdump';
import { getChecksum, type ChecksumId } from '../../shared/payload/checksums/catalogue';
import { formatCount, useT } from '../i18n/i18n';
import { partAt, type PreviewData } from './preview-data';

const PER_LINE = 16;

/**
 * The exact bytes Send will put on the wire: the length and a hexdump
 * (offset, hex, ASCII), with the appended line ending and checksum marked.
 */
export function PayloadPreview({
  data,
  failed,
  checksumId,
}: {
  data: PreviewData | null;
  failed: boolean;
  checksumId: ChecksumId | 'none';
}) {
  const { t } = useT();
  const appended = data?.parts.filter((p) => p.kind !== 'body' && p.end > p.start) ?? [];
  return (
    <section className="payload-preview" role="region" aria-label={t('payload.preview')}>
      <header className="preview-head">
        <strong>{t('payload.preview')}</strong>
        {data && (
          <span className="preview-length">
            {data.length === 1
              ? t('payload.oneByte')
              : t('payload.byteCount', { count: formatCount(data.length) })}
          </span>
        )}
        <span className="preview-legend">
          <span className="part-line-ending">{t('payload.part.line-ending')}</span>
          <span className="part-checksum">{t('payload.part.checksum')}</span>
          <span className="part-placeholder">{t('payload.part.placeholder')}</span>
        </span>
      </header>
      {failed ? (
        <p className="muted">{t('payload.previewError')}</p>
      ) : !data || data.length === 0 ? (
        <p className="muted">{t('payload.previewEmpty')}</p>
      ) : (
        <>
          <pre className="preview-dump">
            <Rows bytes={data.head} offset={0} data={data} />
            {data.tail.length > 0 && (
              <>
                <span className="muted">
                  {t('payload.moreRows', {
                    count: formatCount(data.tailOffset - data.head.length),
                  })}
                  {'\n'}
                </span>
                <Rows bytes={data.tail} offset={data.tailOffset} data={data} />
              </>
            )}
          </pre>
          {appended.length > 0 && (
            <p className="preview-appended">
              {t('payload.appended', {
                parts: appended
                  .map((p) => {
                    const name =
                      p.kind === 'checksum' && checksumId !== 'none'
                        ? getChecksum(checksumId).label
                        : t(`payload.part.${p.kind}`);
                    return `${name} (${bytesAt(data, p.start, p.end)})`;
                  })
                  .join(', '),
              })}
            </p>
          )}
          {data.volatile && <p className="muted">{t('payload.drawnAtSend')}</p>}
        </>
      )}
    </section>
  );
}

function Rows({ bytes, offset, data }: { bytes: Uint8Array; offset: number; data: PreviewData }) {
  const rows: ReactNode[] = [];
  for (let start = 0; start < bytes.length; start += PER_LINE) {
    const cells: ReactNode[] = [];
    const ascii: ReactNode[] = [];
    for (let i = start; i < Math.min(start + PER_LINE, bytes.length); i++) {
      const b = bytes[i] as number;
      const kind = partAt(data, offset + i);
      const cls = kind === 'body' ? undefined : `part-${kind}`;
      const gap = i === start ? '' : (i - start) % 8 === 0 ? '  ' : ' ';
      cells.push(
        <Fragment key={i}>
          {gap}
          <span className={cls}>{hexByte(b, true)}</span>
        </Fragment>,
      );
      ascii.push(
        <span key={i} className={cls}>
          {b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.'}
        </span>,
      );
    }
    const pad = ' '.repeat(
      Math.max(0, (PER_LINE - cells.length) * 3 + (cells.length <= 8 ? 1 : 0)),
    );
    rows.push(
      <span key={start} className="preview-row">
        <span className="preview-offset">
          {(offset + start).toString(16).toUpperCase().padStart(8, '0')}
        </span>
        {'  '}
        {cells}
        {pad}
        {'  |'}
        {ascii}
        {'|\n'}
      </span>,
    );
  }
  return <>{rows}</>;
}

function bytesAt(data: PreviewData, start: number, end: number): string {
  const out: string[] = [];
  for (let i = start; i < end && out.length < 8; i++) {
    const b = i < data.head.length ? data.head[i] : data.tail[i - data.tailOffset];
    if (b !== undefined) out.push(hexByte(b, true));
  }
  return out.join(' ');
}
