import { Button, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useState } from 'react';
import { useShell, useTexts } from '../../context.js';
import { messageOf } from '../../api.js';
import type { Period } from './period.js';
import { useMonitoringStyles } from './styles.js';

/** The three exports of GET /api/tab/export, named as the server names them (bot/tab-api). */
const EXPORTS = [
  { kind: 'figures', format: 'csv', file: 'cijfers' },
  { kind: 'cases', format: 'csv', file: 'casussen' },
  { kind: 'json', format: 'json', file: 'ddas' },
] as const;
type Export = (typeof EXPORTS)[number];

/** The coordinator's export, saved as a file: the figures, the anonymous case list, or all as JSON. */
export function ExportButtons({ covenantId, period }: { covenantId: string; period: Period }) {
  const { api } = useShell();
  const t = useTexts();
  const w = t.tab.monitoring;
  const styles = useMonitoringStyles();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const label: Record<Export['kind'], string> = {
    figures: w.exportCsv,
    cases: w.exportCasesCsv,
    json: w.exportJson,
  };
  const download = async (chosen: Export) => {
    setBusy(true);
    setFailure(null);
    try {
      const file = await api.download('/export', {
        covenant: covenantId,
        from: period.from,
        to: period.to,
        format: chosen.format,
        ...(chosen.kind === 'cases' ? { cases: 'true' } : {}),
      });
      saveFile(file, `aanzet-${covenantId}-${chosen.file}-${period.from}-${period.to}.${chosen.format}`);
    } catch (error) {
      setFailure(messageOf(error, t.tab.monitoring.failedText));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-label={w.exportTitle}>
      <div className={styles.exports}>
        {EXPORTS.map((chosen) => (
          <Button key={chosen.kind} disabled={busy} onClick={() => void download(chosen)}>
            {label[chosen.kind]}
          </Button>
        ))}
      </div>
      {failure !== null ? (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>{w.exportFailed}</MessageBarTitle>
            {failure}
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </section>
  );
}

/** A download the browser saves: an <a download> on an object URL, released after the click. */
function saveFile(file: Blob, name: string) {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
