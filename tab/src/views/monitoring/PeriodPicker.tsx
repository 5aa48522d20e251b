import { Button, Field, Input } from '@fluentui/react-components';
import { MAX_PERIOD_YEARS } from '../../../../casework/reads/period-limit.js';
import { useTexts } from '../../context.js';
import { PRESETS, periodProblem, presetPeriod, type IsoDay, type Period } from './period.js';
import { useMonitoringStyles } from './styles.js';

/** From/to as date inputs, with presets that fill them in. A wrong period is said, and kept as typed. */
export function PeriodPicker({
  period,
  today,
  onChange,
}: {
  period: Period;
  today: IsoDay;
  onChange(period: Period): void;
}) {
  const w = useTexts().tab.monitoring;
  const styles = useMonitoringStyles();
  const problem = periodProblem(period);
  const fromMessage =
    problem === 'fromMissing' ? w.dateMissing : problem === 'fromAfterTo' ? w.fromAfterTo : undefined;
  const toMessage =
    problem === 'toMissing'
      ? w.dateMissing
      : problem === 'tooLong'
        ? w.periodTooLong(MAX_PERIOD_YEARS)
        : undefined;
  return (
    <>
      <div className={styles.presets} role="group" aria-label={w.presets}>
        {PRESETS.map((preset) => {
          const target = presetPeriod(preset, today);
          const chosen = target.from === period.from && target.to === period.to;
          return (
            <Button
              key={preset}
              appearance={chosen ? 'primary' : 'secondary'}
              aria-pressed={chosen}
              onClick={() => onChange(target)}
            >
              {w[preset]}
            </Button>
          );
        })}
      </div>
      <Field label={w.from} validationMessage={fromMessage} validationState={fromMessage ? 'error' : 'none'}>
        <Input
          type="date"
          value={period.from}
          onChange={(_, data) => onChange({ ...period, from: data.value })}
        />
      </Field>
      <Field label={w.to} validationMessage={toMessage} validationState={toMessage ? 'error' : 'none'}>
        <Input
          type="date"
          value={period.to}
          onChange={(_, data) => onChange({ ...period, to: data.value })}
        />
      </Field>
    </>
  );
}
